"""Administrative changes in the staff site enter the audit trail, in the change's own transaction,
with what changed: each field before and after, never a secret.

Mix ``AuditedAdministration`` into a ModelAdmin (first, before ``admin.ModelAdmin``): adding,
changing (the form, list editing) and deleting an object, and every admin action that changes
the selected objects, each record an event with the object's fields as they were and as they
became. Django's admin runs the form and deletion views in a transaction; deletions of a
selection and actions get one here. Fields whose values are secrets (a password hash, a TOTP
key, a token) are named when they change, never shown; an admin lists more in
``audit_secret_fields``.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from audit.models import Action
from audit.services import record_events

SECRET_FIELDS = frozenset(
    {"password", "key", "secret", "token", "token_hash", "bin_key", "otp_secret"}
)
CHANGED_SECRET = "(changed; not recorded)"  # noqa: S105 - a marker, not a password


def _value(obj, field):
    if field.many_to_many:
        return sorted(str(related) for related in getattr(obj, field.name).all())
    if field.is_relation:
        related = getattr(obj, field.name, None)
        return None if related is None else {"id": related.pk, "name": str(related)[:200]}
    value = field.value_from_object(obj)
    try:
        return json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    except TypeError:  # a time zone, a schedule object: its text
        return str(value)


def snapshot(obj, secret_fields=()) -> dict:
    """The object's own fields and many-to-many lists; a secret only as a fingerprint to tell
    that it changed (it never leaves this process)."""
    secret = SECRET_FIELDS | set(secret_fields)
    values = {}
    for field in [*obj._meta.concrete_fields, *obj._meta.many_to_many]:
        value = _value(obj, field)
        values[field.name] = ("secret", hash(str(value))) if field.name in secret else value
    return values


def _public(values: dict) -> dict:
    return {name: value for name, value in values.items() if not _is_secret(value)}


def _is_secret(value) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and value[0] == "secret"


def differences(before: dict, after: dict) -> dict:
    changed = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        if _is_secret(old) or _is_secret(new):
            changed[name] = CHANGED_SECRET
        else:
            changed[name] = {"before": old, "after": new}
    return changed


def change_event(action, obj, **detail) -> dict:
    return {
        "action": action,
        "detail": {
            "model": obj._meta.label_lower,
            "object_id": obj.pk,
            "object": str(obj)[:200],
            **detail,
        },
    }


class AuditedAdministration:
    """See the module's docstring. Sets no class attribute, so the admin's own win."""

    def _audit_snapshot(self, obj) -> dict:
        return snapshot(obj, getattr(self, "audit_secret_fields", ()))

    def _fresh(self, pk):
        return self.model._default_manager.filter(pk=pk).first()

    def save_model(self, request, obj, form, change):
        stored = self._fresh(obj.pk) if change and obj.pk is not None else None
        form._audit_before = self._audit_snapshot(stored) if stored is not None else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = self._fresh(form.instance.pk)
        if obj is None:
            return
        before = getattr(form, "_audit_before", None)
        after = self._audit_snapshot(obj)
        if before is None:
            event = change_event(Action.ADMIN_ADD, obj, values=_public(after))
        else:
            changed = differences(before, after)
            if not changed:
                return
            event = change_event(Action.ADMIN_CHANGE, obj, changes=changed)
        record_events([event], actor=request.user, request=request)

    def delete_model(self, request, obj):
        event = change_event(Action.ADMIN_DELETE, obj, values=_public(self._audit_snapshot(obj)))
        super().delete_model(request, obj)
        record_events([event], actor=request.user, request=request)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            events = [
                change_event(Action.ADMIN_DELETE, obj, values=_public(self._audit_snapshot(obj)))
                for obj in queryset
            ]
            super().delete_queryset(request, queryset)
            record_events(events, actor=request.user, request=request)

    def get_actions(self, request):
        actions = super().get_actions(request)
        return {
            name: (func if name == "delete_selected" else self._audited_action(func), name, text)
            for name, (func, name, text) in actions.items()
        }

    def _audited_action(self, func):
        def audited(modeladmin, request, queryset):
            with transaction.atomic():
                chosen = list(queryset)
                before = {obj.pk: (obj, self._audit_snapshot(obj)) for obj in chosen}
                result = func(modeladmin, request, queryset)
                now = {obj.pk: obj for obj in self.model._default_manager.filter(pk__in=before)}
                events = []
                for pk, (obj, was) in before.items():
                    if pk not in now:
                        events.append(change_event(Action.ADMIN_DELETE, obj, values=_public(was)))
                        continue
                    changed = differences(was, self._audit_snapshot(now[pk]))
                    if changed:
                        events.append(change_event(Action.ADMIN_CHANGE, now[pk], changes=changed))
                record_events(events, actor=request.user, request=request)
            return result

        audited.__name__ = getattr(func, "__name__", "action")
        return audited
