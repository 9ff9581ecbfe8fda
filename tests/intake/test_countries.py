"""Choosing a country: the nationalities most enrollees hold first, named in the form's language."""

import re

import pytest

from cases.models import Case
from tests.intake.walk import ENROLLEE, post_step, step_url, submit

pytestmark = pytest.mark.django_db


def _at_enrollee_step(client, language):
    client.get(step_url("privacy", language))
    post_step(client, "privacy", {"language": language, "acknowledge": "on"}, language)
    post_step(client, "submitter", {"submitter_type": "enrollee"}, language)
    return client.get(step_url("enrollee", language)).content.decode()


def _group(page, label):
    select = re.search(r'<select name="enrollee-citizenship".*?</select>', page, re.S).group(0)
    group = re.search(rf'<optgroup label="{label}">(.*?)</optgroup>', select, re.S).group(1)
    return re.findall(r'<option value="(\w+)"[^>]*>([^<]+)</option>', group)


def test_it_offers_the_common_nationalities_first_in_haitian_creole(client):
    page = _at_enrollee_step(client, "ht")

    common = _group(page, "Sa moun chwazi pi souvan")
    assert common[0] == ("HT", "Ayiti")
    assert ("HN", "Ondiras") in common and ("CU", "Kiba") in common
    assert len(common) == 11
    # The full list is still there, and Haiti is named the same way in it.
    everything = _group(page, "Tout peyi yo")
    assert len(everything) > 240
    assert ("HT", "Ayiti") in everything


def test_it_names_the_common_nationalities_in_spanish(client):
    common = _group(_at_enrollee_step(client, "es"), "Los más elegidos")

    assert ("HT", "Haití") in common and ("PE", "Perú") in common


def test_it_accepts_a_country_from_either_group_and_refuses_one_from_neither(client):
    _at_enrollee_step(client, "en")
    unknown = post_step(client, "enrollee", {**ENROLLEE, "citizenship": "XX"})
    assert "Select a valid choice" in unknown.content.decode()
    from_the_full_list = post_step(client, "enrollee", {**ENROLLEE, "citizenship": "MX"})
    assert from_the_full_list.status_code == 302

    submit(client, language="en")
    assert Case.objects.get().enrollee.citizenship.code == "HN"
