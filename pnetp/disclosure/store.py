"""Stored releases, one consistent version at a time, read table by table; one lock row per release name.

A release is saved as a *version* (``ReleaseVersion``): a small skeleton (the release's JSON with each protected
table replaced by a reference ``{"$parte": name}``) and one ``ReleasePart`` per table, stored once by the
digest of its JSON, so a new version that publishes an unchanged table shares the old one's row. The version
row and its links are written in one transaction: a reader finds the new version with all its parts or the
old one — never half. Readers fetch only the parts they show (``read``) and keep the parsed ones in this
process by digest (parts never change), so a page view after the first reads a few small rows.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ReleaseLock, ReleasePart, ReleaseVersion, VersionPart

KEEP = 5  # older versions of a name are deleted (and the parts no version uses); the latest few stay
LOCK_TIMEOUT = timedelta(hours=1)  # a lock older than this was left by a process that died
REF = "$parte"
PARSED_CACHE_SIZE = 2_000  # parsed parts kept in this process, by digest
_parsed: OrderedDict[tuple[str, Callable], object] = OrderedDict()
reads = {"parts": 0, "bytes": 0}  # parts fetched from the database by this process and their JSON bytes


def is_table(value) -> bool:
    """A protected table's JSON (``serialise.table_to_json``)."""
    return isinstance(value, dict) and "formato" in value and "leiaute" in value and "chaves" in value


def split(data: dict, path: tuple[str, ...] = ()) -> tuple[dict, dict[str, dict]]:
    """(skeleton, {part name: table JSON}): every table found in nested dicts becomes a part named by its path."""
    skeleton, parts = {}, {}
    for key, value in data.items():
        name = "/".join((*path, str(key)))
        if is_table(value):
            parts[name] = value
            skeleton[key] = {REF: name}
        elif isinstance(value, dict):
            skeleton[key], inner = split(value, (*path, str(key)))
            parts.update(inner)
        else:
            skeleton[key] = value
    return skeleton, parts


def references(skeleton) -> list[str]:
    """The part names a skeleton (or a piece of one) refers to."""
    if isinstance(skeleton, dict):
        if REF in skeleton:
            return [skeleton[REF]]
        return [name for value in skeleton.values() for name in references(value)]
    return []


def assemble(skeleton, parts: Mapping[str, object]):
    """The skeleton with each reference replaced by its part (from ``parts``, parsed or not)."""
    if isinstance(skeleton, dict):
        if REF in skeleton:
            return parts[skeleton[REF]]
        return {key: assemble(value, parts) for key, value in skeleton.items()}
    return skeleton


def _encode(payload) -> tuple[str, int]:
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest(), len(text.encode())


def save(
    name: str, fingerprint: str, k: int, data: dict, seconds: float, extra: Mapping[str, object] | None = None
) -> ReleaseVersion:
    """Store ``data`` as the new current version of ``name``; ``extra``: more parts (any JSON) stored with it,
    not referred to by the skeleton (what the next computation reuses). Unchanged parts are shared."""
    skeleton, parts = split(data)
    parts = {**parts, **(extra or {})}
    encoded = {part: _encode(payload) for part, payload in parts.items()}
    with transaction.atomic():
        digests = {digest for digest, _size in encoded.values()}
        known = dict(ReleasePart.objects.filter(digest__in=digests).values_list("digest", "pk"))
        new = {}
        for part, (digest, size) in encoded.items():
            if digest not in known and digest not in new:
                new[digest] = ReleasePart(digest=digest, size=size, payload=parts[part])
        for row in ReleasePart.objects.bulk_create(new.values()):
            known[row.digest] = row.pk
        if len(known) < len(digests):  # a backend that does not return ids from bulk_create
            known = dict(ReleasePart.objects.filter(digest__in=digests).values_list("digest", "pk"))
        version = ReleaseVersion.objects.create(
            name=name, fingerprint=fingerprint, k=k, skeleton=skeleton, seconds=round(seconds, 3)
        )
        VersionPart.objects.bulk_create(
            VersionPart(version=version, name=part, part_id=known[digest]) for part, (digest, _size) in encoded.items()
        )
        old = ReleaseVersion.objects.filter(name=name).values_list("pk", flat=True)[KEEP:]
        ReleaseVersion.objects.filter(pk__in=list(old)).delete()
        ReleasePart.objects.exclude(pk__in=VersionPart.objects.values("part_id")).delete()
    return version


def latest(name: str) -> ReleaseVersion | None:
    """The current version of ``name`` (its skeleton only; parts are read by ``read``)."""
    return ReleaseVersion.objects.filter(name=name).first()


def read(version: ReleaseVersion, names: Iterable[str], parse: Callable = lambda payload: payload) -> dict[str, object]:
    """{name: parse(payload)} of the version's parts ``names`` (a missing name is left out); parsed parts are
    kept in this process by digest, so only parts not read before come from the database."""
    links = dict(VersionPart.objects.filter(version=version, name__in=list(names)).values_list("name", "part__digest"))
    missing = {digest for digest in links.values() if (digest, parse) not in _parsed}
    if missing:
        for digest, size, payload in ReleasePart.objects.filter(digest__in=missing).values_list(
            "digest", "size", "payload"
        ):
            reads["parts"] += 1
            reads["bytes"] += size
            _parsed[(digest, parse)] = parse(payload)
        while len(_parsed) > PARSED_CACHE_SIZE:
            _parsed.popitem(last=False)
    result = {}
    for name, digest in links.items():
        _parsed.move_to_end((digest, parse))
        result[name] = _parsed[(digest, parse)]
    return result


def payloads(version: ReleaseVersion, prefix: str) -> dict[str, object]:
    """{name: JSON} of the version's parts whose name starts with ``prefix`` (not kept in this process)."""
    rows = VersionPart.objects.filter(version=version, name__startswith=prefix).values_list("name", "part__payload")
    return dict(rows)


def part_names(version: ReleaseVersion, prefix: str = "") -> list[str]:
    return list(VersionPart.objects.filter(version=version, name__startswith=prefix).values_list("name", flat=True))


def sizes(version: ReleaseVersion) -> dict[str, int]:
    """{part name: bytes of its JSON} of a version."""
    return dict(VersionPart.objects.filter(version=version).values_list("name", "part__size"))


def acquire(name: str) -> bool:
    """Take the lock of ``name``; False when another recompute holds it (and is not older than the timeout)."""
    ReleaseLock.objects.filter(name=name, started_at__lt=timezone.now() - LOCK_TIMEOUT).delete()
    try:
        with transaction.atomic():
            ReleaseLock.objects.create(name=name)
    except IntegrityError:
        return False
    return True


def release_lock(name: str) -> None:
    ReleaseLock.objects.filter(name=name).delete()


def is_locked(name: str) -> bool:
    return ReleaseLock.objects.filter(name=name, started_at__gte=timezone.now() - LOCK_TIMEOUT).exists()
