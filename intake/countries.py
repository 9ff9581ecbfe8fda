"""Countries in the public form: the nationalities most MPP enrollees hold come first.

The names come from django-countries; every one of them is also in our own catalogue
(``intake.country_names``), since the library has no Haitian Creole, and Django lets ours win.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from intake.country_names import COUNTRY_NAMES

MOST_OFTEN_CHOSEN = {
    code: COUNTRY_NAMES[code]
    for code in ("BR", "CO", "CU", "EC", "SV", "GT", "HT", "HN", "NI", "PE", "VE")
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
