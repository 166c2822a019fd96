"""A private, throwaway PostgreSQL cluster for the tests: `initdb` in a temp dir, the
server on a free loopback port with its socket in that dir, one database per test.

Debian's server binaries live in /usr/lib/postgresql/<version>/bin (package
`postgresql`, installed by scripts/setup.sh). PostgreSQL refuses to run as root, so as
root the cluster belongs to the `postgres` user (or `nobody`). Without the binaries the
PostgreSQL tests are skipped with a message, unless FABRIQUE_REQUIRE_POSTGRES=1 (set by
`make test` for CI): then a missing or broken server fails them.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

HOST = "127.0.0.1"
REQUIRE_ENV = "FABRIQUE_REQUIRE_POSTGRES"
SUPERUSER = "postgres"  # the cluster's role name, whatever the system user running it


def required() -> bool:
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def find_bindir() -> Path | None:
    """The newest Debian server install, else `initdb` on PATH (other systems)."""
    def version(p: str) -> tuple[int, ...]:
        v = Path(p).parent.parent.name
        return tuple(int(x) for x in v.split(".") if x.isdigit())

    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if debian:
        return Path(debian[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class PostgresError(RuntimeError):
    pass


class PostgresServer:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="pg-", dir="/tmp"))  # short socket path
        self.data = self.dir / "data"
        self.logfile = self.dir / "postgres.log"
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self._names = itertools.count(1)
        self.user: int | None = None
        self.group: int | None = None
        if os.geteuid() == 0:  # "root" execution of the PostgreSQL server is not permitted
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                pw = pwd.getpwnam("nobody")
            self.user, self.group = pw.pw_uid, pw.pw_gid
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)

    def _run(self, *args: str) -> None:
        done = subprocess.run(args, cwd=self.dir, user=self.user, group=self.group,
                              extra_groups=[] if self.user is not None else None,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise PostgresError(f"{' '.join(args)} a échoué ({done.returncode}) :\n"
                                f"{done.stdout}{done.stderr}")

    def start(self, timeout: float = 30) -> PostgresServer:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                  "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync",
                  "--no-instructions")
        for _ in range(3):  # the free port may be taken in between: try another
            self.port = free_port()
            if self._start_postmaster(timeout):
                return self
        raise PostgresError("PostgreSQL ne démarre pas :\n" + self.log())

    def _start_postmaster(self, timeout: float) -> bool:
        """The postmaster in the foreground, in its own process group, under setpriv
        --pdeathsig: it dies with the test run even when pytest is killed. fsync and
        synchronous commits are off: the data is thrown away."""
        cmd = [str(self.bindir / "postgres"), "-D", str(self.data), "-p", str(self.port),
               "-c", f"listen_addresses={HOST}", "-c", f"unix_socket_directories={self.dir}",
               "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
               "-c", "max_connections=50", "-c", "shared_buffers=32MB"]
        if shutil.which("setpriv"):
            cmd = ["setpriv", "--pdeathsig", "QUIT", *cmd]
        with open(self.logfile, "ab") as out:
            self.proc = subprocess.Popen(
                cmd, cwd=self.dir, user=self.user, group=self.group,
                extra_groups=[] if self.user is not None else None,
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.proc = None
                return False
            try:
                with self._admin():
                    return True
            except Exception:  # noqa: BLE001 - not accepting connections yet
                time.sleep(0.05)
        self.kill()
        raise PostgresError("PostgreSQL ne répond pas :\n" + self.log())

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@{HOST}:{self.port}/{database}"

    def _admin(self):
        import psycopg

        return psycopg.connect(host=HOST, port=self.port, user=SUPERUSER, dbname="postgres",
                               autocommit=True, connect_timeout=2)

    @contextmanager
    def database(self) -> Iterator[str]:
        """A new empty database for one test, dropped afterwards (its connections with it)."""
        name = f"test_{next(self._names)}"
        with self._admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            yield self.url(name)
        finally:
            with self._admin() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def kill(self) -> None:
        """SIGQUIT to the postmaster: immediate shutdown, the cluster is thrown away."""
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGQUIT)
            self.proc.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.proc = None

    def stop(self) -> None:
        self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)

    def log(self) -> str:
        try:
            return self.logfile.read_text(errors="replace")
        except OSError:
            return ""


def start_or_skip() -> PostgresServer:
    """A running server for the session; skipped without PostgreSQL, failed when CI
    requires it or when an installed PostgreSQL does not start."""
    bindir = find_bindir()
    if bindir is None:
        msg = ("PostgreSQL absent (pas de /usr/lib/postgresql/*/bin/initdb) : "
               "apt-get install -y postgresql, ou ./scripts/setup.sh en root")
        if required():
            pytest.fail(f"{msg} ; {REQUIRE_ENV}=1 exige les tests PostgreSQL", pytrace=False)
        pytest.skip(msg)
    server = PostgresServer(bindir)
    try:
        return server.start()
    except Exception as e:  # noqa: BLE001 - reported below, outside the except block
        error = e
    server.stop()
    pytest.fail(f"PostgreSQL ({bindir}) ne démarre pas : {error}", pytrace=False)
