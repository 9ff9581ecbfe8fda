"""Single sign-on for staff through the agency's OpenID Connect identity provider.

Off unless OIDC_ENABLED. The provider is the source of truth for who is staff and in which
role: its group claim is mapped to our groups at every sign-in, and someone with no mapped role
is refused. The local second factor is still required unless the provider's ID token says the
person signed in with more than one factor (its ``amr`` claim).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import Http404
from django_otp import login as otp_login
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts.access import forget_loaded_facts
from accounts.models import IdentityProviderDevice, SignInRoleMapping
from audit.models import Action
from audit.services import record_event

MFA_ASSERTED = "accounts.sso.mfa_asserted"


def asserts_multi_factor(id_token_claims: dict) -> bool:
    methods = id_token_claims.get("amr") or []
    if isinstance(methods, str):
        methods = [methods]
    return bool(set(methods) & set(settings.OIDC_MFA_AMR_VALUES))


def group_role_map() -> dict[str, str]:
    """The provider's groups and our roles: the administrators' mappings, or until they record
    one, the deployment's OIDC_GROUP_MAP."""
    recorded = dict(SignInRoleMapping.objects.values_list("provider_group", "role"))
    return recorded or dict(settings.OIDC_GROUP_MAP)


def roles_from_claims(claims: dict, mapping=None) -> list[str]:
    values = claims.get(settings.OIDC_GROUP_CLAIM) or []
    if isinstance(values, str):
        values = [values]
    mapping = group_role_map() if mapping is None else mapping
    return sorted({mapping[value] for value in values if value in mapping})


class StaffOIDCBackend(OIDCAuthenticationBackend):
    """Always listed in AUTHENTICATION_BACKENDS; signs nobody in unless OIDC_ENABLED."""

    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED:
            return None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None:
            self.request.session[MFA_ASSERTED] = asserts_multi_factor(payload)
        return user

    def verify_claims(self, claims):
        return bool(claims.get(settings.OIDC_USERNAME_CLAIM)) and bool(roles_from_claims(claims))

    def filter_users_by_claims(self, claims):
        username = claims.get(settings.OIDC_USERNAME_CLAIM)
        return get_user_model().objects.filter(username=username)

    @transaction.atomic
    def create_user(self, claims):
        user = get_user_model().objects.create_user(
            username=claims[settings.OIDC_USERNAME_CLAIM],
            email=claims.get("email", ""),
            is_staff=True,
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        return self.update_user(user, claims)

    @transaction.atomic
    def update_user(self, user, claims):
        mapping = group_role_map()
        roles = roles_from_claims(claims, mapping)
        managed = set(mapping.values())
        before = sorted(user.groups.values_list("name", flat=True))
        keep = [group for group in user.groups.all() if group.name not in managed]
        user.groups.set(keep + list(Group.objects.filter(name__in=roles)))
        forget_loaded_facts(user)  # roles read before this are stale
        after = sorted(user.groups.values_list("name", flat=True))
        if after != before:
            # The provider is the source of truth for roles; the change is audited as any other.
            record_event(
                action=Action.ADMIN_CHANGE,
                actor=user,
                request=self.request,
                detail={
                    "model": "auth.user",
                    "object_id": user.pk,
                    "object": user.get_username(),
                    "changes": {"groups": {"before": before, "after": after}},
                    "via": "identity provider",
                },
            )
        user.email = claims.get("email", user.email)
        user.is_staff = True
        user.save(update_fields=["email", "is_staff"])
        return user


class StaffOIDCCallbackView(OIDCAuthenticationCallbackView):
    def login_success(self):
        response = super().login_success()
        if self.request.session.pop(MFA_ASSERTED, False):
            device, _created = IdentityProviderDevice.objects.get_or_create(
                user=self.user, defaults={"name": "agency identity provider", "confirmed": True}
            )
            otp_login(self.request, device)
            record_event(
                action=Action.SECOND_FACTOR_OK,
                actor=self.user,
                request=self.request,
                detail={"via": "identity provider"},
            )
        return response


def _only_when_enabled(view):
    def guarded(request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


start_sign_in = _only_when_enabled(OIDCAuthenticationRequestView.as_view())
finish_sign_in = _only_when_enabled(StaffOIDCCallbackView.as_view())
