"""Staff accounts: what a person acknowledged, and how their second factor was proved."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device


class RulesOfBehaviorAcknowledgement(models.Model):
    """A staff user accepted a version of the Rules of Behavior; asked again yearly."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="rules_acknowledgements"
    )
    version = models.CharField(max_length=20)
    acknowledged_at = models.DateTimeField(db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-acknowledged_at"]
        verbose_name = _("Rules of Behavior acknowledgement")
        verbose_name_plural = _("Rules of Behavior acknowledgements")

    def __str__(self):
        return f"{self.user} {self.version} {self.acknowledged_at:%Y-%m-%d}"


class IdentityProviderDevice(Device):
    """The agency identity provider's own multi-factor sign-in (for example a PIV card).

    When single sign-on asserts that the person used more than one factor, the session is
    verified with this stand-in device; it never accepts a typed code.
    """

    class Meta:
        verbose_name = _("identity provider sign-in")
        verbose_name_plural = _("identity provider sign-ins")

    def verify_token(self, token):
        return False
