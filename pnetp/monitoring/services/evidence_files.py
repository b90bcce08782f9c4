"""What an evidence file may be, wherever it comes from (web form, API): one validator for both.

Files are then served only through the permission-checked ``monitoring_web:evidence_file`` view
(as attachments, never from a public MEDIA URL); ``Evidence.link`` is the address every page, report,
open-data file and API answer gives.
"""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# Documents, spreadsheets, presentations and images; nothing a browser would run (no .html, .svg).
EVIDENCE_EXTENSIONS = (
    "pdf", "odt", "ods", "odp", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "csv", "txt", "png", "jpg", "jpeg",
)  # fmt: skip


def evidence_file_problem(upload) -> str | None:
    """The Portuguese reason an uploaded file is refused, or None when it is acceptable."""
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if extension not in EVIDENCE_EXTENSIONS:
        return _("Tipo de arquivo não permitido (.%(extension)s). Envie um destes: %(allowed)s.") % {
            "extension": extension or "?",
            "allowed": ", ".join(EVIDENCE_EXTENSIONS).upper(),
        }
    if upload.size > MAX_EVIDENCE_BYTES:
        return _("O arquivo tem %(size)s; o limite é %(limit)s.") % {
            "size": filesizeformat(upload.size),
            "limit": filesizeformat(MAX_EVIDENCE_BYTES),
        }
    return None


def validate_evidence_file(upload) -> None:
    """ValidationError on the ``file`` field when the upload is of a refused type or over the size cap."""
    problem = evidence_file_problem(upload)
    if problem:
        raise ValidationError({"file": [problem]})
