"""The staff site: Django's admin, with a verified second factor required on every page."""

import copy

from django.contrib.admin import ModelAdmin
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from two_factor.admin import AdminSiteOTPRequired

from audit.admin_lookups import offering_only_its_lookups
from routing.access import roles_of

# The menus built so far, per (who the user is to the admin, language); at most this many.
_MENUS_KEPT = 256


class StaffSite(AdminSiteOTPRequired):
    site_header = _("MPP Case Request System: staff")
    site_title = _("MPP case requests")
    index_title = _("Work queues")
    # The home page: counts per queue above the app list.
    index_template = "staff/index.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._menus = {}  # get_app_list's, per kind of user

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every page, ours and the libraries', filters only by what it offers (a 400 otherwise).
        admin_class = offering_only_its_lookups(admin_class or ModelAdmin)
        super().register(model_or_iterable, admin_class, **options)

    def get_app_list(self, request, app_label=None):
        """The menu on every page (and the home page's list), built once per kind of user.

        Building it asks every registered admin its permission checks and reverses its URLs:
        a fifth of a queue page's time (issue 19). What it shows depends only on the key
        below (every check here reads the user's roles, permissions and flags) and the
        language, so a menu built for one user serves every user with the same key; a role or
        permission changed gives a new key. A copy is returned: callers may sort or annotate.
        """
        user = request.user
        key = (
            app_label,
            get_language(),
            user.is_active,
            user.is_staff,
            user.is_superuser,
            roles_of(user),
            frozenset(user.get_all_permissions()),
        )
        menu = self._menus.get(key)
        if menu is None:
            if len(self._menus) >= _MENUS_KEPT:
                self._menus.clear()
            menu = self._menus[key] = super().get_app_list(request, app_label)
        return copy.deepcopy(menu)
