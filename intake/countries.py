"""Countries in the public form: the nationalities most MPP enrollees hold come first.

The names come from django-countries. It has no Haitian Creole catalogue, so our own catalogue
carries these names (marked below) in every form language, and Django lets ours win.
"""

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


def country_choices():
    """A select's choices: the common nationalities in their own group, then every country."""
    common = sorted(((code, countries.name(code)) for code in MOST_OFTEN_CHOSEN), key=_sort_key)
    return [
        ("", _("- Select -")),
        (_("Most often chosen"), common),
        (_("All countries"), list(countries)),
    ]


def _sort_key(choice):
    return str(choice[1]).casefold()
