"""A throwaway PostgreSQL server for the test session, and a fresh database per test.

`postgres_server` runs initdb + pg_ctl from Debian's /usr/lib/postgresql/<version>/bin in a temp
folder, listening only on 127.0.0.1 on a free port with trust authentication; it starts in about a
second and is stopped and deleted when the session ends. PostgreSQL refuses to run as root, so
when the tests run as root the server runs as the `postgres` OS user (runuser).

Without the binaries the PostgreSQL tests skip with the reason, except under CI=true: CI must
really exercise PostgreSQL, so there a missing server is a failure.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import psycopg
import pytest

START_TIMEOUT_S = 30
_database_numbers = count(1)


@dataclass(frozen=True)
class PostgresServer:
    host: str
    port: int
    user: str
    data_dir: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def connect_admin(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            dbname="postgres",
            autocommit=True,
            connect_timeout=5,
        )


def find_postgres_bin() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl, else PATH's."""

    def version_key(path: str) -> int:
        version = Path(path).parent.parent.name
        return int(version) if version.isdigit() else 0

    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version_key, reverse=True)
    for initdb in candidates:
        bin_dir = Path(initdb).parent
        if (bin_dir / "pg_ctl").exists():
            return bin_dir
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT_S, check=False)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is required under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def _start_cluster(bin_dir: Path) -> tuple[PostgresServer, Callable[[], None]]:
    root = Path(tempfile.mkdtemp(prefix="liangjiao-pg-"))
    data_dir, socket_dir, log_file = root / "data", root / "socket", root / "server.log"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root, ignore_errors=True)
            _unavailable("running as root and there is no `postgres` OS user to run the server as")
            raise
        for path in (root, socket_dir):
            os.chown(path, account.pw_uid, account.pw_gid)
    root.chmod(0o700)

    def stop() -> None:
        subprocess.run(
            _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
            timeout=START_TIMEOUT_S,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)

    try:
        _run(
            _as_server_user(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(data_dir),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                    "--no-instructions",
                ]
            )
        )
        # A port can be taken between our probe and the server's bind: try a few.
        for attempt in range(3):
            port = _free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {port} -k {socket_dir} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
            )
            start = [str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-o", options, "-l", str(log_file)]
            start += ["-w", "-t", str(START_TIMEOUT_S), "start"]
            try:
                _run(_as_server_user(start))
                break
            except RuntimeError:
                if attempt == 2:
                    raise
        return PostgresServer("127.0.0.1", port, "postgres", data_dir), stop
    except BaseException:
        log = log_file.read_text(errors="replace") if log_file.exists() else ""
        stop()
        if log:
            print(f"PostgreSQL server log:\n{log}")
        raise


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bin_dir = find_postgres_bin()
    if bin_dir is None:
        _unavailable("PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin")
    assert bin_dir is not None
    started = time.perf_counter()
    server, stop = _start_cluster(bin_dir)
    print(
        f"PostgreSQL test server on 127.0.0.1:{server.port} started in {time.perf_counter() - started:.2f} s"
    )
    try:
        yield server
    finally:
        stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A new, empty database for this test; dropped afterwards even if connections remain."""
    name = f"test_{os.getpid()}_{next(_database_numbers)}"
    with postgres_server.connect_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield postgres_server.url(name)
    finally:
        with postgres_server.connect_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL for an empty database, once per backend, so repository tests run on both."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


@dataclass(frozen=True)
class PasswordDatabase:
    """A database owned by a role that must give its password (scram-sha-256), unlike the trusted
    superuser: `url` names the role and carries no password."""

    url: str
    password: str


@pytest.fixture
def password_database(postgres_server: PostgresServer, postgres_url: str) -> Iterator[PasswordDatabase]:
    """postgres_url's database, owned by a new role with a password that pg_hba.conf demands (a line
    for that role only, before the trust lines; the server reloads it)."""
    role = f"officer_{os.getpid()}_{next(_database_numbers)}"
    password = f"pw-{role}-Ω"
    name = postgres_url.rsplit("/", 1)[1]
    hba = postgres_server.data_dir / "pg_hba.conf"
    original = hba.read_text()
    with postgres_server.connect_admin() as admin:
        admin.execute(f"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}'")
        admin.execute(f'ALTER DATABASE "{name}" OWNER TO "{role}"')
        hba.write_text(f"host all {role} 127.0.0.1/32 scram-sha-256\n" + original)
        admin.execute("SELECT pg_reload_conf()")
    with psycopg.connect(
        host=postgres_server.host,
        port=postgres_server.port,
        user=postgres_server.user,
        dbname=name,
        autocommit=True,
    ) as owner:
        owner.execute(f'ALTER SCHEMA public OWNER TO "{role}"')
    try:
        yield PasswordDatabase(
            f"postgresql+psycopg://{role}@{postgres_server.host}:{postgres_server.port}/{name}", password
        )
    finally:
        hba.write_text(original)
        with postgres_server.connect_admin() as admin:
            admin.execute("SELECT pg_reload_conf()")
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')
