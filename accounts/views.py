"""Staff sign-in pages: the warned login wizard and the Rules of Behavior."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from two_factor.forms import AuthenticationTokenForm, BackupTokenForm
from two_factor.views import BackupTokensView, LoginView, ProfileView

from accounts.forms import RulesOfBehaviorForm, WarnedAuthenticationForm
from accounts.services import acknowledge_rules_of_behavior
from accounts.throttle import address_is_slowed
from audit.models import Action
from audit.services import record_event

RESET_REQUEST_RATE = "5/h"


class StaffLoginView(LoginView):
    template_name = "two_factor/core/login.html"
    form_list = (
        (LoginView.AUTH_STEP, WarnedAuthenticationForm),
        (LoginView.TOKEN_STEP, AuthenticationTokenForm),
        (LoginView.BACKUP_STEP, BackupTokenForm),
    )

    def post(self, *args, **kwargs):
        if self.steps.current == self.AUTH_STEP and address_is_slowed(self.request):
            return render(
                self.request, "accounts/address_slowed.html", {"minutes": 60}, status=429
            )
        return super().post(*args, **kwargs)

    def get_context_data(self, form, **kwargs):
        return {**super().get_context_data(form, **kwargs), "sso_enabled": settings.OIDC_ENABLED}

    def render(self, form=None, **kwargs):
        # An invalid token or backup code: two_factor raises no signal for it, so record here.
        step = self.steps.current
        if form is not None and form.is_bound and form.errors and step != self.AUTH_STEP:
            record_event(
                action=Action.SECOND_FACTOR_FAILED,
                actor=self.get_user(),
                request=self.request,
                detail={"step": step},
            )
        return super().render(form, **kwargs)


@login_required
def rules_of_behavior(request):
    form = RulesOfBehaviorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        acknowledge_rules_of_behavior(user=request.user, request=request)
        target = request.GET.get("next", "")
        safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        return redirect(target if safe and target else "admin:index")
    return render(request, "accounts/rules_of_behavior.html", {"form": form})


class _InStaffLayout:
    """two_factor's account pages, drawn in the staff site's layout (its header, user links)."""

    def get_context_data(self, **kwargs):
        return {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}


class AccountSecurityView(_InStaffLayout, ProfileView):
    pass


class BackupCodesView(_InStaffLayout, BackupTokensView):
    pass
