"""The staff site: Django's admin, with a verified second factor required on every page."""

from django.utils.translation import gettext_lazy as _
from two_factor.admin import AdminSiteOTPRequired


class StaffSite(AdminSiteOTPRequired):
    site_header = _("MPP Case Request System: staff")
    site_title = _("MPP case requests")
    index_title = _("Work queues")
    # The home page: counts per queue above the app list.
    index_template = "staff/index.html"
