"""The staff site: the back office's own app, and the admin wired to use its site.

Two configurations, both listed explicitly in INSTALLED_APPS: ``StaffConfig`` for this app (its
models are the queues, so its label is "queues" and its pages live under /staff/queues/), and
``StaffAdminConfig`` in place of ``django.contrib.admin``, which makes ``admin.site`` our
``StaffSite`` the documented way (AdminConfig.default_site).
"""

from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "staff"
    label = "queues"
    verbose_name = _("Work queues")


class StaffAdminConfig(AdminConfig):
    default_site = "staff.site.StaffSite"
