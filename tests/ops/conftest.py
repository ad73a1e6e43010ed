"""Helpers for the operations tests: running the repository's scripts as a user would, and
the address of a PostgreSQL database next to the test database."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent.parent


def database_url(settings_dict: dict, name: str) -> str:
    """A ``postgres://`` address of database ``name`` on the server and with the credentials of
    ``settings_dict`` (a Django database setting)."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(name, safe='')}"


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    """Run ``args`` from the repository root with the test settings and ``env`` added to this
    process's environment; output captured as text."""
    return subprocess.run(  # noqa: S603 - the repository's own scripts
        args,
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "PYTHON": sys.executable,
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
