"""Record extracts (certificates): issued with a verification code anyone can check.

A code is `LL-` + eight random characters + four check characters, an HMAC of the random
part under the site's secret: a mistyped or invented code is refused before any lookup.
The extract also stores a digest of the records it lists; verification recomputes it.
"""

import hashlib
import hmac
import json
import secrets

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import DomainError
from marketplace.volunteering.models import RecordExtract, ServiceRecord

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def _check_chars(body: str) -> str:
    key = hashlib.sha256(b"linli.record-extract:" + settings.SECRET_KEY.encode()).digest()
    mac = hmac.new(key, body.encode(), hashlib.sha256).digest()
    return "".join(ALPHABET[b % len(ALPHABET)] for b in mac[:4])


def _new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"LL-{body[:4]}-{body[4:]}-{_check_chars(body)}"


def normalize_code(code: str) -> str | None:
    """The canonical code, or None if it is malformed or its check characters are wrong."""
    raw = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if len(raw) != 14 or not raw.startswith("LL") or any(ch not in ALPHABET for ch in raw[2:]):
        return None
    body, check = raw[2:10], raw[10:]
    if not hmac.compare_digest(check, _check_chars(body)):
        return None
    return f"LL-{body[:4]}-{body[4:]}-{check}"


def records_digest(records) -> str:
    rows = [
        [r.pk, r.service_name, r.recording_organization, str(r.service_date), r.minutes]
        for r in sorted(records, key=lambda r: r.pk)
    ]
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


@transaction.atomic
def record_extract_issue(*, actor, year: int | None = None) -> RecordExtract:
    """The signed-in volunteer's record, all years or one, as an extract with a code."""
    records = ServiceRecord.objects.filter(volunteer=actor)
    if year is not None:
        records = records.filter(service_date__year=year)
    records = list(records)
    if not records:
        raise DomainError(_("There are no approved hours to put on a record extract yet."))
    extract = RecordExtract.objects.create(
        code=_new_code(),
        volunteer=actor,
        year=year,
        total_minutes=sum(r.minutes for r in records),
        digest=records_digest(records),
    )
    extract.records.set(records)
    audit_record(actor=actor, event="volunteering.extract.issued", target=extract, year=year)
    return extract


def record_extract_verify(code: str) -> RecordExtract | None:
    """The extract a code stands for, if the code is genuine and the records unchanged."""
    canonical = normalize_code(code)
    if canonical is None:
        return None
    extract = RecordExtract.objects.filter(code=canonical).select_related("volunteer").first()
    if extract is None or records_digest(extract.records.all()) != extract.digest:
        return None
    return extract
