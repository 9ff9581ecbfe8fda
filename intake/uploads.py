"""Files people attach to the form: checked by content, cleaned of metadata, held privately.

An accepted file is written at once to private storage under a random name and remembered in
the wizard's session data, so it survives a later step (or this one) failing validation. It is
sniffed and hashed then, once: the submission links the held file under the document's own
name without reading it again. A held file whose form is never finished is removed by
``discard_abandoned_uploads`` once no session can still refer to it.
"""

import datetime
import hashlib
import io
import re
import unicodedata
import uuid
from dataclasses import asdict, dataclass

import magic
from django.core.files.base import ContentFile, File
from django.core.files.storage import storages
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from cases.services.documents import UploadedDocument
from cases.uploads import pdf_has_javascript

register_heif_opener()

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 10
MAX_TOTAL_BYTES = 50 * 1024 * 1024
# 50 megapixels: more than any phone photo or scan at 600 dpi; a bigger image is a bomb.
MAX_IMAGE_PIXELS = 50_000_000
ACCEPTED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/heic": "heic",
    "image/heif": "heic",
}
ACCEPT_ATTRIBUTE = ".pdf,.jpg,.jpeg,.png,.heic,application/pdf,image/jpeg,image/png,image/heic"
TEMPORARY_PREFIX = "incoming"


class UploadRejected(ValueError):
    pass


@dataclass
class HeldUpload:
    """An accepted file waiting in private storage for the submission."""

    key: str
    tmp_name: str
    display_name: str
    content_type: str
    size: int
    sha256: str
    pdf_has_javascript: bool

    def as_session_data(self) -> dict:
        return asdict(self)


def display_name_for(original: str, extension: str) -> str:
    """Keep a readable name: no path, no control or markup characters, the real extension."""
    base = re.split(r"[\\/]", original or "")[-1]
    base = unicodedata.normalize("NFKC", base)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^\w\s().,-]", "", stem, flags=re.UNICODE).strip(" .-") or "document"
    return f"{stem[:100]}.{extension}"


def shown_name(uploaded) -> str:
    """The file's name as the person chose it, safe to repeat in a message."""
    base = re.split(r"[\\/]", getattr(uploaded, "name", "") or "")[-1]
    base = "".join(char for char in unicodedata.normalize("NFKC", base) if char.isprintable())
    return base[:80] or str(_("The file"))


def file_type_error():
    return _("%(name)s is not a PDF, JPEG, PNG or HEIC file. Attach one of those.")


def file_size_error():
    return _("%(name)s is too large: each file must be 10 MB or smaller.")


def _damaged(name):
    return UploadRejected(
        _("%(name)s could not be read: the file may be damaged. Try another file.")
        % {"name": name}
    )


def _without_metadata(data: bytes, content_type: str, name: str) -> tuple[bytes, str]:
    """Re-encode an image from its pixels only: EXIF, GPS and comments do not survive.

    HEIC is re-encoded as JPEG, which every staff browser can show.
    """
    try:
        image = Image.open(io.BytesIO(data))
        # A few kilobytes can declare billions of pixels: refuse before decoding any.
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise _damaged(name)
        image = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise _damaged(name) from error
    out = io.BytesIO()
    if content_type == "image/png":
        mode = "RGBA" if image.mode in ("RGBA", "LA", "P", "PA") else "RGB"
        pixels = image.convert(mode)
        # Rebuilt from raw pixels: no text chunks, EXIF or ICC profile come along.
        Image.frombytes(mode, pixels.size, pixels.tobytes()).save(out, format="PNG")
        return out.getvalue(), "image/png"
    image.convert("RGB").save(out, format="JPEG", quality=90)
    return out.getvalue(), "image/jpeg"


def accept_upload(uploaded, *, already_held: list[dict]) -> HeldUpload:
    """Check one uploaded file against the limits and its real type, then hold it."""
    name = shown_name(uploaded)
    if len(already_held) >= MAX_FILES:
        raise UploadRejected(
            _("%(name)s was not attached: you can attach at most 10 files.") % {"name": name}
        )
    if uploaded.size > MAX_FILE_BYTES:
        raise UploadRejected(file_size_error() % {"name": name})
    if sum(item["size"] for item in already_held) + uploaded.size > MAX_TOTAL_BYTES:
        raise UploadRejected(
            _("%(name)s was not attached: all files together must be 50 MB or smaller.")
            % {"name": name}
        )
    if not uploaded.size:
        raise UploadRejected(_("%(name)s is empty.") % {"name": name})
    data = uploaded.read()
    sniffed = magic.from_buffer(data[:8192], mime=True)
    if sniffed not in ACCEPTED_TYPES:
        raise UploadRejected(file_type_error() % {"name": name})
    content_type = sniffed
    if sniffed.startswith("image/"):
        data, content_type = _without_metadata(data, sniffed, name)
    extension = ACCEPTED_TYPES[content_type]
    content = ContentFile(data)
    tmp_name = storages["default"].save(f"{TEMPORARY_PREFIX}/{uuid.uuid4().hex}", content)
    return HeldUpload(
        key=uuid.uuid4().hex,
        tmp_name=tmp_name,
        display_name=display_name_for(uploaded.name, extension),
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        pdf_has_javascript=content_type == "application/pdf" and pdf_has_javascript(content),
    )


def open_held(item: dict):
    return storages["default"].open(item["tmp_name"], "rb")


def held_document(item: dict, *, kind: str) -> UploadedDocument:
    """A held file as the case service stores it: linked, with what was found on arrival."""
    if "sha256" not in item:
        # Held before uploads were hashed on arrival (a form begun before an upgrade).
        return UploadedDocument(
            file=File(open_held(item), name=item["display_name"]),
            display_name=item["display_name"],
            content_type=item["content_type"],
            kind=kind,
        )
    return UploadedDocument(
        file=None,
        held_name=item["tmp_name"],
        display_name=item["display_name"],
        content_type=item["content_type"],
        kind=kind,
        size=item["size"],
        sha256=item["sha256"],
        pdf_has_javascript=item["pdf_has_javascript"],
    )


def discard_held(items: list[dict]) -> None:
    discard_held_files([item["tmp_name"] for item in items])


def held_files() -> list[tuple[str, datetime.datetime]]:
    """Every file held in private storage for a form, with the time it was written."""
    storage = storages["default"]
    try:
        _folders, names = storage.listdir(TEMPORARY_PREFIX)
    except FileNotFoundError:  # nothing was ever held
        return []
    held = []
    for name in names:
        held_name = f"{TEMPORARY_PREFIX}/{name}"
        try:
            held.append((held_name, storage.get_modified_time(held_name)))
        except FileNotFoundError:  # a submission just took it
            continue
    return held


def held_names_in(data) -> set[str]:
    """The held files a session's data refers to, wherever the form keeps them."""
    if isinstance(data, dict):
        return set().union(*(held_names_in(value) for value in data.values()))
    if isinstance(data, list | tuple):
        return set().union(*(held_names_in(value) for value in data))
    if isinstance(data, str) and data.startswith(f"{TEMPORARY_PREFIX}/"):
        return {data}
    return set()


def discard_held_files(names: list[str]) -> None:
    storage = storages["default"]
    for name in names:
        if name.startswith(f"{TEMPORARY_PREFIX}/"):
            storage.delete(name)
