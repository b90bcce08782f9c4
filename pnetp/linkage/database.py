"""From the imported records to linkage features: the database counterpart of ``features.load_records``.

One row per ``CasePerson`` with the same columns (``features.COLUMNS``). Identities are decrypted
here, inside the process, to compute the features, and never leave it: no value is returned, stored or
logged, only the features the model compares. Decrypting is a processing of personal data (LGPD,
art. 37): the run's reads are one "read" entry of ``IdentityAccessLog`` — naming the run, its user (empty for a
system process) and the purpose — written before the first read, its count raised before each chunk is
decrypted, so a failed or killed run is logged with what it read (like the importer's batch entry,
``ingestion/identities.py``). One ``crypto.decryptor()`` (keys looked up once) decrypts the lot.
"""

from dataclasses import dataclass, field

from django.db.models import F
from django.utils.translation import gettext as _

from pnetp.sisetp import crypto
from pnetp.sisetp.models import CasePerson, Event, IdentityAccessLog, PersonIdentity
from .features import CASE_FEATURES, COLUMNS, IDENTITY_FEATURES, case_tuple, identity_features, iso_date, record_key

CHUNK = 10_000  # identities decrypted and logged per round: bounds memory at a million records
_QUERY_CHUNK = 900  # below SQLite's limit of bound parameters
_EVENT_KINDS = {"aliciamento": "mun_alic", "exploracao": "mun_expl"}


@dataclass
class Records:
    columns: dict[str, list]  # features.COLUMNS → values, one per record
    pk: dict[str, int] = field(default_factory=dict)  # record key → CasePerson pk
    person_key: dict[str, str] = field(default_factory=dict)  # record key → stored stable id (previous run)
    identities_read: int = 0

    def __len__(self) -> int:
        return len(self.columns["unique_id"])


def linkage_purpose(run) -> str:
    return _("Ligação de registros (pessoas únicas), execução %(id)s") % {"id": run.pk if run else "—"}


def _first_municipalities() -> dict[int, dict[str, str]]:
    """case pk → {"mun_alic": code, "mun_expl": code}: the first event of each kind with a municipality."""
    out: dict[int, dict[str, str]] = {}
    rows = (
        Event.objects.filter(kind__in=_EVENT_KINDS, municipality__isnull=False)
        .order_by("case_id", "kind", "sequence", "pk")
        .values_list("case_id", "kind", "municipality_id")
    )
    for case_id, kind, municipality in rows.iterator(chunk_size=5000):
        out.setdefault(case_id, {}).setdefault(_EVENT_KINDS[kind], str(municipality))
    return out


def _multi(field: str, code: str) -> dict[int, list[str]]:
    """CasePerson pk → the codes of a many-to-many field."""
    codes: dict[int, list[str]] = {}
    rows = getattr(CasePerson, field).through.objects.values_list("caseperson_id", code)
    for pk, value in rows.iterator(chunk_size=5000):
        codes.setdefault(pk, []).append(value)
    return codes


def load_columns(*, run=None, user=None, progress=None) -> Records:
    """Every CasePerson of a source counted in statistics as one row of linkage features; identities decrypted and each read logged."""
    if progress:
        progress("lendo", 0)
    persons = list(
        CasePerson.objects.filter(case__source__in_statistics=True)
        .order_by("pk")
        .values_list(
            "pk",
            "pseudonym",
            "case_id",
            "case__source__slug",
            "case__source_record_id",
            "source_person_id",
            "sex",
            "person_key",
            "role",
            "race_colour",
            "education",
            "age_at_identification",
            "case__identification_date",
            "case__reporting_date",
            "relationship_to_recruiter",
        )
    )
    places = _first_municipalities()
    citizenships = _multi("citizenships", "country_id")
    forms, control, recruitment = (_multi(field, "vocabularyterm__code") for field in (
        "exploitation_forms", "means_of_control", "recruitment_methods"))  # fmt: skip
    same: dict = {None: None}  # one object per repeated value (role, race…), not one per record
    records = Records({c: [] for c in COLUMNS})
    columns = records.columns
    empty = dict.fromkeys(IDENTITY_FEATURES)
    context = _log_context(run, user)
    for start in range(0, len(persons), CHUNK):
        chunk = persons[start : start + CHUNK]
        features = _identity_features(chunk, context)
        records.identities_read += len(features)
        for (pk, _pseudonym, case_id, slug, record_id, person_id, sex, person_key, role, race, education, age,
             identified, reported, relationship) in chunk:  # fmt: skip
            key = record_key(slug, record_id, person_id)
            records.pk[key] = pk
            if person_key:
                records.person_key[key] = person_key
            feats = features.get(pk, empty)
            columns["unique_id"].append(key)
            columns["fonte"].append(slug)
            for name in IDENTITY_FEATURES:
                columns[name].append(feats[name])
            place = places.get(case_id, {})
            case = case_tuple(
                sex=sex, mun_alic=place.get("mun_alic"), mun_expl=place.get("mun_expl"), age=age,
                identified=identified, reported=reported, role=role, race=race, education=education,
                citizenships=citizenships.get(pk), relationship=relationship, forms=forms.get(pk),
                control=control.get(pk), recruitment=recruitment.get(pk),
            )  # fmt: skip
            for name, value in zip(CASE_FEATURES, case, strict=True):
                columns[name].append(same.setdefault(value, value))
        if progress:
            progress("lendo", len(chunk))
    return records


def _log_context(run, user) -> dict:
    """The run's one access-log entry (count 0 until the first chunk), created before anything is read."""
    authenticated = getattr(user, "is_authenticated", False)
    entry = IdentityAccessLog.objects.create(
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        action=IdentityAccessLog.Action.READ,
        linkage_run=run if getattr(run, "pk", None) else None,
        count=0,
        purpose=linkage_purpose(run),
        granted=True,
        reason=_("Processamento do sistema: ligação de registros; os valores não saem do processo.")[:300],
    )
    return {"entry": entry.pk}


def _identity_features(chunk, context) -> dict[int, dict]:
    """CasePerson pk → identity features of the persons of ``chunk`` that have an identity."""
    pseudonyms = {pk: pseudonym for pk, pseudonym, *_rest in chunk}
    pks = list(pseudonyms)
    stored = []
    for start in range(0, len(pks), _QUERY_CHUNK):
        stored += PersonIdentity.objects.filter(person_id__in=pks[start : start + _QUERY_CHUNK]).values_list(
            "person_id",
            "full_name",
            "mother_name",
            "cpf",
            "birth_date",
            "birth_date_reported",
            "cpf_invalid",
            "birth_date_invalid",
        )
    decrypt = crypto.decryptor()  # a missing key fails here, before anything is counted as read
    # counted before anything is decrypted (an update of the run's entry, not a new row: one entry per run)
    IdentityAccessLog.objects.filter(pk=context["entry"]).update(count=F("count") + len(stored))
    out = {}
    try:
        for pk, *sealed, cpf_invalid, date_invalid in stored:
            nome, nome_mae, cpf, nascimento, reported = (
                decrypt(value.token) if value is not None else "" for value in sealed
            )
            if date_invalid and not nascimento:  # an impossible date (31/02): its digits, as typed
                nascimento = iso_date(reported) or ""
            # a flagged CPF, kept as reported, is never an exact or blocking key: one-typo level only
            out[pk] = identity_features(nome, nome_mae, cpf, nascimento, cpf_flagged=cpf_invalid)
    except crypto.DecryptionError as error:
        raise crypto.DecryptionError(
            _("Uma identidade não decifra com as chaves configuradas (PNETP_FIELD_ENCRYPTION_KEY): %(reason)s.")
            % {"reason": error}
        ) from None
    return out
