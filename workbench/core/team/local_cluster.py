"""A throwaway PostgreSQL cluster: initdb in a temporary folder, started on a private socket and a free port.

The team tests talk to a real server, never a mock, and `bench team-memory` measures one: both start their
cluster here. PostgreSQL refuses to run as root, and CI runs as root: there the cluster's folders belong to
the unprivileged `postgres` user (Debian's postgresql package creates it) and initdb, pg_ctl and the server
run as that user through `runuser`. A developer who is not root runs them directly. The server listens on a
Unix socket in a private folder and on 127.0.0.1 at a free port; every login, the superuser's too, needs its
password (scram-sha-256), so a wrong password is refused as in an office.
"""

from __future__ import annotations

import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
from psycopg import sql

#: the user the server runs as when the tests run as root
UNPRIVILEGED_USER = "postgres"
SUPERUSER = "wb_super"
INSTALL_HINT = (
    "the team tests need PostgreSQL's server programs (initdb, pg_ctl): install Debian's postgresql package "
    "(apt-get install postgresql), which .ci/run does"
)


class ClusterProblem(RuntimeError):
    """The test cluster could not be made or started; says what to install or what the server logged."""


def find_server_programs(path: str | None = None, debian_root: Path = Path("/usr/lib/postgresql")) -> Path:
    """The folder holding initdb and pg_ctl: PATH first, then Debian's /usr/lib/postgresql/<version>/bin."""
    on_path = shutil.which("initdb", path=path)
    if on_path and shutil.which("pg_ctl", path=path):
        return Path(on_path).resolve().parent
    versions = sorted(
        debian_root.glob("*/bin/initdb"),
        key=lambda p: [int(n) for n in re.findall(r"\d+", p.parent.parent.name)],
    )
    if versions:
        return versions[-1].parent
    raise ClusterProblem(INSTALL_HINT)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PgCluster:
    """One running test server; `url()` builds the address a client would be given."""

    root: Path
    programs: Path
    port: int
    password: str
    run_as: str | None  # the unprivileged user when the tests run as root

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    def url(
        self, database: str = "postgres", user: str = SUPERUSER, password: str | None = None, *, tcp: bool = False
    ) -> str:
        """A postgresql:// URL; over the Unix socket unless `tcp`. `password=None` leaves it out of the URL."""
        auth = quote(user, safe="") + (f":{quote(password, safe='')}" if password is not None else "")
        if tcp:
            return f"postgresql://{auth}@127.0.0.1:{self.port}/{quote(database, safe='')}"
        return f"postgresql://{auth}@/{quote(database, safe='')}?host={quote(str(self.socket_dir), safe='')}&port={self.port}"

    def superuser_url(self, database: str = "postgres") -> str:
        return self.url(database, SUPERUSER, self.password)

    def admin(self, database: str = "postgres") -> psycopg.Connection:
        """A superuser connection, autocommit: for making and dropping databases and test roles."""
        return psycopg.connect(self.superuser_url(database), autocommit=True)

    def create_database(self, name: str, template: str = "template0") -> None:
        with self.admin() as conn:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template))
            )

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def psql(
        self, url: str, command: str, *, password: str | None = None, extra: Sequence[str] = ()
    ) -> subprocess.CompletedProcess[str]:
        """Run psql as a person would, one command, stopping at the first error (exit 3 when the server refuses)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        if password is not None:
            env["PGPASSWORD"] = password
        return subprocess.run(
            [str(self.programs / "psql"), "-X", "-v", "ON_ERROR_STOP=1", "-At", *extra, "-c", command, url],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )

    def stop(self) -> None:
        self._run(
            [str(self.programs / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"], check=False
        )
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, command: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
        full = ["runuser", "-u", self.run_as, "--", *command] if self.run_as else command
        done = subprocess.run(full, capture_output=True, text=True, timeout=120, check=False)
        if check and done.returncode != 0:
            log = self.log_file.read_text(errors="replace")[-4000:] if self.log_file.exists() else ""
            raise ClusterProblem(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}\n{log}")
        return done


def _make_certificates(root: Path) -> None:
    """A private CA and a server certificate for 127.0.0.1/localhost signed by it (openssl, which Debian's
    postgresql package brings through ssl-cert); a second CA that signed nothing, for the verify tests."""

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=root, capture_output=True, check=True, timeout=60)

    curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    for ca in ("ca", "other-ca"):
        openssl(
            "req",
            "-x509",
            *curve,
            "-days",
            "2",
            "-subj",
            f"/CN=workbench test {ca}",
            "-keyout",
            f"{ca}.key",
            "-out",
            f"{ca}.crt",
        )
    openssl("req", *curve, "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr")
    (root / "san.ext").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
            "-extfile", "san.ext", "-out", "server.crt")  # fmt: skip
    (root / "server.key").chmod(0o600)


def start_cluster(*, tls: bool = False) -> PgCluster:
    """initdb a new cluster in a private temporary folder and start it; the caller calls `stop()`.

    With `tls` the server has a certificate (`root/ca.crt` is its CA) and refuses TCP logins without TLS."""
    programs = find_server_programs()
    run_as: str | None = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(UNPRIVILEGED_USER)
        except KeyError as exc:
            raise ClusterProblem(f"running as root, and there is no {UNPRIVILEGED_USER} user: {INSTALL_HINT}") from exc
        run_as = UNPRIVILEGED_USER
    # /tmp: the server's user can reach it (a TMPDIR inside /root is not), and a socket path stays short (107 bytes)
    root = Path(tempfile.mkdtemp(prefix="wb-pg-", dir="/tmp" if Path("/tmp").is_dir() else None))
    cluster = PgCluster(root, programs, _free_port(), secrets.token_urlsafe(16), run_as)
    cluster.socket_dir.mkdir()
    password_file = root / "superuser-password"
    password_file.write_text(cluster.password + "\n")
    owned = [root, cluster.socket_dir, password_file]
    if tls:
        _make_certificates(root)
        owned += [root / "server.key", root / "server.crt"]
    if run_as:
        account = pwd.getpwnam(run_as)
        for path in owned:
            os.chown(path, account.pw_uid, account.pw_gid)
    root.chmod(0o700)
    # the socket folder is the server's; others reach the socket inside it (root always can)
    cluster.socket_dir.chmod(0o755)
    cluster._run(
        [
            str(programs / "initdb"),
            "-D",
            str(cluster.data_dir),
            "-U",
            SUPERUSER,
            f"--pwfile={password_file}",
            "--auth=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ]
    )
    password_file.unlink()
    if tls:  # first match wins: a TCP login without TLS is turned away before the password lines
        hba = cluster.data_dir / "pg_hba.conf"
        with hba.open("r+") as rules:  # written in place: the file stays the server user's
            kept = rules.read()
            rules.seek(0)
            rules.write("hostnossl all all 127.0.0.1/32 reject\n" + kept)
    options = (
        f"-c listen_addresses=127.0.0.1 -c port={cluster.port} -c unix_socket_directories={cluster.socket_dir} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    if tls:
        options += f" -c ssl=on -c ssl_cert_file={root / 'server.crt'} -c ssl_key_file={root / 'server.key'}"
    cluster._run(
        [
            str(programs / "pg_ctl"),
            "-D",
            str(cluster.data_dir),
            "-l",
            str(cluster.log_file),
            "-o",
            options,
            "-w",
            "start",
        ]
    )
    return cluster
