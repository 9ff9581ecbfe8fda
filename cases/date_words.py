"""Django's month names, listed so they enter our catalogues.

Dates in messages and on the status page are written with the month's name ("F"); Django ships
no Haitian Creole, so its names come from our catalogue (with the formats in config/formats/ht).
Django's own lookups find these translations by the same msgid.
"""

from django.utils.translation import gettext_noop

MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)
