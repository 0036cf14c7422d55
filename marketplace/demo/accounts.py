"""The table of demo accounts printed by `seed_demo` and `demo_accounts`."""

import unicodedata

from marketplace.demo.data_people import DEMO_ACCOUNTS, DEMO_PASSWORD

SITE_URL = "http://127.0.0.1:8000/"
ADMIN_URL = "http://127.0.0.1:8000/admin/"
HEADERS = ("role", "email", "mobile", "password", "TOTP secret (base32)")


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def accounts_table() -> str:
    rows = [
        (role, email, phone, DEMO_PASSWORD, secret or "-")
        for _key, role, email, _name, phone, secret in DEMO_ACCOUNTS
    ]
    widths = [max(_width(row[i]) for row in [HEADERS, *rows]) for i in range(len(HEADERS))]
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"

    def line(row):
        return "| " + " | ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)) + " |"

    return "\n".join(
        [
            "Linli demo accounts — one shared password: " + DEMO_PASSWORD,
            rule,
            line(HEADERS),
            rule,
            *map(line, rows),
            rule,
            "Log in by e-mail or by mobile number (+86…); every seeded user shares the password.",
            "Purchaser and admin use TOTP: add the secret to an authenticator app (issuer Linli).",
            f"Site:  {SITE_URL}",
            f"Admin: {ADMIN_URL}",
        ]
    )
