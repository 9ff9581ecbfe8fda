"""The public page where a requestor answers a further-information request, with no account.

The link's token is the only key; ``cases.services.information`` decides whether it is still
good (unanswered and not past its due date, at this very moment) and files the answer. The
status page takes the same answer through ``file_answer``.
"""

from dataclasses import dataclass

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from cases.models import DocumentKind
from cases.services import information
from intake.forms import MultipleFileInput
from intake.uploads import (
    ACCEPT_ATTRIBUTE,
    UploadRejected,
    accept_upload,
    discard_held,
    held_document,
)

ANSWER_MAX = 5000


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"class": "usa-textarea", "rows": 8}),
    )
    # Checked one by one by intake.uploads (limits and real type), like the request form's.
    files = forms.Field(
        label=_("Documents (optional): PDF, JPEG, PNG or HEIC, up to 10 MB each"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE, "class": "usa-file-input"}),
    )


def _hold(files, form):
    held = []
    for uploaded in files:
        try:
            held.append(accept_upload(uploaded, already_held=held).as_session_data())
        except UploadRejected as problem:
            form.add_error("files", problem.args[0])
    return held


def _documents(held):
    return [held_document(item, kind=DocumentKind.INFORMATION_RESPONSE) for item in held]


@dataclass(frozen=True)
class FiledAnswer:
    valid: bool  # the form and every file were acceptable
    answered: object = None  # the request answered; None if it could no longer be answered


def file_answer(request, form, *, answer) -> FiledAnswer:
    """Check the posted answer and files and hand them to ``answer(answer=, documents=)``;
    held files are closed and removed whatever happens."""
    if not form.is_valid():
        return FiledAnswer(valid=False)
    held = _hold(request.FILES.getlist("files"), form)
    if not form.is_valid():
        discard_held(held)
        return FiledAnswer(valid=False)
    documents = _documents(held)
    try:
        answered = answer(answer=form.cleaned_data["answer"], documents=documents)
    finally:
        for document in documents:
            if document.file is not None:
                document.file.close()
        discard_held(held)
    return FiledAnswer(valid=True, answered=answered)


@never_cache
def answer_information_request(request, token):
    pending = information.open_request_for_token(token)
    if pending is None:
        return render(request, "intake/information_gone.html", status=404)
    form = AnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        filed = file_answer(
            request,
            form,
            answer=lambda **given: information.answer_information_request(token=token, **given),
        )
        if filed.valid and filed.answered is None:
            return render(request, "intake/information_gone.html", status=404)
        if filed.valid:
            return render(request, "intake/information_thanks.html")
    return render(
        request,
        "intake/information.html",
        {"form": form, "message": pending.message, "due_at": pending.due_at},
    )
