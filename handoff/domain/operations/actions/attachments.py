"""Attachments on work items: limits, type checks, storing (from a page, the API or an email).

- At most ``MAX_ATTACHMENT_BYTES`` per file and ``MAX_ATTACHMENTS_PER_ITEM`` per item.
- Only the listed types, judged by the file name's extension *and* its first bytes (a
  ``.pdf`` that does not start with ``%PDF`` is refused), text files must be UTF-8.
- The file is kept in the database (a client-owned row under row-level security), so a
  download goes through the same scoping as the item.
- Client users attach files to public replies or the item; attachments of internal notes
  are shown to provider staff only (see ``selectors.attachments``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from handoff.domain.accounts.models import User
from handoff.domain.operations.models import Attachment, Message, WorkItem
from handoff.domain.operations.permissions import follows_items, require
from handoff.domain.tenancy.access import Actor, real_user

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_ITEM = 50
MAX_NAME = 200

# extension -> (content type, the first bytes the file must start with; None: UTF-8 text)
ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    ".txt": ("text/plain", None),
    ".csv": ("text/csv", None),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    content: bytes


def clean_name(name: str) -> str:
    """The file name without any folder part, control characters or excess length."""
    base = PurePosixPath(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    if not base or base in (".", ".."):
        raise ValidationError({"file": "The file has no name."})
    stem, dot, extension = base.rpartition(".")
    if len(base) > MAX_NAME:
        base = (stem[: MAX_NAME - len(extension) - 1] + dot + extension) if dot else base[:MAX_NAME]
    return base


def check_file(name: str, content: bytes) -> CheckedFile:
    """The file if it is allowed; ValidationError on ``file`` saying why not."""
    clean = clean_name(name)
    if not content:
        raise ValidationError({"file": f"{clean} is empty."})
    if len(content) > MAX_ATTACHMENT_BYTES:
        limit = MAX_ATTACHMENT_BYTES // (1024 * 1024)
        raise ValidationError({"file": f"{clean} is larger than {limit} MB."})
    extension = PurePosixPath(clean).suffix.lower()
    allowed = ALLOWED_TYPES.get(extension)
    if allowed is None:
        kinds = ", ".join(sorted(ALLOWED_TYPES))
        raise ValidationError({"file": f"{clean}: files of this type are not accepted (allowed: {kinds})."})
    content_type, signatures = allowed
    if signatures is None:
        try:
            content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValidationError({"file": f"{clean} is not UTF-8 text."}) from exc
    elif not content.startswith(signatures):
        raise ValidationError({"file": f"{clean} is not a real {extension[1:].upper()} file (its content differs)."})
    return CheckedFile(clean, content_type, content)


def _store(
    item: WorkItem, checked: CheckedFile, uploader: User | None, message: Message | None, now: datetime
) -> Attachment:
    if Attachment.objects.filter(item=item).count() >= MAX_ATTACHMENTS_PER_ITEM:
        raise ValidationError({"file": f"An item holds at most {MAX_ATTACHMENTS_PER_ITEM} files."})
    return Attachment.objects.create(
        client_id=item.client_id,
        item=item,
        message=message,
        name=checked.name,
        content_type=checked.content_type,
        size=len(checked.content),
        content=checked.content,
        uploaded_by=uploader,
        created_at=now,
    )


@transaction.atomic
def add_attachment(
    actor: Actor, item: WorkItem, name: str, content: bytes, *, now: datetime | None = None
) -> Attachment:
    """Attach a file to an item the actor follows (the item was read through the actor's scope)."""
    require(follows_items(actor), "Your role does not take part in work items.")
    checked = check_file(name, content)
    return _store(item, checked, real_user(actor), None, now or timezone.now())


def attach_from_email(item: WorkItem, message: Message | None, checked: CheckedFile, now: datetime) -> Attachment:
    """A file that came with an inbound email (already checked by ``check_file``)."""
    return _store(item, checked, None, message, now)
