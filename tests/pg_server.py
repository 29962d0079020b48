"""A throwaway PostgreSQL cluster for the test session: initdb in a temp dir, a free port, stopped at the end.

PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres`
system user (Debian's package creates it) and every server command runs through runuser.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


class PostgresUnavailable(Exception):
    pass


def find_bin() -> Path:
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise PostgresUnavailable(
            "PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin): "
            "run `bash scripts/setup-system.sh` as root to install it"
        )
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self, bindir: Path, tmp: Path, port: int, prefix: list[str]):
        self.bindir, self.tmp, self.port, self.prefix = bindir, tmp, port, prefix
        self.data = tmp / "data"
        self._names = itertools.count(1)

    @classmethod
    def start(cls) -> PostgresServer:
        bindir = find_bin()
        tmp = Path(tempfile.mkdtemp(prefix="newsgraph-pg-"))
        prefix: list[str] = []
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable("running as root and there is no `postgres` user to run the server") from None
            os.chown(tmp, user.pw_uid, user.pw_gid)
            prefix = ["runuser", "-u", "postgres", "--"]
        server = cls(bindir, tmp, _free_port(), prefix)
        try:
            server._run("initdb", "-D", str(server.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                        "--locale=C", "--no-sync")
            opts = (f"-p {server.port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off "
                    "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
            server._run("pg_ctl", "-D", str(server.data), "-l", str(tmp / "log"), "-o", opts, "-w", "-t", "60", "start")
        except PostgresUnavailable:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return server

    def _run(self, tool: str, *args: str) -> None:
        cmd = [*self.prefix, str(self.bindir / tool), *args]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            log = self.tmp / "log"
            tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
            raise PostgresUnavailable(f"{tool} failed ({r.returncode}): {(r.stderr or r.stdout).strip()[-800:]} {tail}")

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def create_database(self) -> str:
        """A fresh, empty database; its URL."""
        import psycopg

        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)
