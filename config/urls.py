from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from two_factor.admin import AdminSiteOTPRequired

from config.health import healthz

admin.site.site_header = _("MPP Case Request System: staff")
admin.site.site_title = _("MPP case requests")
admin.site.index_title = _("Work queues")
# Every staff page needs a verified second factor (audit: staff accountability).
admin.site.__class__ = AdminSiteOTPRequired

urlpatterns = [
    path("staff/", include("accounts.urls")),
    path("staff/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
]
urlpatterns += i18n_patterns(
    path("", include("intake.urls")),
    prefix_default_language=False,
)

if settings.MPP_BENCH_FLOOR_VIEW:
    from config.bench_floor import insert_one_row

    urlpatterns += [path("bench/floor/", insert_one_row)]
