from django import template
from django.urls import reverse

from staff import selectors
from staff.queues import QUEUES

register = template.Library()


def changelist_url(queue) -> str:
    return reverse(f"admin:queues_{queue.model_name.lower()}_changelist")


@register.inclusion_tag("staff/queue_counts.html", takes_context=True)
def queue_counts(context):
    """The home page's table: each counted queue, how many cases wait in it, and its link."""
    user = context["request"].user
    if not selectors.may_use_back_office(user):
        return {"queues": []}
    counts = selectors.queue_counts(user=user)
    return {
        "queues": [
            (queue.counted_as, counts[queue.name], changelist_url(queue))
            for queue in QUEUES
            if queue.counted_as is not None and selectors.may_open_queue(user, queue)
        ]
    }
