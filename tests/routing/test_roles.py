"""The seven roles exist as groups, each with the model permissions of its duties."""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts import roles
from cases.components import COMPONENTS
from routing.role_permissions import ROLE_PERMISSIONS

pytestmark = pytest.mark.django_db


def _perms(role):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=role).permissions.select_related("content_type")
    }


def test_it_creates_every_role_with_the_permissions_of_its_table():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)
    for role, wanted in ROLE_PERMISSIONS.items():
        assert _perms(role) == set(wanted), role


def test_only_program_personnel_and_administrators_see_every_case():
    holders = {role for role in roles.ROLES if "cases.view_case" in _perms(role)}

    assert holders == {"program", "admin"}


def test_developers_and_leadership_hold_no_permission_on_case_data():
    for role in ("developers", "leadership"):
        assert not {perm for perm in _perms(role) if perm.startswith("cases.")}, role


def test_the_module_permissions_are_permissions_on_the_case():
    codenames = {module.module_permission for module in COMPONENTS.values()}

    found = Permission.objects.filter(
        content_type__app_label="cases", content_type__model="case", codename__in=codenames
    )
    assert found.count() == 4


def test_administrators_may_change_the_schedule_and_retention_but_read_cases_only(staff):
    admin = staff.admin
    for perm in (
        "django_celery_beat.change_periodictask",
        "django_celery_beat.change_crontabschedule",
        "cases.change_retentionschedule",
        "cases.add_legalhold",
        "cases.view_disposition",
    ):
        assert admin.has_perm(perm), perm
    assert not admin.has_perm("cases.change_case")
    assert not admin.has_perm("cases.delete_disposition")
