from django.urls import path

from intake import information, views
from intake.status import views as status

app_name = "intake"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("request/", views.request_wizard, name="request"),
    path("request/confirmation/", views.confirmation, name="confirmation"),
    path("request/<str:step>/", views.request_wizard, name="request_step"),
    path("tear-sheet/", views.tear_sheet, name="tear_sheet"),
    path("tear-sheet/qr.svg", views.qr_code, name="qr_code"),
    path("status/", status.status_page, name="status"),
    path("status/answer/", status.answer, name="status_answer"),
    path("status/leave/", status.leave, name="status_leave"),
    path(
        "information/<str:token>/",
        information.answer_information_request,
        name="information_answer",
    ),
]
