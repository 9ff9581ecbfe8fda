"""Signing staff in for tests that are not about signing in.

Every staff page needs a verified second factor and current Rules of Behavior; this does what
the real sign-in does (a confirmed TOTP device, verified in the session, rules acknowledged).
"""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.services import acknowledge_rules_of_behavior


def sign_in_verified(client, user, *, acknowledge_rules=True):
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="default", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    if acknowledge_rules:
        acknowledge_rules_of_behavior(user=user)
    return device
