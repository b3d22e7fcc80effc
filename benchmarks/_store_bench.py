"""What the store benchmarks share: start and stop servers, register a session, read memory."""

import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from circle.model import Circle, Member, Session, to_wire


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    """A benchmark server process on loopback."""

    kind: str
    process: subprocess.Popen[bytes]
    url: str

    @classmethod
    def start(cls, kind: str, where: Path) -> "Server":
        port = free_port()
        command = [sys.executable, "-m", "benchmarks._store_servers", kind, str(port), str(where)]
        process = subprocess.Popen(command)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{url}/healthz", timeout=1)
                return cls(kind, process, url)
            except httpx.TransportError:
                time.sleep(0.1)
        process.kill()
        raise RuntimeError(f"the {kind} server did not start")

    def peak_memory_mib(self) -> float:
        """The process's peak resident memory (VmHWM), in MiB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@dataclass(frozen=True)
class BenchSession:
    """A registered session with its roster on the store."""

    session_id: uuid.UUID
    circle_id: uuid.UUID
    member_id: uuid.UUID
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def register_session(url: str) -> BenchSession:
    circle = Circle(name="Benchmark circle", version="000001764028800000.00000.bench")
    member = Member(circle_id=circle.id, name="Ana", version="000001764028800000.00001.bench")
    session = Session(
        circle_id=circle.id, format="classic", version="000001764028800000.00002.bench"
    )
    with httpx.Client(base_url=url) as http:
        body = {"session_id": str(session.id), "circle_id": str(circle.id)}
        token = http.post("/api/v1/sessions", json=body).json()["token"]
        changes: list[dict[str, Any]] = [
            {"table": "circles", "record": to_wire(circle)},
            {"table": "members", "record": to_wire(member)},
            {"table": "sessions", "record": to_wire(session)},
        ]
        pushed = http.post(
            f"/api/v1/sessions/{session.id}/changes",
            json={"changes": changes},
            headers={"Authorization": f"Bearer {token}"},
        )
        pushed.raise_for_status()
    return BenchSession(session.id, circle.id, member.id, token)
