"""The benchmark harness (``make bench``) in its quickest mode: it runs end to end against a real
``board serve`` and writes a well-formed result with every event delivered. The benchmarks
themselves are not tests and never run here."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.services import missing_service

REPO = Path(__file__).resolve().parents[2]


def test_smoke_run_writes_well_formed_results_with_no_lost_event(tmp_path):
    for tool in ("node", "npm"):
        if not shutil.which(tool):
            missing_service("Node.js", f"{tool} not on PATH; the benchmark's clients run on Node")
    from bench import procs

    try:
        procs.npm_install()  # bench/node from its lock file, as `make bench` does
    except (subprocess.CalledProcessError, OSError) as exc:
        missing_service("the npm registry", f"npm ci in bench/node failed: {exc}")

    done = subprocess.run([sys.executable, "-m", "bench.run", "--smoke", "--out", str(tmp_path)], cwd=REPO,
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]

    results = json.loads((tmp_path / "latest-smoke.json").read_text())
    assert results["plan"] == "smoke"
    machine = results["machine"]
    assert machine["cores"] >= 1 and machine["python"] and machine["node"].startswith("v")
    assert machine["cpu"] and machine["memory_gb"] > 0
    pin = machine["pinning"]
    if procs.cores()[1] is not None:  # the machine has a core for the server
        # the server ran on its own core, never on the harness's (each server process is checked)
        assert pin["server_core"] != pin["harness_core"]
        assert pin["server_cores_seen"] == [[pin["server_core"]]], pin
    [row] = results["latency"]
    assert (row["server"], row["mode"], row["clients"], row["rate"]) == ("board", "eventlet", 10, 1)
    assert row["edits_planned"] == row["edits_sent"] == row["edits_acked"] == 3
    assert row["errors"] == {} and row["disconnects"] == 0
    assert row["deliveries"] == row["deliveries_expected"] == 30
    assert row["lost"] == 0 and row["seq_gaps"] == 0 and row["duplicates"] == 0
    for stat in ("latency_ms", "fanout_ms"):
        assert 0 < row[stat]["p50"] <= row[stat]["p99"] <= row[stat]["max"] < 5000
    assert row["fanout_ms"]["n"] == 3 and row["latency_ms"]["n"] == 30
    assert 0 <= row["harness_cpu_pct"] and row["valid"] in (True, False)
    assert any(t["target"].startswith("0 events lost") and t["met"] for t in results["targets"])
    # the targets' scenario in rounds (the board alone here): every round's fan-outs pooled
    [duel] = results["head_to_head"]
    assert (duel["label"], duel["clients"], duel["rate"], duel["rounds"]) == ("board", 200, 5, 2)
    assert duel["fanout_ms"]["n"] == 20 and duel["latency_ms"]["n"] == 20 * 200
    assert duel["lost"] == 0 and duel["seq_gaps"] == 0 and len(duel["round_fanout_p99_ms"]) == 2
    # under 100 samples a p99 is the worst one: pooled, the worst of the rounds' worst
    assert duel["fanout_ms"]["p99"] == max(duel["round_fanout_p99_ms"]) == duel["fanout_ms"]["max"]
    fanout = next(t for t in results["targets"] if t["target"].startswith("p99 full fan-out"))
    assert fanout["measured"] == f"{duel['fanout_ms']['p99']} ms (of 20 edits) (head to head)"

    # web app clients: "after" reads nothing after an edit (frontend/src/lib/refetch.ts, bundled); "before"
    # (the web app at 7109d78) read the power-ups after each one, and every read was answered
    after, before = results["webapp"]
    for r in (after, before):
        assert (r["clients"], r["rate"], r["edits_acked"]) == (10, 5, 10) and r["lost"] == 0 and r["seq_gaps"] == 0
        assert r["server_cpu_ms_per_edit"] >= 0 and r["rest"]["unanswered"] == r["rest"]["failed"] == 0
    assert after["variant"] == "after" and after["rest"]["issued"] == 0 and after["rest_per_edit"] == 0
    assert before["variant"] == "before" and set(before["rest"]["by_key"]) == {"power_ups"}
    assert 0 < before["rest_per_edit"] <= 10 == before["clients"]  # at most one read per client per edit
    assert before["rest"]["answered"] == before["rest"]["issued"] == round(before["rest_per_edit"] * 10)

    table = (tmp_path / "latest-smoke.md").read_text()
    assert "## Edit-to-screen latency (ms)" in table and "| 10 | 1 |" in table
    assert "## Head to head (N=200, 5 edits/s)" in table and "| board | 2 | 20 |" in table
    assert "## Web app clients" in table and "| after | 10 | 5 | 10 | 0.00 |" in table
    assert machine["cpu"] in table
