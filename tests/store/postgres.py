"""A throwaway PostgreSQL 15 cluster for the store tests, run as a dedicated non-root user.

initdb refuses to run as root, and tests run as root in CI, so the cluster runs
as the system user `circle-pg` (created if missing). Its folder sits in a fixed
place under the system temp dir, one per test process, because pytest's own
temp folders are mode 700 and the cluster user could not enter them. It listens
on 127.0.0.1 only, on a free port, with durability off (tests, not data).
"""

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_USER = "circle-pg"
BASE = Path(tempfile.gettempdir()) / "circle-pg"


class PostgresCluster:
    """One running cluster; `create_database()` gives each test its own database."""

    def __init__(self) -> None:
        self.folder = BASE / f"cluster-{os.getpid()}"
        self.port = _free_port()

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        _ensure_user()
        _remove_stale_clusters()
        self.folder.mkdir(parents=True)
        _give_to_pg_user(self.folder)
        data = self.folder / "data"
        _run_as_pg(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ]
        )
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        )
        _run_as_pg(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(self.folder / "log"),
                "-w",
                "-t",
                "60",
                "start",
            ]
        )

    def stop(self) -> None:
        data = self.folder / "data"
        with contextlib.suppress(subprocess.CalledProcessError):
            _run_as_pg([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(self.folder, ignore_errors=True)

    def create_database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self._admin(), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return name

    def drop_database(self, name: str) -> None:
        with psycopg.connect(self._admin(), autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def _admin(self) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _is_root() -> bool:
    return os.geteuid() == 0


def _ensure_user() -> None:
    if not _is_root():
        return
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
            check=True,
        )


def _give_to_pg_user(folder: Path) -> None:
    BASE.chmod(0o755)
    if _is_root():
        user = pwd.getpwnam(PG_USER)
        os.chown(folder, user.pw_uid, user.pw_gid)


def _run_as_pg(command: list[str]) -> None:
    if _is_root():
        command = ["runuser", "-u", PG_USER, "--", *command]
    subprocess.run(command, check=True, capture_output=True, cwd="/")


def _remove_stale_clusters() -> None:
    """Clusters left by test processes that died: stop them and delete their folders."""
    BASE.mkdir(mode=0o755, exist_ok=True)
    for folder in BASE.glob("cluster-*"):
        pid = int(folder.name.split("-")[1]) if folder.name.split("-")[1].isdigit() else 0
        if pid and _alive(pid):
            continue
        postmaster = folder / "data" / "postmaster.pid"
        with contextlib.suppress(OSError, ValueError):
            os.kill(int(postmaster.read_text().split()[0]), signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
