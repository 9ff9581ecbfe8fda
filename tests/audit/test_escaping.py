"""Text an outsider controls (a typed username, a User-Agent) comes out escaped to staff."""

from audit.models import Action, AuditEvent

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_a_script_typed_as_a_username_is_escaped_in_the_audit_log(client, verified_client, staff):
    client.post(
        "/staff/account/login/",
        {
            "staff_login_view-current_step": "auth",
            "auth-username": PAYLOAD,
            "auth-password": "whatever it is",
            "auth-accept_warning": "on",
        },
        HTTP_USER_AGENT=PAYLOAD,
    )
    failure = AuditEvent.objects.get(action=Action.SIGN_IN_FAILED)
    admin = verified_client(staff.admin)

    for page in (
        admin.get("/staff/audit/auditevent/", {"action": "sign_in_failed"}),
        admin.get(f"/staff/audit/auditevent/{failure.pk}/change/"),
    ):
        html = page.content.decode()
        assert page.status_code == 200
        assert "<script>alert" not in html
        assert "<img src=x" not in html
    assert "&lt;script&gt;" in html
