"""Durable writes per second: the store against a bare Starlette + sqlite3 endpoint, with wrk.

Each request pushes new records (fresh ids, so none is an idempotent no-op) and
is answered only once they are on disk (both servers run SQLite in WAL mode with
synchronous=FULL). Single-record pushes at 1, 16 and 64 connections, then
100-record batches; then the peak memory of each server. wrk (Debian's `wrk`)
generates the load: Python load generators saturate first. The machine is shared,
so its load and its disk's flush time drift while the benchmark runs: each row
is measured as ROUNDS short rounds of the store and the reference back to back (in
turns, either first), and reports the medians of the rates and of the rounds' ratios.
Target: the store at ≥ 0.7 × the reference. Run with `python -m benchmarks.store_writes`.
"""

import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._store_bench import BenchSession, Server, register_session

SECONDS = 2
ROUNDS = 9
"""Single rounds' ratios spread by ±0.05 or more on this shared machine (its disk's flush
time drifts within seconds), so a row takes many short rounds, each pairing the store with
the reference right after or before it, and reports their medians; it prints their range too."""
CONNECTIONS = (1, 16, 64)
Run = dict[str, Any]
"""One wrk run: its requests per second, failed responses and socket errors."""
BATCH = 100

LUA = r"""
local counter, node, path, headers, batch, circle, session, member
function init(args)
  path, batch, circle, session, member = args[1], tonumber(args[2]), args[3], args[4], args[5]
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  node = string.format("wrk%08x", math.random(0, 0x7fffffff))
  counter = 0
  headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. args[6]}
end
local function uuid()
  return string.format("%08x-%04x-4%03x-%04x-%06x%06x", math.random(0, 0x7fffffff),
    math.random(0, 0xffff), math.random(0, 0xfff), math.random(0x8000, 0xbfff),
    math.random(0, 0xffffff), math.random(0, 0xffffff))
end
local function record()
  counter = counter + 1
  return string.format(
    '{"table":"items","base_version":"","record":{"id":"%s","version":"%018d.00000.%s",' ..
    '"deleted":false,"created_at":"2026-11-25T18:00:00Z","updated_at":"2026-11-25T18:00:00Z",' ..
    '"circle_id":"%s","session_id":"%s","member_id":"%s","kind":"ask","help":"intro",' ..
    '"text":"An introduction to a wholesale flour supplier in the county, number %d"}}',
    uuid(), 1764028800000 + counter, node, circle, session, member, counter)
end
function request()
  local changes = {}
  for i = 1, batch do changes[i] = record() end
  return wrk.format("POST", path, headers, '{"changes":[' .. table.concat(changes, ",") .. ']}')
end
"""


def wrk(url: str, path: str, connections: int, batch: int, session: BenchSession) -> Run:
    """Run wrk; return requests per second and the count of failed requests."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    args = [path, str(batch), str(session.circle_id), str(session.session_id)]
    args += [str(session.member_id), session.token]
    command = ["wrk", "-t1", f"-c{connections}", f"-d{SECONDS}s", "-s", script.name, url]
    out = subprocess.run([*command, "--", *args], capture_output=True, text=True, check=True)
    Path(script.name).unlink()
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out.stdout).group(1))  # type: ignore[union-attr]
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", out.stdout)
    errors = re.search(r"Socket errors: (.*)", out.stdout)
    return {
        "rate": rate,
        "failed": int(failed.group(1)) if failed else 0,
        "errors": errors.group(1) if errors else "",
    }


def stored_records(db: Path, table: str) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("store_writes needs wrk: apt-get install wrk")
    folder = Path(tempfile.mkdtemp(prefix="circle-store-writes-"))
    store = Server.start("store", folder / "store")
    bare = Server.start("bare", folder / "bare.sqlite3")
    try:
        session = register_session(store.url)
        push = f"/api/v1/sessions/{session.session_id}/changes"
        wrk(store.url, push, 4, 1, session)  # warm both up
        wrk(bare.url, "/write", 4, 1, session)
        print(
            f"store_writes: wrk, {ROUNDS} rounds of {SECONDS} s per row (medians), "
            "SQLite WAL synchronous=FULL on both"
        )
        print(f"{'pushes':<24} {'store/s':>10} {'bare/s':>10} {'ratio':>7}")
        for connections in CONNECTIONS:
            rounds = _rounds(store.url, push, bare.url, connections, 1, session)
            _row(f"1 record, {connections} conn", rounds, 1)
        rounds = _rounds(store.url, push, bare.url, 16, BATCH, session)
        _row(f"{BATCH} records, 16 conn", rounds, BATCH, "   (records/s)")
        store_mib, bare_mib = store.peak_memory_mib(), bare.peak_memory_mib()
        print(
            f"{'peak memory (MiB)':<24} {store_mib:>10.0f} {bare_mib:>10.0f} "
            f"{store_mib / bare_mib:>6.2f}×"
        )
    finally:
        store.stop()
        bare.stop()
    time.sleep(0.2)
    held = stored_records(folder / "store" / "store.sqlite3", "items")
    logged = stored_records(folder / "store" / "store.sqlite3", "store_changes")
    print(f"the store holds {held:,} records and {logged:,} change-log entries")
    shutil.rmtree(folder, ignore_errors=True)


def _rounds(
    store: str, push: str, bare: str, connections: int, batch: int, session: BenchSession
) -> list[tuple[Run, Run]]:
    """ROUNDS pairs of (store, reference) runs, the store first in every other pair, so that
    a drift of the machine's speed during a pair favours neither."""
    pairs: list[tuple[Run, Run]] = []
    for n in range(ROUNDS):
        if n % 2 == 0:
            ours = wrk(store, push, connections, batch, session)
            ref = wrk(bare, "/write", connections, batch, session)
        else:
            ref = wrk(bare, "/write", connections, batch, session)
            ours = wrk(store, push, connections, batch, session)
        pairs.append((ours, ref))
    return pairs


def _row(label: str, rounds: list[tuple[Run, Run]], records: int, unit: str = "") -> None:
    """Print the medians of the rounds' rates (records per second) and of their ratios."""
    ours = statistics.median(store["rate"] for store, _ in rounds) * records
    ref = statistics.median(bare["rate"] for _, bare in rounds) * records
    ratios = sorted(store["rate"] / bare["rate"] for store, bare in rounds)
    spread = f"   (rounds {ratios[0]:.2f}–{ratios[-1]:.2f})"
    print(
        f"{label:<24} {ours:>10.0f} {ref:>10.0f} {statistics.median(ratios):>6.2f}×{unit}{spread}"
    )
    for store, bare in rounds:
        _warn(store, bare)


def _warn(ours: Run, ref: Run) -> None:
    for name, run in (("store", ours), ("bare", ref)):
        if run["failed"] or run["errors"]:
            print(f"  ! {name}: {run['failed']} failed responses; socket errors: {run['errors']}")


if __name__ == "__main__":
    main()
