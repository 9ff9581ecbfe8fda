from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from routing.staff import selectors

register = template.Library()

QUEUES = (
    ("mine", "routing_mycase", _("My cases")),
    ("team_unassigned", "routing_teamunassignedcase", _("My team's unassigned cases")),
    ("awaiting_information", "routing_awaitinginformationcase", _("Awaiting information")),
    ("decided", "routing_decidedcase", _("Decided, to communicate")),
    ("overdue", "routing_overduecase", _("Overdue")),
    ("audit", "routing_auditqueuecase", _("Sampled for CRCL audit, not yet audited")),
)


@register.inclusion_tag("admin/routing/queue_counts.html", takes_context=True)
def queue_counts(context):
    user = context["request"].user
    if not selectors.may_use_back_office(user):
        return {"queues": []}
    counts = selectors.queue_counts(user=user)
    return {
        "queues": [
            (label, counts[name], reverse(f"admin:{url}_changelist")) for name, url, label in QUEUES
        ]
    }
