"""The *web app clients* phase: clients that make the REST reads the real web app makes after each
event, before and after derived state was pushed (see docs/performance.md).

The lean clients of the other phases only count events. A browser on a board also reads by REST
what events do not carry: "after" takes those rules from the web app's own code
(frontend/src/lib/refetch.ts, bundled for Node here at bench time with rolldown, Vite's bundler);
"before" replays the web app's rules at commit 7109d78 (bench/node/before_rules.js). Both variants
watch their own board server, side by side on the server core, and take turns.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from . import procs
from .procs import Clients
from .report import _fmt, _flag

FRONTEND = procs.REPO / "frontend"
RULES = FRONTEND / "src" / "lib" / "refetch.ts"
VARIANTS = ("after", "before")  # "after" first at each N: "before" may leave reads to drain
DRAIN_S = 20  # at most this long after the edits for the reads they caused to be answered


def bundle_rules(workdir: Path) -> Path:
    """frontend/src/lib/refetch.ts as a CommonJS module for Node (frontend/node_modules from its lock file)."""
    rolldown = FRONTEND / "node_modules" / ".bin" / "rolldown"
    if not rolldown.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=FRONTEND, check=True,
                       stdout=subprocess.DEVNULL)
    out = workdir / "refetch.cjs"
    subprocess.run([str(rolldown), str(RULES), "--format", "cjs", "--platform", "node", "--file", str(out)],
                   cwd=FRONTEND, check=True, capture_output=True)
    return out


def run(runner, clients_list: list[int], rate: float, seconds: float) -> list[dict]:
    """Each N, each variant in turn: one phase of ``seconds`` at ``rate``; its rows."""
    bundle = bundle_rules(runner.workdir)
    runner.log(f"web app clients: {', '.join(VARIANTS)} at N={clients_list}, {rate:g} edits/s, {seconds:g} s each")
    servers, watchers, rows = {}, {}, []
    try:
        for variant in VARIANTS:
            servers[variant] = runner.make_server("board")
            watchers[variant] = Clients(servers[variant], core=runner.harness_core, webapp={
                "variant": variant, "bundle": str(bundle), "engagement": servers[variant].engagement})
        for i, n in enumerate(clients_list):
            for variant in VARIANTS:
                watchers[variant].connect(n)
                if i == 0:
                    watchers[variant].run(5, 1, settle=3)  # warm up both sides; not reported
            for variant in VARIANTS:
                row = runner._phase_once(servers[variant], watchers[variant], rate, seconds, scenario="webapp",
                                         label=f"web app {variant}", variant=variant, drain=DRAIN_S)
                rows.append(per_edit(row))
                rest = row["rest"]
                runner.log(f"    {variant}: {row['rest_per_edit']} REST reads per edit ({rest['by_key']}), "
                           f"{row['server_cpu_ms_per_edit']} ms server CPU per edit, unanswered {rest['unanswered']}")
    finally:
        for variant in servers:
            if variant in watchers:
                watchers[variant].close()
            servers[variant].stop()
    return rows


def per_edit(row: dict) -> dict:
    """The phase's figures per acknowledged edit (its CPU % are over the edits and the reads' drain)."""
    edits = max(1, row["edits_acked"])
    row["rest_per_edit"] = round(row["rest"]["issued"] / edits, 2)
    row["server_cpu_ms_per_edit"] = round(1000 * row["server_cpu_s"] / edits, 2)
    return row


def markdown(rows: list[dict]) -> list[str]:
    """The phase's table (no lines without rows)."""
    if not rows:
        return []
    lines = ["## Web app clients (REST reads after each event, as the web app makes them)", "",
             "N clients watch a board and, on each event, make the REST reads the web app makes: *after* by "
             "frontend/src/lib/refetch.ts itself, *before* by the rules of the web app at 7109d78. Server CPU "
             "per edit includes answering the reads the edit caused.", "",
             "| web app | N | edits/s | edits | REST reads / edit | reads unanswered | read p50 ms | read p99 ms "
             "| server CPU ms / edit | fan-out p50 | fan-out p99 | lost | harness CPU % | others CPU % | flags |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        rest, fan = r["rest"], r["fanout_ms"]
        lines.append(
            f"| {r['variant']} | {r['clients']} | {_fmt(r['rate'], 0)} | {r['edits_acked']} | {_fmt(r['rest_per_edit'], 2)} "
            f"| {rest['unanswered'] + rest['failed']} | {_fmt(rest['latency_ms']['p50'])} "
            f"| {_fmt(rest['latency_ms']['p99'])} | {_fmt(r['server_cpu_ms_per_edit'], 2)} | {_fmt(fan['p50'])} "
            f"| {_fmt(fan['p99'])} | {r['lost'] + r['seq_gaps']} | {_fmt(r['harness_cpu_pct'])} "
            f"| {_fmt(r['other_cpu_pct'])} | {_flag(r)} |")
    return lines + [""]
