"""The staff site: Django's admin, with a verified second factor required on every page."""

from django.contrib.admin import ModelAdmin
from django.utils.translation import gettext_lazy as _
from two_factor.admin import AdminSiteOTPRequired

from audit.admin_lookups import offering_only_its_lookups


class StaffSite(AdminSiteOTPRequired):
    site_header = _("MPP Case Request System: staff")
    site_title = _("MPP case requests")
    index_title = _("Work queues")
    # The home page: counts per queue above the app list.
    index_template = "staff/index.html"

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every page, ours and the libraries', filters only by what it offers (a 400 otherwise).
        admin_class = offering_only_its_lookups(admin_class or ModelAdmin)
        super().register(model_or_iterable, admin_class, **options)
