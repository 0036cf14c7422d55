"""How personal data is shown: masked by default, in full only through an audited read."""

from marketplace.core.audit import audit_record


def mask_phone(phone: str | None) -> str:
    """+8613800138000 → 138****8000."""
    if not phone:
        return ""
    digits = phone.removeprefix("+86")
    return f"{digits[:3]}****{digits[-4:]}" if len(digits) == 11 else "*" * len(digits)


def mask_id_number(id_number: str | None) -> str:
    """Keeps the first four (province, city) and the last four characters."""
    if not id_number:
        return ""
    return id_number[:4] + "*" * (len(id_number) - 8) + id_number[-4:]


def personal_data_read(*, actor, subject, fields: tuple[str, ...], purpose: str) -> None:
    """Every read of personal data in full leaves an audit row: who, whose, what, why."""
    audit_record(
        actor=actor,
        event="accounts.personal_data.read",
        target=subject,
        fields=list(fields),
        purpose=purpose,
    )
