"""SISETP models, one module per topic of the standard."""

from .audit import IdentityAccessGrant, IdentityAccessLog
from .cases import Case
from .events import Event
from .identity import IDENTITY_FIELDS, PersonIdentity
from .ingestion import ImportBatch, ImportJob, Layout, SourceMapping  # noqa: F401
from .persons import TERM_FIELDS, CasePerson, age_band_for
from .sources import DataSharingAgreement, DataSource, LegalBasis, StandardVersion
from .vocabularies import VocabularyTerm

__all__ = [
    "IDENTITY_FIELDS",
    "TERM_FIELDS",
    "Case",
    "CasePerson",
    "DataSharingAgreement",
    "DataSource",
    "Event",
    "IdentityAccessGrant",
    "IdentityAccessLog",
    "LegalBasis",
    "PersonIdentity",
    "StandardVersion",
    "VocabularyTerm",
    "age_band_for",
]
