"""Project files: slides (PDF) and images (PNG, JPEG, WebP), recognised by their content, within size limits.

The type is read from the first bytes (the name and the browser's claim are not trusted); images must also
open as images. The bytes go to the file store before the row is written, and leave it after the row is gone.
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
import unicodedata
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..accounts.models import User
from ..clock import utcnow
from ..errors import Invalid, NotFound
from ..extensions import db
from ..teams.models import Team
from .deadline import require_open
from .editing import ensure_project, project_of, write_project
from .models import ProjectFile

# content type -> (kind, extension)
TYPES = {
    "application/pdf": ("slides", "pdf"),
    "image/png": ("image", "png"),
    "image/jpeg": ("image", "jpg"),
    "image/webp": ("image", "webp"),
}
MB = 1024 * 1024


@dataclass(frozen=True)
class Upload:
    """A file that passed the checks, ready for the store."""

    kind: str
    content_type: str
    extension: str
    filename: str
    data: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def sniff(data: bytes) -> str | None:
    """The content type the bytes begin like, among those accepted; None for anything else."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _opens_as_image(data: bytes) -> bool:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    return True


def safe_filename(name: str, extension: str) -> str:
    """A name fit for a header and a link: ASCII letters, digits, dots, dashes; the true extension at the end."""
    base = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    base = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", base.strip())
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip(".-_")[:80] or "file"
    return f"{base}.{extension}"


def check_upload(data: bytes, filename: str, *, slides_max_mb: int, image_max_mb: int) -> Upload:
    """The upload, if it is a PDF or an image within its limit; `invalid` with the reason otherwise."""
    if not data:
        raise Invalid(_("The file is empty."))
    content_type = sniff(data)
    if content_type is None:
        raise Invalid(_("Only PDF slides and PNG, JPEG or WebP images can be uploaded."))
    kind, extension = TYPES[content_type]
    limit = slides_max_mb if kind == "slides" else image_max_mb
    if len(data) > limit * MB:
        raise Invalid(_("That file is too large: %(kind)s may have at most %(n)d MB.",
                        kind=_("slides") if kind == "slides" else _("an image"), n=limit))
    if kind == "image" and not _opens_as_image(data):
        raise Invalid(_("That image could not be read. Please export it again as PNG, JPEG or WebP."))
    return Upload(kind, content_type, extension, safe_filename(filename, extension), data,
                  hashlib.sha256(data).hexdigest())


def new_key(event_id: int, extension: str) -> str:
    """A fresh, unguessable key for the store."""
    return f"projects/{event_id}/{secrets.token_urlsafe(24)}.{extension}"


def add_file(team: Team, user: User, upload: Upload, key: str, max_files: int) -> ProjectFile:
    """Record a stored file on the team's project (before its deadline, within the number of files allowed)."""
    require_open(team.event_id, team.id)
    ensure_project(team, user)
    project = project_of(team.id)
    count = db.session.scalar(select(func.count()).select_from(ProjectFile)
                              .where(ProjectFile.project_id == project.id))
    if count >= max_files:
        raise Invalid(_("A project has at most %(n)d files. Remove one first.", n=max_files))
    row = ProjectFile(event_id=team.event_id, project_id=project.id, kind=upload.kind, filename=upload.filename,
                      content_type=upload.content_type, size=upload.size, sha256=upload.sha256, storage_key=key,
                      uploaded_by_id=user.id, created_at=utcnow())
    db.session.add(row)
    db.session.flush()
    write_project(team, None, {"updated_by_id": user.id})
    return row


def remove_file(team: Team, user: User, file_id: int) -> str:
    """Take a file off the team's project (before its deadline); returns its store key, to delete after the commit."""
    require_open(team.event_id, team.id)
    row = db.session.get(ProjectFile, file_id) if isinstance(file_id, int) else None
    project = project_of(team.id)
    if row is None or project is None or row.project_id != project.id:
        raise NotFound(_("There is no such file on your project."))
    key = row.storage_key
    db.session.delete(row)
    db.session.flush()
    write_project(team, None, {"updated_by_id": user.id})
    return key


def get_file(file_id: int) -> ProjectFile:
    """A project file by id; `not_found` otherwise."""
    row = db.session.get(ProjectFile, file_id) if isinstance(file_id, int) else None
    if row is None:
        raise NotFound(_("There is no such file."))
    return row
