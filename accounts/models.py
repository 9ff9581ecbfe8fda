"""Staff accounts: what a person acknowledged, how their second factor was proved, and which
of the identity provider's groups hold which role."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from accounts.roles import ROLES


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


class SignInRoleMapping(models.Model):
    """A group of the agency's identity provider, and the role its members get here.

    Administrators keep these in the staff site (every change audited). Until the first one is
    recorded, single sign-on uses the deployment's OIDC_GROUP_MAP.
    """

    provider_group = models.CharField(_("identity provider group"), max_length=200, unique=True)
    role = models.CharField(_("role"), max_length=20, choices=[(r, r) for r in ROLES])

    class Meta:
        ordering = ["provider_group"]
        verbose_name = _("sign-in provider mapping")
        verbose_name_plural = _("sign-in provider mappings")

    def __str__(self):
        return f"{self.provider_group} → {self.role}"
