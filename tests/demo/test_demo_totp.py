"""Demo users get in with a second factor too, through a code printed only in demo mode."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture
def demo_user(db, django_user_model):
    return django_user_model.objects.create_user(username="demo-cbp", is_staff=True)


def test_it_prints_a_code_the_demo_users_device_accepts(demo_user, settings):
    settings.MPP_DEMO_MODE = True
    out = StringIO()
    call_command("demo_totp", "demo-cbp", stdout=out, stderr=StringIO())
    device = TOTPDevice.objects.get(user=demo_user)
    assert device.verify_token(out.getvalue().strip())


def test_it_refuses_outside_demo_mode(demo_user, settings):
    settings.MPP_DEMO_MODE = False
    with pytest.raises(CommandError, match="MPP_DEMO_MODE"):
        call_command("demo_totp", "demo-cbp", stdout=StringIO(), stderr=StringIO())
    assert not TOTPDevice.objects.exists()
