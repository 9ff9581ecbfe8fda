"""Embedded demo only: give a demo user a TOTP device with a known secret and print its code."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

# Known to anyone who reads this file: that is the point, and why MPP_DEMO_MODE guards it.
DEMO_TOTP_KEY = "4d50502d64656d6f2d6f6e6c792d6e6f742d7365637265"


class Command(BaseCommand):
    help = "Demo mode only: print the current second-factor code of a demo user."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not settings.MPP_DEMO_MODE:
            raise CommandError("demo_totp works only when MPP_DEMO_MODE is on.")
        user = get_user_model().objects.filter(username=username).first()
        if user is None or not username.startswith("demo-"):
            raise CommandError(f"No demo user {username!r} (run seed_demo first).")
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name="default", defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
        )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
        self.stderr.write(
            f"Current code for {username}; a new one every {device.step} seconds. "
            "Run again to get it."
        )
