from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from config.health import healthz

# admin.site is the staff site (staff.site.StaffSite, through staff.apps.StaffAdminConfig):
# every page needs a verified second factor.
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

# Error pages in the layout of the site they happen on (public or staff).
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"

if settings.MPP_BENCH_FLOOR_VIEW:
    from config.bench_floor import insert_one_row, list_fifty_cases

    urlpatterns += [
        path("bench/floor/", insert_one_row),
        path("bench/floor/cases/", list_fifty_cases),
    ]
