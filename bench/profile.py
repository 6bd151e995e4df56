"""Profile ``board serve`` under the benchmark's load with py-spy (``make bench-profile``).

    python -m bench.profile [--clients 200] [--rate 20] [--seconds 10] [--mode eventlet] [--rest 4]

Starts a server exactly as the benchmark does, drives either the edit scenario (N watchers, one
writer) or, with ``--rest C``, REST card creates at concurrency C, samples the server with py-spy
meanwhile and prints the functions holding the most samples (inclusive and own). The raw samples
are kept in ``bench/results/profile.raw`` (collapsed stacks: flamegraph.pl or speedscope read them).
"""
from __future__ import annotations

import argparse
import collections
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import procs
from .procs import BoardServer, Clients, cores, cpu_seconds, pinned


def summarise(raw: Path, top: int = 40) -> str:
    """The most-sampled functions of py-spy's collapsed stacks, inclusive and own."""
    inclusive, own, total = collections.Counter(), collections.Counter(), 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [f.split(" (")[0] + " (" + f.split("(")[-1].split(":")[0].rsplit("/", 1)[-1] + ")"
                  for f in stack.split(";")]
        for frame in set(frames):
            inclusive[frame] += n
        own[frames[-1]] += n
    lines = [f"{total} samples", "", "inclusive:"]
    lines += [f"{100 * v / total:5.1f}%  {k}" for k, v in inclusive.most_common(top)]
    lines += ["", "own:"] + [f"{100 * v / total:5.1f}%  {k}" for k, v in own.most_common(top // 2)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--rate", type=float, default=20)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--mode", default="eventlet", choices=["eventlet", "gevent", "threading"])
    parser.add_argument("--database", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--rest", type=int, metavar="C", help="profile REST card creates at concurrency C instead")
    parser.add_argument("--out", type=Path, default=procs.HERE / "results")
    args = parser.parse_args(argv)
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        print("py-spy is missing: make bench installs it into .venv (bench/requirements.txt)", file=sys.stderr)
        return 2
    procs.npm_install()
    harness, server_core = cores()
    workdir = Path(tempfile.mkdtemp(prefix="board-profile-"))
    args.out.mkdir(parents=True, exist_ok=True)
    raw = args.out / "profile.raw"
    server = BoardServer(workdir, mode=args.mode, database=args.database, core=server_core,
                         cards=0 if args.rest else procs.CARD_POOL).start()
    clients = None
    try:
        record = [spy, "record", "--pid", str(server.pid), "--format", "raw", "--output", str(raw), "--rate", "250",
                  "--duration", str(int(args.seconds)), "--nonblocking"]
        cpu0 = cpu_seconds(server.pid)
        if args.rest:
            sampler = subprocess.Popen(record, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            out = subprocess.run(pinned(["node", str(procs.NODE_DIR / "rest_load.js"), server.url, server.writer_token,
                                         server.initiative, str(args.rest), str(args.seconds)], harness),
                                 capture_output=True, text=True, check=True).stdout
            result = json.loads(out)
            wall = result["seconds"]
        else:
            clients = Clients(server, core=harness)
            clients.connect(args.clients, batch=100)
            clients.run(5, 1, settle=3)
            cpu0 = cpu_seconds(server.pid)
            sampler = subprocess.Popen(record, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            result = clients.run(args.rate, args.seconds, settle=5)
            wall = result["wall_s"]
        sampler.wait(60)
        print(json.dumps({k: result[k] for k in result if k in ("creates_per_s", "latency_ms", "fanout_ms", "lost",
                                                                  "statuses", "ack_ms")}))
        print(f"server CPU {100 * (cpu_seconds(server.pid) - cpu0) / wall:.0f}% of a core")
    finally:
        if clients:
            clients.close()
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    summary = summarise(raw)
    (args.out / "profile.txt").write_text(summary + "\n")
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
