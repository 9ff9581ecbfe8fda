"""Every administrative change in the audit trail, in the change's own transaction: what
changed, before and after, and never a secret. One test per kind of change."""

from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.forms import MultiWidget
from django.test import RequestFactory
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SignInRoleMapping
from audit.admin_changes import AuditedAdministration
from audit.models import Action, AuditEvent
from cases.models import LegalHold, MessageTemplate, RetentionSchedule, Status
from routing.models import PortOfEntry, RoutingRule
from tests import factories

pytestmark = pytest.mark.django_db


def resubmit(client, url, **changes):
    """Post a change form back as the page shows it, with ``changes`` made."""
    form = client.get(url).context["adminform"].form
    data = {"_save": "Save"}
    for name, field in form.fields.items():
        value = form[name].value()
        if field.disabled or value is None:
            continue
        if isinstance(field.widget, MultiWidget):
            for index, part in enumerate(field.widget.decompress(value)):
                data[f"{name}_{index}"] = "" if part is None else str(part)
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        else:
            data[name] = str(value)
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:4000]
    return response


def events(action, model=None):
    found = AuditEvent.objects.filter(action=action).order_by("id")
    return [e for e in found if model is None or e.detail.get("model") == model]


def test_a_person_added_and_changed(staff, verified_client, django_user_model):
    client = verified_client(staff.admin)
    client.post(
        "/staff/auth/user/add/",
        {
            "username": "ana.new",
            "usable_password": "true",
            "password1": "a long enough passphrase 7",
            "password2": "a long enough passphrase 7",
        },
    )
    person = django_user_model.objects.get(username="ana.new")
    resubmit(
        client, f"/staff/auth/user/{person.pk}/change/", first_name="Ana", email="ana@dhs.example"
    )

    (added,) = events(Action.ADMIN_ADD, "auth.user")
    assert (added.actor_username, added.detail["object_id"]) == ("admin.officer", person.pk)
    assert added.detail["values"]["username"] == "ana.new"
    assert "password" not in added.detail["values"]  # not even its hash
    (changed,) = events(Action.ADMIN_CHANGE, "auth.user")
    assert changed.detail["changes"] == {
        "email": {"before": "", "after": "ana@dhs.example"},
        "first_name": {"before": "", "after": "Ana"},
    }


def test_a_change_of_roles(staff, verified_client):
    cbp, uscis = Group.objects.get(name="cbp"), Group.objects.get(name="uscis")

    resubmit(
        verified_client(staff.admin),
        f"/staff/auth/user/{staff.cbp.pk}/change/",
        groups=[str(cbp.pk), str(uscis.pk)],
    )

    (changed,) = events(Action.ADMIN_CHANGE, "auth.user")
    assert changed.detail["object"] == "cbp.officer"
    assert changed.detail["changes"] == {"groups": {"before": ["cbp"], "after": ["cbp", "uscis"]}}


def test_a_change_of_what_a_role_may_do(staff, superuser, verified_client):
    role = Group.objects.get(name="leadership")
    permission = Permission.objects.get(codename="view_weeklyreport")

    resubmit(
        verified_client(superuser),
        f"/staff/auth/group/{role.pk}/change/",
        permissions=[str(permission.pk)],
    )

    (changed,) = events(Action.ADMIN_CHANGE, "auth.group")
    assert changed.actor_username == "root.operator"
    assert changed.detail["changes"] == {"permissions": {"before": [], "after": [str(permission)]}}


def test_a_password_an_administrator_sets(staff, verified_client):
    verified_client(staff.admin).post(
        f"/staff/auth/user/{staff.cbp.pk}/password/",
        {"password1": "a fresh passphrase 42", "password2": "a fresh passphrase 42"},
    )

    (event,) = events(Action.PASSWORD_CHANGED)
    assert (event.actor_username, event.detail["username"]) == ("admin.officer", "cbp.officer")
    staff.cbp.refresh_from_db()
    assert staff.cbp.password[:20] not in str(AuditEvent.objects.values_list("detail"))


def test_a_routing_rule_changed(staff, verified_client):
    rule = RoutingRule.objects.order_by("order").first()

    resubmit(
        verified_client(staff.admin),
        f"/staff/routing/routingrule/{rule.pk}/change/",
        explanation="Reviewed by the program office in 2026.",
    )

    (changed,) = events(Action.ADMIN_CHANGE, "routing.routingrule")
    assert changed.detail["changes"]["explanation"]["after"] == (
        "Reviewed by the program office in 2026."
    )
    assert changed.detail["changes"]["explanation"]["before"] == rule.explanation
    assert set(changed.detail["changes"]) <= {"explanation", "updated_at"}


def test_a_message_template_edited(staff, verified_client):
    template = MessageTemplate.objects.get(kind="decision", language="en")

    resubmit(
        verified_client(staff.program),
        f"/staff/cases/messagetemplate/{template.pk}/change/",
        body="DHS decided your request $case_number: $outcome",
    )

    (changed,) = events(Action.ADMIN_CHANGE, "cases.messagetemplate")
    assert changed.actor_username == "program.officer"
    assert changed.detail["changes"] == {
        "body": {
            "before": template.body,
            "after": "DHS decided your request $case_number: $outcome",
        }
    }


def test_a_port_of_entry_added_and_switched_off(staff, verified_client):
    client = verified_client(staff.program)
    added = client.post(
        "/staff/routing/portofentry/add/",
        {
            "name": "Nogales (DeConcini)",
            "code": "NOG",
            "time_zone": "America/Phoenix",
            "address": "DeConcini port of entry, Nogales, Arizona",
            "is_active": "on",
        },
    )
    assert added.status_code == 302, added.content.decode()[:3000]
    port = PortOfEntry.objects.get(code="NOG")
    resubmit(client, f"/staff/routing/portofentry/{port.pk}/change/", is_active="")

    (created,) = events(Action.ADMIN_ADD, "routing.portofentry")
    assert created.detail["values"]["time_zone"] == "America/Phoenix"
    (switched_off,) = events(Action.ADMIN_CHANGE, "routing.portofentry")
    assert switched_off.detail["changes"] == {"is_active": {"before": True, "after": False}}


def test_a_retention_schedule_added_and_activated(staff, verified_client):
    client = verified_client(staff.admin)
    client.post(
        "/staff/cases/retentionschedule/add/",
        {
            "record_type": "withdrawn_case",
            "retain_days_after_closure": "365",
            "authority": "GRS 1.1",
        },
    )
    schedule = RetentionSchedule.objects.get(record_type="withdrawn_case")
    client.post(
        "/staff/cases/retentionschedule/",
        {"action": "activate", "_selected_action": [str(schedule.pk)]},
    )

    (added,) = events(Action.ADMIN_ADD, "cases.retentionschedule")
    assert added.detail["values"]["retain_days_after_closure"] == 365
    (activated,) = events(Action.ADMIN_CHANGE, "cases.retentionschedule")
    changes = activated.detail["changes"]
    assert changes["active"] == {"before": False, "after": True}
    assert changes["approved_by"]["after"] == {"id": staff.admin.pk, "name": "admin.officer"}


def test_a_legal_hold_placed_and_released(staff, verified_client):
    case = factories.case_in(Status.TRIAGE)
    client = verified_client(staff.admin)
    client.post("/staff/cases/legalhold/add/", {"case": str(case.pk), "reason": "Litigation"})
    hold = LegalHold.objects.get(case=case)
    client.post(
        "/staff/cases/legalhold/", {"action": "release", "_selected_action": [str(hold.pk)]}
    )

    (placed,) = events(Action.ADMIN_ADD, "cases.legalhold")
    assert placed.detail["values"]["reason"] == "Litigation"
    (released,) = events(Action.ADMIN_CHANGE, "cases.legalhold")
    assert released.detail["changes"]["released_by"] == {
        "before": None,
        "after": {"id": staff.admin.pk, "name": "admin.officer"},
    }


@pytest.fixture
def weekly_entry(db):
    crontab = CrontabSchedule.objects.create(minute="0", hour="7", day_of_week="mon")
    return PeriodicTask.objects.create(
        name="weekly-leadership-report", task="reporting.tasks.send_weekly_report", crontab=crontab
    )


def test_a_periodic_task_rescheduled_and_disabled(staff, verified_client, weekly_entry):
    later = CrontabSchedule.objects.create(minute="30", hour="9", day_of_week="tue")
    client = verified_client(staff.admin)

    resubmit(
        client,
        f"/staff/django_celery_beat/periodictask/{weekly_entry.pk}/change/",
        crontab=str(later.pk),
    )
    client.post(
        "/staff/django_celery_beat/periodictask/",
        {"action": "disable_tasks", "_selected_action": [str(weekly_entry.pk)]},
    )

    rescheduled, disabled = events(Action.ADMIN_CHANGE, "django_celery_beat.periodictask")
    assert rescheduled.detail["changes"]["crontab"]["after"]["id"] == later.pk
    assert disabled.detail["changes"]["enabled"] == {"before": True, "after": False}


def test_an_administrator_changes_when_a_job_runs_never_what_runs(
    staff, verified_client, weekly_entry
):
    client = verified_client(staff.admin)
    url = f"/staff/django_celery_beat/periodictask/{weekly_entry.pk}/change/"
    page = client.get(url).content.decode()
    assert (
        'name="task"' not in page and 'name="regtask"' not in page and 'name="kwargs"' not in page
    )

    resubmit(client, url, task="cases.tasks.dispose_of_records_past_retention", kwargs="{}")

    weekly_entry.refresh_from_db()
    assert weekly_entry.task == "reporting.tasks.send_weekly_report"
    actions = client.get("/staff/django_celery_beat/periodictask/").context["action_form"]
    assert "run_tasks" not in dict(actions.fields["action"].choices)


def test_a_lockout_reset_in_the_staff_site_and_by_command(staff, verified_client):
    def locked(username):
        return AccessAttempt.objects.create(
            username=username,
            ip_address="198.51.100.7",
            user_agent="x",
            failures_since_start=5,
            attempt_time=timezone.now(),
            get_data="",
            post_data="",
            http_accept="",
            path_info="/staff/account/login/",
        )

    attempt = locked("cbp.officer")
    verified_client(staff.admin).post(
        "/staff/axes/accessattempt/", {"action": "unlock", "_selected_action": [str(attempt.pk)]}
    )
    locked("uscis.officer")
    call_command("axes_reset_username", "uscis.officer", stdout=StringIO())

    by_site, by_command = events(Action.LOCKOUT_RESET)
    assert not AccessAttempt.objects.exists()
    assert (by_site.actor_username, by_site.detail["username"]) == ("admin.officer", "cbp.officer")
    assert by_site.detail["failures"] == 5
    assert (by_command.actor_username, by_command.detail["username"]) == ("", "uscis.officer")
    assert by_command.detail["via"] == "command line"


def test_a_second_factor_reset(staff, verified_client):
    TOTPDevice.objects.create(user=staff.uscis, name="phone")
    verified_client(staff.admin).post(
        "/staff/auth/user/",
        {"action": "reset_second_factor", "_selected_action": [str(staff.uscis.pk)]},
    )

    (reset,) = events(Action.SECOND_FACTOR_RESET)
    assert reset.detail == {
        "user_id": staff.uscis.pk,
        "username": "uscis.officer",
        "devices": ["TOTPDevice"],
    }


def test_a_sign_in_provider_mapping_added_and_removed(staff, verified_client):
    client = verified_client(staff.admin)
    client.post(
        "/staff/accounts/signinrolemapping/add/", {"provider_group": "MPP-CBP", "role": "cbp"}
    )
    mapping = SignInRoleMapping.objects.get()
    client.post(f"/staff/accounts/signinrolemapping/{mapping.pk}/delete/", {"post": "yes"})

    (added,) = events(Action.ADMIN_ADD, "accounts.signinrolemapping")
    (removed,) = events(Action.ADMIN_DELETE, "accounts.signinrolemapping")
    assert added.detail["values"] == {"id": mapping.pk, "provider_group": "MPP-CBP", "role": "cbp"}
    assert removed.detail["values"] == added.detail["values"]
    assert not SignInRoleMapping.objects.exists()


def test_the_change_and_its_event_are_one_transaction(staff, verified_client):
    """If the event cannot be appended, the change it records does not happen either."""
    rule = RoutingRule.objects.order_by("order").first()
    with connection.cursor() as cursor:  # the audit table refuses this one kind of event
        cursor.execute(
            "ALTER TABLE audit_auditevent ADD CONSTRAINT no_admin_change_here "
            "CHECK (action <> 'admin_change')"
        )
    client = verified_client(staff.admin)
    client.raise_request_exception = False
    page = client.get(f"/staff/routing/routingrule/{rule.pk}/change/")
    data = {**_posted(page), "explanation": "Never saved."}

    response = client.post(f"/staff/routing/routingrule/{rule.pk}/change/", data)

    assert response.status_code == 500
    rule.refresh_from_db()
    assert rule.explanation != "Never saved."


def _posted(page):
    form = page.context["adminform"].form
    data = {"_save": "Save"}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif value is not None:
            data[name] = str(value)
    return data


# Pages whose changes go through audited services of their own: unlocking (accounts.services),
# CRCL's audit requests and their approval (routing.crcl_audits), which are case work.
CHANGING_THROUGH_AUDITED_SERVICES = {"LockoutAdmin", "AuditRequestAdmin"}


def test_every_page_that_can_change_something_is_audited(superuser):
    request = RequestFactory().get("/staff/")
    request.user = superuser
    unaudited = []
    for model, model_admin in admin.site._registry.items():
        may_change = (
            model_admin.has_add_permission(request)
            or model_admin.has_change_permission(request)
            or model_admin.has_delete_permission(request)
        )
        audited = isinstance(model_admin, AuditedAdministration) or (
            type(model_admin).__name__ in CHANGING_THROUGH_AUDITED_SERVICES
        )
        if may_change and not audited:
            unaudited.append(model._meta.label)
    # A new page (ports of entry, ...) passes once its admin mixes in AuditedAdministration.
    assert unaudited == []
