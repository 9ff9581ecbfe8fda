from django.urls import path

from intake import information, pages, views
from intake.status import views as status

app_name = "intake"
urlpatterns = [
    path("", pages.landing, name="landing"),
    path("request/", views.request_wizard, name="request"),
    path("request/confirmation/", pages.confirmation, name="confirmation"),
    path("request/confirmation/receipt.pdf", pages.confirmation_receipt, name="receipt"),
    path("request/saved/", pages.saved, name="saved"),
    path("request/resume/", pages.resume, name="resume"),
    path("request/<str:step>/", views.request_wizard, name="request_step"),
    path("tear-sheet/", pages.tear_sheet, name="tear_sheet"),
    path("tear-sheet/qr.svg", pages.qr_code, name="qr_code"),
    path("status/", status.status_page, name="status"),
    path("status/answer/", status.answer, name="status_answer"),
    path("status/leave/", status.leave, name="status_leave"),
    path(
        "information/<str:token>/",
        information.answer_information_request,
        name="information_answer",
    ),
]
