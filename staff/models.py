"""The queues as proxies of Case: one list page each in the staff site (``staff.queues``).

Proxies hold no data and no permissions of their own: ``staff.admin`` decides who opens them,
``routing.access`` which cases they show.
"""

from cases.models import Case
from staff.queues import BY_NAME


class MyCase(Case):
    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = BY_NAME["mine"].item
        verbose_name_plural = BY_NAME["mine"].title


class TeamUnassignedCase(Case):
    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = BY_NAME["team_unassigned"].item
        verbose_name_plural = BY_NAME["team_unassigned"].title


class AwaitingInformationCase(Case):
    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = BY_NAME["awaiting_information"].item
        verbose_name_plural = BY_NAME["awaiting_information"].title


class DecidedCase(Case):
    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = BY_NAME["decided"].item
        verbose_name_plural = BY_NAME["decided"].title


class OverdueCase(Case):
    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = BY_NAME["overdue"].item
        verbose_name_plural = BY_NAME["overdue"].title


class CaseFile(Case):
    """Every case the user may see: search, and the case page."""

    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = BY_NAME["all"].item
        verbose_name_plural = BY_NAME["all"].title


class AuditQueueCase(Case):
    """CRCL's queue: the decided cases sampled for audit, not yet audited."""

    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = BY_NAME["audit"].item
        verbose_name_plural = BY_NAME["audit"].title


class LetterToPrintCase(Case):
    """Program personnel's queue: cases with a letter to print or to record as delivered."""

    class Meta:
        proxy = True
        default_permissions = ()
        verbose_name = BY_NAME["letters"].item
        verbose_name_plural = BY_NAME["letters"].title
