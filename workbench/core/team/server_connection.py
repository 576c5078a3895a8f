"""Opening a connection to the team's PostgreSQL server, and its failures said in words.

The target is a `postgresql://` URL or the name of a libpq service (pg_service.conf). A password never
appears in a message: the server is named as login@host:port/database. The connect timeout is bounded, the
URL's `sslmode` is honoured (libpq's default `prefer` otherwise: TLS when the server offers it), and a
password comes from the URL, the caller, or a pgpass file (`passfile`, see team_credentials). Every failure,
at connect or in a query run inside `server_faults`, is a TeamServerError.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg import conninfo

from workbench.core.errors import TeamServerError

#: seconds libpq waits for the server before giving up (a district office on a bad line still gets an answer)
CONNECT_TIMEOUT = 10
DEFAULT_SSLMODE = "prefer"

#: libpq's words for a failed connection -> ours (libpq gives no SQLSTATE before the session exists)
_CONNECT_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), words)
    for pattern, words in (
        (
            r"password authentication failed|no password supplied|authentication failed",
            "the login or its password was refused",
        ),
        (r'database "[^"]*" does not exist', "there is no such database on the server"),
        (r"is not permitted to log in", "this login is disabled on the server (an administrator took it off the team)"),
        (r"role \"[^\"]*\" does not exist", "there is no such login on the server"),
        (
            r"SSL was required|server does not support SSL",
            "the connection requires TLS, and the server does not offer it",
        ),
        (
            r"pg_hba\.conf (rejects connection|entry).*no encryption",
            "the server accepts this login only over TLS (sslmode=require)",
        ),
        (r"no pg_hba\.conf entry", "the server does not accept this login from this computer (pg_hba.conf)"),
        (
            r"certificate verify failed",
            "the server's TLS certificate is not signed by the authority you trust (sslrootcert)",
        ),
        (
            r'root certificate file "[^"]*" does not exist',
            "sslmode asks to verify the server's certificate, and the authority's file (sslrootcert) is missing",
        ),
        (r"certificate|SSL error|tls", "the TLS connection failed (certificate or protocol)"),
        (
            r"Connection refused|No such file or directory",
            "the server refused the connection (is it running, on this port?)",
        ),
        (r"timeout expired|timed out", "no answer from the server within {timeout} s"),
        (r"resolve host|could not translate host name|Name or service not known", "the server's name is not known"),
        (r"definition of service .* not found|service file", "there is no such service in pg_service.conf"),
        (
            r"too many connections|the database system is (starting up|shutting down)",
            "the server is busy or restarting",
        ),
        (
            r"invalid (connection option|URI|integer)|missing \"=\"|invalid sslmode",
            "the address is not a valid postgresql:// URL",
        ),
    )
)


def connection_parameters(target: str) -> dict[str, Any]:
    """The libpq parameters of a URL, a `key=value` string or a bare service name."""
    text = target.strip()
    if not text:
        raise TeamServerError("(none)", "no team server given (a postgresql://login@host/database URL)")
    if "://" not in text and "=" not in text:
        return {"service": text}
    try:
        return dict(conninfo.conninfo_to_dict(text))
    except psycopg.ProgrammingError as exc:
        raise TeamServerError(
            _label({}, text), f"the address is not a valid postgresql:// URL ({_first_line(exc)})"
        ) from None


def server_label(target: str | dict[str, Any]) -> str:
    """login@host:port/database as a person names the server; never the password."""
    params = connection_parameters(target) if isinstance(target, str) else target
    return _label(params, target if isinstance(target, str) else "")


def _label(params: dict[str, Any], text: str) -> str:
    if "service" in params and "host" not in params:
        return f"service {params['service']}"
    if not params:
        return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1@", text) or "(none)"
    host = str(params.get("host") or "localhost")
    if host.startswith("/"):
        host = "local socket"
    port = f":{params['port']}" if params.get("port") and host != "local socket" else ""
    user = f"{params['user']}@" if params.get("user") else ""
    return f"{user}{host}{port}/{params.get('dbname') or params.get('user') or '?'}"


def connect(
    target: str,
    *,
    password: str | None = None,
    passfile: Path | None = None,
    autocommit: bool = False,
    timeout: int = CONNECT_TIMEOUT,
) -> psycopg.Connection[Any]:
    """Open a connection to the team server `target`; any failure is a TeamServerError naming the server."""
    params = connection_parameters(target)
    label = _label(params, target)
    if "service" not in params:
        params.setdefault("sslmode", DEFAULT_SSLMODE)
    params["connect_timeout"] = min(int(params.get("connect_timeout") or timeout), timeout)
    params.setdefault("application_name", "workbench")
    if password is not None:
        params["password"] = password
    if passfile is not None:
        params["passfile"] = str(passfile)
    try:
        return psycopg.connect(**params, autocommit=autocommit)
    except psycopg.Error as exc:
        raise TeamServerError(label, connect_problem(exc, params["connect_timeout"])) from None
    except (ValueError, OSError) as exc:  # a port that is not a number, a socket folder that is a file
        raise TeamServerError(label, f"the connection could not be made ({_first_line(exc)})") from None


def connect_problem(exc: BaseException, timeout: int = CONNECT_TIMEOUT) -> str:
    """Our words for libpq's reason a connection failed; its own first line when we have none."""
    text = str(exc)
    for pattern, words in _CONNECT_PROBLEMS:
        if pattern.search(text):
            return words.format(timeout=timeout)
    return f"the connection failed ({_first_line(exc)})"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    text = re.sub(r"^connection failed:\s*", "", text)
    return (text.splitlines() or ["unknown error"])[0][:300]


@contextmanager
def server_faults(server: str, doing: str) -> Iterator[None]:
    """Queries run inside this raise a TeamServerError saying what was being done and the server's reason.

    `doing` is the task in words ("creating the schema"); a refused privilege says the login may not."""
    try:
        yield
    except psycopg.errors.InsufficientPrivilege as exc:
        raise TeamServerError(server, f"{doing}: this login is not allowed to ({_diagnostic(exc)})") from None
    except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure) as exc:
        # an OperationalError to psycopg, but the connection is fine: not "lost", and not "offline"
        raise TeamServerError(
            server,
            f"{doing}: it met another desktop's change at the same moment and was undone whole; "
            f"the next try goes through ({_diagnostic(exc)})",
        ) from None
    except psycopg.OperationalError as exc:
        raise TeamServerError(server, f"{doing}: the connection was lost ({_diagnostic(exc)})") from None
    except psycopg.Error as exc:
        raise TeamServerError(server, f"{doing}: the server refused ({_diagnostic(exc)})") from None


def _diagnostic(exc: psycopg.Error) -> str:
    primary = exc.diag.message_primary if exc.diag is not None else None
    return primary or _first_line(exc)
