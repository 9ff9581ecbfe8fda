"""Files on a case: what the requestor sent and what components added."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.case import Case
from cases.models.vocabulary import Component, DocumentKind, ScanStatus


def document_storage_name(instance, filename):
    # A random name: the original is kept only as a sanitised display name.
    return f"cases/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}"


class Document(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=24, choices=DocumentKind.choices)
    # For component uploads: whose module it belongs to (program, CBP, USCIS or CRCL).
    component = models.CharField(max_length=8, choices=Component.choices, blank=True)
    shared_with_other_components = models.BooleanField(default=False)
    file = models.FileField(upload_to=document_storage_name, max_length=200)
    display_name = models.CharField(max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    scan_status = models.CharField(
        max_length=10, choices=ScanStatus.choices, default=ScanStatus.PENDING
    )
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A PDF that carries JavaScript: kept (it may be real evidence) but flagged to staff.
    pdf_has_javascript = models.BooleanField(_("PDF contains JavaScript"), default=False)

    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="component_upload_names_component",
                condition=~Q(kind=DocumentKind.COMPONENT_UPLOAD) | ~Q(component=""),
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def is_downloadable(self) -> bool:
        return self.scan_status == ScanStatus.CLEAN
