"""Forgetting cached facts when what they summarise changes: grants and routing rules.

``routing.access`` keeps, per user, which permissions they hold on some case in person. A
grant to one person is made or removed through the model (django-guardian's ``assign_perm``,
``remove_perm``, the admin), so these receivers see it. The cache is emptied now and again
when the change commits, so a request reading in between cannot keep the old answer.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from routing.access import forget_personal_grants
from routing.models import CaseUserObjectPermission, RoutingRule
from routing.selectors import forget_active_rules


def _personal_grant_changed(sender, instance, **kwargs):
    forget_personal_grants(instance.user_id)
    transaction.on_commit(lambda: forget_personal_grants(instance.user_id))


def _rule_changed(sender, instance, **kwargs):
    forget_active_rules()
    transaction.on_commit(forget_active_rules)


def connect():
    for signal in (post_save, post_delete):
        signal.connect(
            _personal_grant_changed,
            sender=CaseUserObjectPermission,
            dispatch_uid=f"routing_personal_grant_{signal is post_save}",
        )
        signal.connect(
            _rule_changed,
            sender=RoutingRule,
            dispatch_uid=f"routing_rule_{signal is post_save}",
        )
