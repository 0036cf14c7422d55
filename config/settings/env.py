"""The one place where Linli reads its environment.

Every setting has a safe default for the embedded mode (`make run`): SQLite,
database search, console email, payments off. README.md lists each variable.
"""

import base64
import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("LINLI_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def embedded_key(name: str, make=lambda: secrets.token_urlsafe(50)) -> str:
    """A per-checkout key kept in var/<name>, so the embedded site needs no setup.

    Production settings refuse to start without these keys in the environment.
    """
    key_file = VAR_DIR / name
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(make())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def embedded_secret_key() -> str:
    return embedded_key("secret_key")


def new_fernet_key() -> str:
    """A Fernet key: 32 random bytes, URL-safe base64."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return default if raw in (None, "") else int(raw)
