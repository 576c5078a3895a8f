"""The desktop's password for the team server: in a pgpass file (0600), never in settings.json.

The settings keep the server's URL without a password (`address_without_password`); the password goes into
`pgpass` in the workbench's config folder, in libpq's own format (host:port:database:login:password), which
`connect_with_saved_password` hands to libpq as its `passfile`. The file is written whole to a private
temporary file and renamed into place, created 0600 and put back to 0600 if someone widened it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import conninfo

from workbench.core.errors import TeamServerError
from workbench.core.settings import config_dir
from workbench.core.team.server_connection import CONNECT_TIMEOUT, connect, connection_parameters, server_label

PGPASS_NAME = "pgpass"


def pgpass_path() -> Path:
    return config_dir() / PGPASS_NAME


def address_without_password(target: str) -> tuple[str, str | None]:
    """The target with any password taken out, and that password (None when it held none)."""
    params = connection_parameters(target)
    password = params.get("password")
    if "://" not in target:
        if password is None:
            return target.strip(), None
        return conninfo.make_conninfo(**{k: v for k, v in params.items() if k != "password"}), str(password)
    parts = urlsplit(target.strip())
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hostport = netloc.rpartition("@")
        netloc = f"{userinfo.partition(':')[0]}@{hostport}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"], quote_via=quote
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment)), str(
        password
    ) if password is not None else None


def _escaped(field: str) -> str:
    return field.replace("\\", "\\\\").replace(":", "\\:")


def _entry_key(params: dict[str, Any]) -> list[str]:
    """host, port, database and login as libpq matches them in a pgpass file ('*' where the URL names none)."""
    if not params.get("user"):
        raise TeamServerError(server_label(params), "the address names no login (postgresql://LOGIN@host/database)")
    host = str(params.get("host") or "localhost")
    return [host, str(params.get("port") or "*"), str(params.get("dbname") or params["user"]), str(params["user"])]


def save_password(target: str, password: str) -> Path:
    """Keep `password` for the server and login of `target` in the pgpass file (one line per server and login)."""
    params = connection_parameters(target)
    if "service" in params and "host" not in params:
        raise TeamServerError(server_label(params), "a service's password belongs in the service's own pgpass file")
    key = _entry_key(params)
    if "\n" in password or "\r" in password:
        raise TeamServerError(server_label(params), "a password cannot hold a line break")
    path = pgpass_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = ":".join(_escaped(f) for f in key) + ":"
    kept = []
    if path.exists():
        kept = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(prefix)]
    text = "\n".join([*kept, prefix + _escaped(password)]) + "\n"
    handle, temporary = tempfile.mkstemp(prefix=".pgpass-", dir=path.parent)  # created 0600
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def keep_team_address(text: str, password: str | None = None) -> str:
    """The team server to keep in the settings: `text` without its password ("" for none). The password,
    `password` or else the one `text` held, goes to the pgpass file. The CLI and the settings dialog share it."""
    if not text.strip():
        return ""
    address, in_address = address_without_password(text)
    chosen = password or in_address
    if chosen:
        save_password(address, chosen)
    return address


def connect_with_saved_password(
    target: str, *, autocommit: bool = False, timeout: int = CONNECT_TIMEOUT
) -> psycopg.Connection[Any]:
    """Connect to `target` with the password in the URL, else the one saved in the pgpass file."""
    path = pgpass_path()
    if path.exists():
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)  # libpq ignores a pgpass others can read; ours is ours alone
        return connect(target, passfile=path, autocommit=autocommit, timeout=timeout)
    return connect(target, autocommit=autocommit, timeout=timeout)
