"""``make bench``: edit-to-screen latency, reference servers, async modes, capacity, REST writes and web app clients.

    python -m bench.run [--quick | --smoke] [--out bench/results]

Everything runs on this machine: the server under test pinned to one core, the harness (Node.js
clients, this script) to another. Writes ``latest.json`` and ``latest.md`` into ``--out``
(``latest-quick.*``, ``latest-smoke.*`` for the smaller runs); see
docs/performance.md for what each figure means.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import procs, report, webapp
from .procs import (BoardServer, Clients, FlaskRefServer, NodeRefServer, cores, cpu_seconds, pinned, rss_mb)
from .report import TARGET_N, TARGET_RATE

RETRIES = 2  # re-runs of a phase disturbed by other processes (see Runner.phase)
HARNESS_SATURATED = 90.0  # % of its core: above this the harness, not the server, may be what is measured
NOISY = 50.0  # % of a core used by other processes during a phase: the figure is flagged
RETRY_BUDGET = {"full": 10 * 60, "quick": 2 * 60, "smoke": 0}  # seconds into a run during which noisy phases re-run


@dataclass
class Plan:
    """What one run measures."""

    name: str
    latency_clients: list[int]
    rates: list[float]
    durations: dict[float, float]  # rate -> seconds of edits per phase
    latency_servers: list[str]  # board, flask-ref, node-ref
    modes: list[tuple[str, dict]] = field(default_factory=list)  # (label, server spec) at mode_clients
    mode_clients: list[int] = field(default_factory=list)
    mode_rate: float = 5
    calibration_clients: list[int] = field(default_factory=list)  # node-ref with socket.io-client receivers
    capacity_steps: list[int] = field(default_factory=list)
    capacity_rate: float = 1
    capacity_seconds: float = 10
    rest_databases: list[str] = field(default_factory=list)
    rest_concurrency: list[int] = field(default_factory=list)
    rest_seconds: float = 6
    # the targets' scenario (N = 200, 5 edits/s) on the latency servers in alternating rounds (see
    # Runner.run_head_to_head): enough rounds that its p99 is not simply the worst edit (8 x 6 s: 240
    # edits each, the p99 is the third-worst)
    rounds: int = 0
    round_seconds: float = 6
    # clients that make the web app's REST reads after each event, before and after derived state was pushed
    webapp_clients: list[int] = field(default_factory=list)
    webapp_rate: float = 5
    webapp_seconds: float = 10


MODES = [
    ("board gevent", {"kind": "board", "mode": "gevent"}),
    ("board threading", {"kind": "board", "mode": "threading"}),
    ("board eventlet + Redis queue", {"kind": "board", "mode": "eventlet", "redis": True}),
    ("board eventlet + PostgreSQL", {"kind": "board", "mode": "eventlet", "database": "postgresql"}),
    ("flask-ref gevent", {"kind": "flask-ref", "mode": "gevent"}),
    ("flask-ref threading", {"kind": "flask-ref", "mode": "threading"}),
]

PLANS = {
    "full": Plan("full", [10, 50, 100, 200, 500], [1, 5, 20], {1: 10, 5: 12, 20: 5}, ["board", "flask-ref", "node-ref"],
                 modes=MODES, mode_clients=[200, 500], calibration_clients=[200, 500],
                 capacity_steps=[500, 1000, 1250, 1500, 2000, 2500, 3000], rest_databases=["sqlite", "postgresql"],
                 rest_concurrency=[1, 4, 16], rounds=8, webapp_clients=[50, 200]),
    "quick": Plan("quick", [10, 200], [5], {5: 8}, ["board", "flask-ref", "node-ref"],
                  modes=[MODES[0], MODES[2]], mode_clients=[200], capacity_steps=[500, 1000], capacity_seconds=6,
                  rest_databases=["sqlite", "postgresql"], rest_concurrency=[4], rest_seconds=4, rounds=4,
                  round_seconds=5, webapp_clients=[50, 200], webapp_seconds=6),
    "smoke": Plan("smoke", [10], [1], {1: 3}, ["board"], rounds=2, round_seconds=2, webapp_clients=[10],
                  webapp_seconds=2),
}


class SystemCPU:
    """CPU seconds used by the whole machine (all cores), to tell how much others used meanwhile."""

    @staticmethod
    def busy() -> float:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        idle = values[3] + (values[4] if len(values) > 4 else 0)
        return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class Runner:
    def __init__(self, plan: Plan, out: Path, workdir: Path, harness_core: int | None, server_core: int | None,
                 log=print):
        # the cores are chosen once, before this process pins itself to the harness's core (asked
        # again afterwards, ``cores()`` would see one core and pin nothing: every server then shared
        # the harness's core)
        self.plan, self.out, self.workdir, self.log = plan, out, workdir, log
        self.harness_core, self.server_core = harness_core, server_core
        self.server_cores_seen: set[tuple[int, ...]] = set()  # what each server process ran on
        self.started = time.monotonic()
        self.retry_budget = RETRY_BUDGET.get(plan.name, 0)  # seconds into the run after which nothing is re-run
        self.rows: list[dict] = []
        self.head_to_head: list[dict] = []
        self.rest: list[dict] = []
        self.capacity: list[dict] = []
        self.webapp: list[dict] = []
        self.skipped: list[str] = []

    # ------------------------------------------------------------------ servers

    def make_server(self, kind: str, mode: str = "eventlet", database: str = "sqlite", redis: bool = False,
                    cards: int = procs.CARD_POOL):
        if kind == "board":
            server = BoardServer(self.workdir, mode=mode, database=database, redis=redis, core=self.server_core,
                                 cards=cards).start()
        elif kind == "flask-ref":
            server = FlaskRefServer(self.workdir, mode=mode, core=self.server_core).start()
        else:
            server = NodeRefServer(self.workdir, core=self.server_core).start()
        self.server_cores_seen.add(tuple(sorted(os.sched_getaffinity(server.pid))))
        return server

    def unavailable(self, spec: dict) -> str | None:
        """Why a server spec cannot run here (missing PostgreSQL/Redis), or None."""
        if spec.get("database") == "postgresql" and not _pg_ok():
            return "PostgreSQL is not reachable"
        if spec.get("redis") and not _redis_ok():
            return "Redis is not reachable"
        return None

    # ------------------------------------------------------------------ one measured phase

    def phase(self, server, clients: Clients, rate: float, duration: float, **labels) -> dict:
        """One measured phase; re-run (at most ``RETRIES`` times, within the run's time budget) while
        other processes disturbed it, keeping the least disturbed attempt."""
        best = None
        for attempt in range(1 + RETRIES):
            row = self._phase_once(server, clients, rate, duration, **labels)
            row["attempts"] = attempt + 1
            if best is None or row["other_cpu_pct"] < best["other_cpu_pct"]:
                best = row
            if not best["noisy"] or time.monotonic() - self.started > self.retry_budget:
                break
            self.log("    disturbed by other processes: once more")
        best["attempts"] = row["attempts"]
        return best

    def _phase_once(self, server, clients: Clients, rate: float, duration: float, samples: bool = False,
                    drain: float | None = None, **labels) -> dict:
        srv0, node0, sys0 = cpu_seconds(server.pid), cpu_seconds(clients.pid), SystemCPU.busy()
        svc0, me0 = procs.services_cpu_seconds(), time.process_time()
        result = clients.run(rate, duration, settle=5, samples=samples, drain=drain)
        wall = result["wall_s"] + result.get("rest", {}).get("drain_s", 0)  # web app clients: their reads' drain too
        srv_cpu = cpu_seconds(server.pid) - srv0
        node_cpu = cpu_seconds(clients.pid) - node0
        me_cpu = time.process_time() - me0
        svc_cpu = procs.services_cpu_seconds() - svc0
        other = max(0.0, SystemCPU.busy() - sys0 - srv_cpu - node_cpu - me_cpu - svc_cpu)
        row = {
            **labels, "server": server.kind, "mode": getattr(server, "mode", None),
            "database": getattr(server, "database", None), "redis": getattr(server, "redis", False),
            **{k: v for k, v in result.items() if k != "ok"},
            "server_cpu_pct": round(100 * srv_cpu / wall, 1), "server_cpu_s": round(srv_cpu, 3),
            "server_rss_mb": round(rss_mb(server.pid), 1),
            "harness_cpu_pct": round(100 * (node_cpu + me_cpu) / wall, 1),
            "services_cpu_pct": round(100 * svc_cpu / wall, 1),
            "other_cpu_pct": round(100 * other / wall, 1),
        }
        problems = []
        if row["harness_cpu_pct"] > HARNESS_SATURATED:
            problems.append(f"harness at {row['harness_cpu_pct']}% of its core")
        row["valid"] = not problems
        row["invalid_reason"] = "; ".join(problems) or None
        row["noisy"] = row["other_cpu_pct"] > NOISY
        lat, fan = row["latency_ms"], row["fanout_ms"]
        self.log(f"  {labels.get('scenario')}: {row['server']:9} {row['mode'] or '':9} N={row['clients']:<5} "
                 f"{rate:>4}/s  p50 {lat['p50']} p99 {lat['p99']}  fan-out p99 {fan['p99']} ms  lost {row['lost']} "
                 f"gaps {row['seq_gaps']} errors {row['errors'] or 0}  server {row['server_cpu_pct']}% "
                 f"harness {row['harness_cpu_pct']}% others {row['other_cpu_pct']}%"
                 + ("" if row["valid"] else "  INVALID: " + row["invalid_reason"]))
        return row

    def latency_series(self, spec: dict, clients_list: list[int], rates: list[float], scenario: str,
                       client_kind: str = "raw", label: str | None = None) -> None:
        """Start one server, then for each N (connecting more clients) run each edit rate."""
        server = self.make_server(**spec)
        clients = Clients(server, core=self.harness_core, kind=client_kind)
        try:
            warmed = False
            for n in clients_list:
                connected = clients.connect(n)
                if not warmed:
                    clients.run(5, 1, settle=3)  # warm up both sides (JIT, statement caches); not reported
                    warmed = True
                for rate in rates:
                    row = self.phase(server, clients, rate, self.plan.durations.get(rate, 10), scenario=scenario,
                                     label=label or server.kind, client_kind=client_kind,
                                     connect_s=round(connected["seconds"], 2))
                    self.rows.append(row)
        finally:
            clients.close()
            server.stop()

    # ------------------------------------------------------------------ scenarios

    def run_latency(self) -> None:
        self.log("edit-to-screen latency")
        for kind in self.plan.latency_servers:
            self.latency_series({"kind": kind}, self.plan.latency_clients, self.plan.rates, "latency")

    def run_head_to_head(self) -> None:
        """The targets' scenario on the three latency servers at once, in rounds that take turns.

        The latency series measure one server after another, minutes apart, and this machine's speed
        drifts within minutes (the *machine speed* row): a ratio of two phases minutes apart measures
        the drift as well as the servers. Here all three run side by side on the server core (each
        idle but for its keep-alives while another is measured), N clients watch each, and short
        rounds rotate between them, so each server's edits spread over the same minutes. Each
        server's fan-out samples are pooled over its rounds; no round is re-run (keeping a least
        disturbed attempt would favour whoever was re-run).
        """
        if not self.plan.rounds:
            return
        kinds = self.plan.latency_servers
        self.log(f"head to head: {', '.join(kinds)} at N={TARGET_N}, {TARGET_RATE} edits/s, "
                 f"{self.plan.rounds} rounds of {self.plan.round_seconds:g} s each")
        servers, watchers = {}, {}
        try:
            for kind in kinds:
                servers[kind] = self.make_server(kind)
                watchers[kind] = Clients(servers[kind], core=self.harness_core)
                watchers[kind].connect(TARGET_N)
                watchers[kind].run(5, 1, settle=3)  # warm up both sides; not reported
            rounds: dict[str, list[dict]] = {kind: [] for kind in kinds}
            for r in range(self.plan.rounds):
                for kind in kinds[r % len(kinds):] + kinds[:r % len(kinds)]:
                    rounds[kind].append(self._phase_once(servers[kind], watchers[kind], TARGET_RATE,
                                                         self.plan.round_seconds, samples=True,
                                                         scenario="head-to-head", label=kind, round=r + 1))
            self.head_to_head = [report.pooled(kind, rounds[kind]) for kind in kinds]
        finally:
            for kind in servers:
                if kind in watchers:
                    watchers[kind].close()
                servers[kind].stop()

    def run_modes(self) -> None:
        if not self.plan.modes:
            return
        self.log("async modes, message queue and database")
        for label, spec in self.plan.modes:
            why = self.unavailable(spec)
            if why:
                self.skipped.append(f"{label}: {why}")
                continue
            self.latency_series(spec, self.plan.mode_clients, [self.plan.mode_rate], "modes", label=label)

    def run_calibration(self) -> None:
        if not self.plan.calibration_clients:
            return
        self.log("harness calibration: node-ref with a real socket.io-client per receiver")
        self.latency_series({"kind": "node-ref"}, self.plan.calibration_clients, [self.plan.mode_rate], "calibration",
                            client_kind="socketio", label="node-ref (socket.io-client receivers)")

    def run_capacity(self) -> None:
        if not self.plan.capacity_steps:
            return
        self.log("capacity: clients one process holds with p99 fan-out under 100 ms at 1 edit/s")
        server = self.make_server("board")
        clients = Clients(server, core=self.harness_core)
        try:
            clients.connect(10)
            clients.run(5, 1, settle=3)
            base_rss = rss_mb(server.pid)
            base_clients = 10
            for n in self.plan.capacity_steps:
                try:
                    connected = clients.connect(n, batch=100)
                except RuntimeError as exc:
                    self.capacity.append({"clients": n, "error": str(exc)[:300], "ok": False})
                    self.log(f"  N={n}: could not connect: {str(exc)[:200]}")
                    break
                row = self.phase(server, clients, self.plan.capacity_rate, self.plan.capacity_seconds,
                                 scenario="capacity", label="board", connect_s=round(connected["seconds"], 2))
                rss = rss_mb(server.pid)
                row["rss_per_client_kb"] = round((rss - base_rss) * 1024 / max(1, n - base_clients), 1)
                row["ok"] = bool(row["fanout_ms"]["p99"] is not None and row["fanout_ms"]["p99"] < 100
                                 and row["lost"] == 0 and not row["errors"])
                self.capacity.append(row)
                if not row["ok"]:
                    break
        finally:
            clients.close()
            server.stop()

    def run_webapp(self) -> None:
        if self.plan.webapp_clients:
            self.webapp = webapp.run(self, self.plan.webapp_clients, self.plan.webapp_rate, self.plan.webapp_seconds)

    def run_rest(self) -> None:
        if not self.plan.rest_databases:
            return
        self.log("REST card creates")
        for database in self.plan.rest_databases:
            if database == "postgresql" and not _pg_ok():
                self.skipped.append("REST on PostgreSQL: PostgreSQL is not reachable")
                continue
            server = self.make_server("board", database=database, cards=0)
            try:
                for concurrency in self.plan.rest_concurrency:
                    srv0, sys0, svc0 = cpu_seconds(server.pid), SystemCPU.busy(), procs.services_cpu_seconds()
                    done = subprocess.run(
                        pinned(["node", str(procs.NODE_DIR / "rest_load.js"), server.url, server.writer_token,
                                server.initiative, str(concurrency), str(self.plan.rest_seconds)], self.harness_core),
                        capture_output=True, text=True, check=True)
                    r = json.loads(done.stdout)
                    srv_cpu = cpu_seconds(server.pid) - srv0
                    wall = r["seconds"]
                    harness_cpu = r["harness_cpu_pct"]
                    svc_cpu = procs.services_cpu_seconds() - svc0
                    other = max(0.0, SystemCPU.busy() - sys0 - srv_cpu - harness_cpu / 100 * wall - svc_cpu)
                    row = {**r, "database": database, "mode": server.mode,
                           "server_cpu_pct": round(100 * srv_cpu / wall, 1),
                           "server_cpu_ms_per_request": round(1000 * srv_cpu / max(1, r["requests"]), 2),
                           "services_cpu_pct": round(100 * svc_cpu / wall, 1),
                           "other_cpu_pct": round(100 * other / wall, 1),
                           "valid": harness_cpu <= HARNESS_SATURATED,
                           "invalid_reason": None if harness_cpu <= HARNESS_SATURATED else
                           f"harness at {harness_cpu}% of its core"}
                    row["noisy"] = row["other_cpu_pct"] > NOISY
                    self.rest.append(row)
                    self.log(f"  {database:10} c={concurrency:<3} {r['creates_per_s']}/s p50 {r['latency_ms']['p50']} "
                             f"p99 {r['latency_ms']['p99']} ms  non-201 {r['non_201']}  server {row['server_cpu_pct']}% "
                             f"others {row['other_cpu_pct']}%")
            finally:
                server.stop()


def wait_for_quiet(limit: float, quiet: float = 25.0, window: float = 5.0) -> tuple[float, float]:
    """Wait (at most ``limit`` s) until other processes use under ``quiet``% of a core over ``window`` s.

    A shared machine (other people's test runs) disturbs every figure; the run records how busy the
    machine was anyway, and flags phases that were disturbed. Returns (seconds waited, others' CPU %).
    """
    start = time.monotonic()
    while True:
        before = SystemCPU.busy()
        time.sleep(window)
        others = 100 * (SystemCPU.busy() - before) / window
        waited = time.monotonic() - start
        if others < quiet or waited >= limit:
            if waited > window + 1:
                print(f"waited {waited:.0f} s for a quiet machine (others at {others:.0f}% of a core)", flush=True)
            return round(waited, 1), round(others, 1)


def _pg_ok() -> bool:
    try:
        import psycopg2

        psycopg2.connect(procs.PG_ADMIN_URL, connect_timeout=2).close()
        return True
    except Exception:  # noqa: BLE001
        return False


def _redis_ok() -> bool:
    try:
        import redis

        redis.Redis.from_url(procs.REDIS_URL, socket_connect_timeout=2).ping()
        return True
    except Exception:  # noqa: BLE001
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="a smaller matrix (a couple of minutes)")
    size.add_argument("--smoke", action="store_true", help="the quickest run: N=10, 1 edit/s, 3 s, board only")
    parser.add_argument("--out", type=Path, default=procs.HERE / "results",
                        help="folder for latest.json/.md (latest-quick.*, latest-smoke.*)")
    parser.add_argument("--wait-quiet", type=float, default=None, metavar="SECONDS",
                        help="first wait up to this long for other processes to leave the cores idle "
                             "(default: 300 for the full run, 0 otherwise)")
    parser.add_argument("--only", nargs="*", choices=["latency", "head_to_head", "calibration", "modes", "capacity",
                                                      "rest", "webapp"],
                        help="run only these parts")
    args = parser.parse_args(argv)
    plan = PLANS["smoke" if args.smoke else "quick" if args.quick else "full"]

    # stop cleanly (servers and clients too) on Ctrl-C or SIGTERM, even when started in the background
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    why = procs.node_available()
    if why:
        print(f"bench: {why}; the load clients and the Node reference server need Node.js and npm", file=sys.stderr)
        return 2
    procs.npm_install()
    harness_core, server_core = cores()
    if harness_core is not None:
        os.sched_setaffinity(0, {harness_core})  # this script is part of the harness

    wait = args.wait_quiet if args.wait_quiet is not None else (300 if plan.name == "full" else 0)
    waited, others_at_start = wait_for_quiet(wait)
    started = time.time()
    speed_at_start = procs.reference_ms(server_core)
    workdir = Path(tempfile.mkdtemp(prefix="board-bench-"))
    runner = Runner(plan, args.out, workdir, harness_core, server_core, log=lambda line: print(line, flush=True))
    print(f"bench ({plan.name}): server on core {server_core}, harness on core {harness_core}; work in {workdir}",
          flush=True)
    parts = args.only or ["latency", "head_to_head", "webapp", "calibration", "modes", "capacity", "rest"]
    try:
        for part in parts:
            getattr(runner, f"run_{part}")()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results = {
        "plan": plan.name, "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "runtime_s": round(time.time() - started, 1),
        "machine": procs.machine(harness_core, server_core, sorted(runner.server_cores_seen)),
        "limits": {"harness_saturated_pct": HARNESS_SATURATED, "noisy_other_cpu_pct": NOISY},
        "quiet_wait": {"waited_s": waited, "others_cpu_pct_at_start": others_at_start},
        "reference_ms": {"start": speed_at_start, "end": procs.reference_ms(server_core)},
        "latency": runner.rows, "head_to_head": runner.head_to_head, "capacity": runner.capacity,
        "rest": runner.rest, "webapp": runner.webapp, "skipped": runner.skipped,
    }
    results["targets"] = report.targets(results)
    args.out.mkdir(parents=True, exist_ok=True)
    name = "latest" if plan.name == "full" else f"latest-{plan.name}"  # a quick run keeps the full table
    (args.out / f"{name}.json").write_text(json.dumps(results, indent=1) + "\n")
    (args.out / f"{name}.md").write_text(report.markdown(results, webapp.markdown(runner.webapp)))
    print(f"wrote {args.out / name}.md and .json in {results['runtime_s']} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
