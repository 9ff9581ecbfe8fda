"""Uploads refused while they stream in, not after they have been read whole.

Django's own handlers keep every byte of a file (in memory, then a temporary file) before any
form can look at its size, so a 60 MB upload was read and written in full before the 10 MB rule
refused it. ``LimitedUploadHandler`` comes first in FILE_UPLOAD_HANDLERS:

- a request whose declared length passes ``UPLOAD_MAX_REQUEST_BYTES`` is refused (400) before a
  byte of its body is read;
- a file passes nothing more to the handlers that keep it once it passes
  ``UPLOAD_MAX_FILE_BYTES``: what they held is dropped, and the view receives an
  ``OversizedUpload`` (its name, the size seen, no content), which the forms refuse by size with
  their own words. The rest of the request is still read, so the other answers typed in the same
  form are not lost.
"""

import io

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class RequestTooLarge(RequestDataTooBig):
    """A request longer than UPLOAD_MAX_REQUEST_BYTES: a 400, its body never read."""


class OversizedUpload(UploadedFile):
    """A file refused while it streamed in: a name and a size over the limit, no content."""

    refused_while_streaming = True

    def __init__(self, *, name, content_type, size, charset=None, content_type_extra=None):
        super().__init__(io.BytesIO(b""), name, content_type, size, charset, content_type_extra)


class LimitedUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > settings.UPLOAD_MAX_REQUEST_BYTES:
            raise RequestTooLarge(
                f"request body of {content_length} bytes refused before reading "
                f"(UPLOAD_MAX_REQUEST_BYTES is {settings.UPLOAD_MAX_REQUEST_BYTES})"
            )
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.over_limit = False

    def receive_data_chunk(self, raw_data, start):
        self.received = start + len(raw_data)
        if self.received > settings.UPLOAD_MAX_FILE_BYTES:
            self.over_limit = True
            return None  # the handlers after this one get nothing more of this file
        return raw_data

    def file_complete(self, file_size):
        if not self.over_limit:
            return None  # the next handler returns the file it kept
        for keeper in self.request.upload_handlers:
            held = getattr(keeper, "file", None) if keeper is not self else None
            if held is not None and hasattr(held, "close"):
                held.close()  # a temporary file is deleted as it closes
        return OversizedUpload(
            name=self.file_name,
            content_type=self.content_type,
            size=self.received,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
