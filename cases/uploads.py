"""What an uploaded file may be called and what it must really contain.

The stored file gets a random name (see models.document_storage_name); the name people see is
cleaned here: no directories, no control or format characters, at most 150 characters with the
extension kept. The content is sniffed with libmagic, never taken from the browser's word.
"""

import errno
import os
import posixpath
import re
import unicodedata

import magic
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

MAX_DISPLAY_NAME = 150
FALLBACK_NAME = "document"

# For each extension we recognise, the content types libmagic may report for it.
EXPECTED_CONTENT = {
    "pdf": {"application/pdf"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
    "gif": {"image/gif"},
    "tif": {"image/tiff"},
    "tiff": {"image/tiff"},
    "heic": {"image/heic", "image/heif"},
    "heif": {"image/heic", "image/heif"},
    "txt": {"text/plain"},
    "doc": {"application/msword", "application/x-ole-storage", "application/CDFV2"},
    "docx": {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/zip",
        "application/octet-stream",
    },
}


def safe_display_name(raw: str) -> str:
    name = (raw or "").replace("\\", "/")
    name = posixpath.basename(name)
    name = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
        for ch in unicodedata.normalize("NFC", name)
    )
    name = " ".join(name.split()).lstrip(".").strip()
    if not name:
        return FALLBACK_NAME
    if len(name) > MAX_DISPLAY_NAME:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            name = stem[: MAX_DISPLAY_NAME - len(extension) - 1] + "." + extension
        else:
            name = name[:MAX_DISPLAY_NAME]
    return name


def sniff_content_type(file) -> str:
    head = file.read(8192)
    file.seek(0)
    return magic.from_buffer(head, mime=True)


def content_disagrees_with_name(display_name: str, content_type: str) -> bool:
    extension = display_name.rpartition(".")[2].lower() if "." in display_name else ""
    expected = EXPECTED_CONTENT.get(extension)
    return expected is not None and content_type not in expected


# /JavaScript and /JS name objects, and any /J... name hidden with #xx escapes (/J#61vaScript).
_PDF_SCRIPT_MARKERS = re.compile(rb"/(?:JavaScript|JS)(?![A-Za-z])|/J[A-Za-z]*#[0-9A-Fa-f]{2}")


def pdf_has_javascript(file) -> bool:
    """Whether a PDF declares JavaScript anywhere; read in chunks overlapping at the seams."""
    tail = b""
    found = False
    for chunk in file.chunks():
        window = tail + chunk
        if _PDF_SCRIPT_MARKERS.search(window):
            found = True
            break
        tail = window[-64:]
    file.seek(0)
    return found


def link_stored_file(*, source: str, target: str) -> str:
    """Give a file already in the document storage a second name; returns the name given.

    On a file system this is a hard link (no byte is copied; removing the first name later
    leaves the file under the second); a storage that cannot link (S3, or another device)
    gets a copy. An existing target is never overwritten.
    """
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        target_path = storage.path(target)
        _make_private_directories(os.path.dirname(target_path), root=storage.path(""))
        try:
            os.link(storage.path(source), target_path)
            return target
        except OSError as error:
            if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                raise
    with storage.open(source, "rb") as held:
        return storage.save(target, held)


def _make_private_directories(directory: str, *, root: str) -> None:
    # As FileSystemStorage creates them (FILE_UPLOAD_DIRECTORY_PERMISSIONS), without its
    # process-wide umask change.
    mode = settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS
    missing = []
    while not os.path.isdir(directory) and os.path.abspath(directory) != os.path.abspath(root):
        missing.append(directory)
        directory = os.path.dirname(directory)
    for path in reversed(missing):
        try:
            os.mkdir(path)
        except FileExistsError:
            continue
        if mode is not None:
            os.chmod(path, mode)
