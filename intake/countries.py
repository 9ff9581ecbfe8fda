"""Countries in the public form: the nationalities most MPP enrollees hold come first.

The names come from django-countries. It has no Haitian Creole catalogue, so our own catalogue
carries these names (marked below) in every form language, and Django lets ours win.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_countries import countries

MOST_OFTEN_CHOSEN = {
    "BR": gettext_noop("Brazil"),
    "CO": gettext_noop("Colombia"),
    "CU": gettext_noop("Cuba"),
    "EC": gettext_noop("Ecuador"),
    "SV": gettext_noop("El Salvador"),
    "GT": gettext_noop("Guatemala"),
    "HT": gettext_noop("Haiti"),
    "HN": gettext_noop("Honduras"),
    "NI": gettext_noop("Nicaragua"),
    "PE": gettext_noop("Peru"),
    "VE": gettext_noop("Venezuela"),
}


_CHOICES_BY_LANGUAGE: dict[str, list] = {}


def country_choices():
    """A select's choices: the common nationalities in their own group, then every country.

    Named and sorted once per language: a form is built several times a request, and Django
    asks for the choices each time.
    """
    language = translation.get_language()
    if language not in _CHOICES_BY_LANGUAGE:
        common = sorted(
            ((code, str(countries.name(code))) for code in MOST_OFTEN_CHOSEN), key=_sort_key
        )
        _CHOICES_BY_LANGUAGE[language] = [
            ("", str(_("- Select -"))),
            (str(_("Most often chosen")), common),
            (str(_("All countries")), [(code, str(name)) for code, name in countries]),
        ]
    return _CHOICES_BY_LANGUAGE[language]


def _sort_key(choice):
    return str(choice[1]).casefold()
