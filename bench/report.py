"""Targets and the Markdown table of a benchmark run (``latest.json`` → ``latest.md``)."""
from __future__ import annotations

from collections import Counter

TARGET_N, TARGET_RATE = 200, 5


def _find(rows: list[dict], scenario: str, label: str, clients: int, rate: float) -> dict | None:
    for row in rows:
        if row.get("scenario") == scenario and row.get("label") == label and row["clients"] == clients \
                and row["rate"] == rate:
            return row
    return None


def summary(values: list[float]) -> dict:
    """n, p50, p90, p99 and max of ``values`` in ms, as the Node clients summarise a phase."""
    a = sorted(values)

    def pct(p: float) -> float | None:
        return round(a[min(len(a) - 1, max(0, -(-p * len(a) // 100) - 1))], 3) if a else None

    return {"n": len(a), "p50": pct(50), "p90": pct(90), "p99": pct(99), "max": round(a[-1], 3) if a else None}


def pooled(label: str, rounds: list[dict]) -> dict:
    """One server's head-to-head rounds as one row: the fan-out and delivery samples pooled."""
    fanout = [x for r in rounds for x in r["fanout_samples"]]
    deliveries = [x for r in rounds for x in r["latency_samples"]]
    errors = Counter()
    for r in rounds:
        errors.update(r["errors"] or {})
    return {
        "label": label, "clients": rounds[0]["clients"], "rate": rounds[0]["rate"], "rounds": len(rounds),
        "fanout_ms": summary(fanout), "latency_ms": summary(deliveries),
        "round_fanout_p99_ms": [r["fanout_ms"]["p99"] for r in rounds],
        "lost": sum(r["lost"] for r in rounds), "seq_gaps": sum(r["seq_gaps"] for r in rounds),
        "errors": dict(errors),
        "server_cpu_pct": round(sum(r["server_cpu_pct"] for r in rounds) / len(rounds), 1),
        "harness_cpu_pct": max(r["harness_cpu_pct"] for r in rounds),
        "other_cpu_pct": max(r["other_cpu_pct"] for r in rounds),
        "valid": all(r["valid"] for r in rounds),
        "invalid_reason": "; ".join(r["invalid_reason"] for r in rounds if r["invalid_reason"]) or None,
    }


def _p99(row: dict | None) -> float | None:
    return row["fanout_ms"]["p99"] if row else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def targets(results: dict) -> list[dict]:
    """Each target of issue 6 with what this run measured and whether it is met (None: not measured)."""
    rows = results["latency"]
    duel = {r["label"]: r for r in results.get("head_to_head") or []}
    # the head-to-head rounds where they ran (the servers measured over the same minutes), else the series
    board, flask, node = (duel.get(k) or _find(rows, "latency", k, TARGET_N, TARGET_RATE)
                          for k in ("board", "flask-ref", "node-ref"))
    where = " (head to head)" if duel else ""
    out = []

    def add(name: str, measured, met, note: str = "") -> None:
        out.append({"target": name, "measured": measured, "met": met, "note": note})

    p99 = _p99(board)
    edits = board["fanout_ms"].get("n") if board else None
    add(f"p99 full fan-out ≤ 50 ms at N={TARGET_N}, {TARGET_RATE} edits/s (eventlet, SQLite, commit in the path)",
        f"{p99} ms (of {edits} edits){where}" if p99 is not None else None, None if p99 is None else p99 <= 50)
    r_node = _ratio(p99, _p99(node))
    add("≤ 1.5× the bare Node.js socket.io server (same scenario, same run)",
        f"{r_node}× ({p99} vs {_p99(node)} ms){where}" if r_node else None, None if r_node is None else r_node <= 1.5)
    r_flask = _ratio(p99, _p99(flask))
    add("no worse than the bare Flask-SocketIO floor (same scenario, same run, same async mode)",
        f"{r_flask}× ({p99} vs {_p99(flask)} ms){where}" if r_flask else None, None if r_flask is None else r_flask <= 1.0)
    cap = [c for c in results.get("capacity", []) if c.get("ok")]
    if results.get("capacity"):
        best = max((c["clients"] for c in cap), default=0)
        add("≥ 1,000 connected clients per process with p99 fan-out < 100 ms at 1 edit/s",
            f"{best} clients" + ("" if len(cap) < len(results["capacity"]) else " (the largest step tried)"),
            best >= 1000)
    rest = next((r for r in results.get("rest", []) if r["database"] == "sqlite" and r["concurrency"] == 4), None)
    if rest:
        add("REST card creates ≥ 300/s on SQLite at concurrency 4", f"{rest['creates_per_s']}/s",
            rest["creates_per_s"] >= 300)
    if results.get("rest"):
        non201 = sum(r["non_201"] for r in results["rest"])
        add("no error (non-201) reaches a REST client, SQLite and PostgreSQL, every concurrency", f"{non201} non-201",
            non201 == 0)
    measured = rows + list(duel.values()) + [c for c in results.get("capacity", []) if "lost" in c]
    ours = [r for r in measured if r.get("label", "board").startswith("board")]
    if ours:
        lost = sum(r["lost"] + r["seq_gaps"] for r in ours)
        # a bare reference server orders nothing (with threads, two broadcasts can swap): its gaps are
        # reported beside the board's, not counted against it
        theirs = [f"{r['label']} N={r['clients']}: {r['lost'] + r['seq_gaps']}"
                  for r in measured if r not in ours and r["lost"] + r["seq_gaps"]]
        add("0 events lost by the board (deliveries missing or gaps in seq), every run",
            f"{lost} lost" + (f" (reference servers: {'; '.join(theirs)})" if theirs else ""), lost == 0)
    invalid = [r for r in measured if not r.get("valid", True)]
    add("the harness never saturated its core (every phase valid)", f"{len(invalid)} invalid phases",
        not invalid)
    return out


def _fmt(value, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _flag(row: dict) -> str:
    flags = []
    if not row.get("valid", True):
        flags.append("INVALID")
    if row.get("noisy"):
        flags.append("noisy")
    if row.get("attempts", 1) > 1:
        flags.append(f"best of {row['attempts']}")
    if row.get("lost") or row.get("seq_gaps"):
        flags.append("LOST")
    if row.get("errors"):
        flags.append("errors " + ",".join(f"{k}:{v}" for k, v in row["errors"].items()))
    return " ".join(flags)


def _speed_row(ref: dict | None) -> str:
    if not ref:
        return "| machine speed | – |"
    return (f"| machine speed | reference workload {ref['start']} ms at the start, {ref['end']} ms at the end "
            "(pure Python on the server's core; lower is faster: compare runs by it) |")


def _seen(pin: dict | None) -> str:
    """Whether every server process was found on its core (the pinning checked, not assumed)."""
    seen = (pin or {}).get("server_cores_seen")
    if not seen:
        return ""
    if seen == [[pin["server_core"]]]:
        return f"; every server process checked on core {pin['server_core']}"
    return "; **servers found on cores " + ", ".join("+".join(map(str, c)) for c in seen) + "**"


def markdown(results: dict, sections: list[str] = ()) -> str:
    """The run as Markdown; ``sections``: more lines, before the skipped parts."""
    m = results["machine"]
    pin = m.get("pinning")
    lines = [
        f"# Benchmark results ({results['plan']})", "",
        f"Run {results['started']} in {results['runtime_s']:.0f} s by `make bench"
        + (" QUICK=1" if results["plan"] == "quick" else "") + "`. See docs/performance.md for what each figure means.",
        "", "| machine | |", "|---|---|",
        f"| CPU | {m['cpu']} |", f"| cores | {m['cores']} |", f"| memory | {m['memory_gb']} GB |",
        f"| OS | {m['os']} |", f"| Python | {m['python']} |", f"| Node.js | {m['node']} (npm {m['npm']}) |",
        f"| PostgreSQL / Redis | {m.get('postgresql') or '–'} / {m.get('redis') or '–'} |",
        "| Python packages | " + ", ".join(f"{k} {v}" for k, v in m["python_packages"].items()) + " |",
        "| Node packages | " + ", ".join(f"{k} {v}" for k, v in m["node_packages"].items()) + " |",
        "| pinning | " + (f"server on core {pin['server_core']}, harness on core {pin['harness_core']}" if pin
                         else "none (one core)") + f"; priority {m.get('priority', 'default')}"
        + _seen(pin) + " |",
        "| load average at the end | " + " ".join(m.get("load_average", [])) + " |",
        _speed_row(results.get("reference_ms")), "",
    ]
    if results.get("targets"):
        lines += ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
        for t in results["targets"]:
            met = "–" if t["met"] is None else ("yes" if t["met"] else "**no**")
            lines.append(f"| {t['target']} | {t['measured'] or '–'} | {met} |")
        lines.append("")

    duel = results.get("head_to_head") or []
    if duel:
        board = next((r for r in duel if r["label"] == "board"), None)
        lines += [f"## Head to head (N={duel[0]['clients']}, {_fmt(duel[0]['rate'], 0)} edits/s)", "",
                  "The targets' scenario on the three servers at once, in rounds that take turns (each server "
                  "idle while another is measured), so all three are measured over the same minutes; each "
                  "server's samples pooled over its rounds. The targets above come from here.", "",
                  "| server | rounds | edits | delivery p50 | delivery p99 | fan-out p50 | fan-out p99 | fan-out max "
                  "| board ÷ this (p99) | p99 of each round | lost | server CPU % | harness CPU % (max) | flags |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|"]
        for r in duel:
            lat, fan = r["latency_ms"], r["fanout_ms"]
            lines.append(
                f"| {r['label']} | {r['rounds']} | {fan['n']} | {_fmt(lat['p50'])} | {_fmt(lat['p99'])} "
                f"| {_fmt(fan['p50'])} | {_fmt(fan['p99'])} | {_fmt(fan['max'])} "
                f"| {_fmt(_ratio(_p99(board), _p99(r)), 2)} | {' '.join(_fmt(x) for x in r['round_fanout_p99_ms'])} "
                f"| {r['lost'] + r['seq_gaps']} | {_fmt(r['server_cpu_pct'])} | {_fmt(r['harness_cpu_pct'])} "
                f"| {_flag(r)} |")
        lines.append("")

    rows = [r for r in results["latency"] if r["scenario"] == "latency"]
    if rows:
        lines += ["## Edit-to-screen latency (ms)", "",
                  "One writer edits cards over Socket.IO at a fixed open-loop rate; N clients watch the board. "
                  "*delivery* = one client receiving one edit; *fan-out* = the last of the N receiving it.", "",
                  "| N | edits/s | board p50 | board p99 | board fan-out p99 | flask-ref fan-out p99 | "
                  "node-ref fan-out p99 | board ÷ flask-ref | board ÷ node-ref | lost | flags |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        keys = sorted({(r["clients"], r["rate"]) for r in rows})
        for n, rate in keys:
            b, f, nd = (_find(rows, "latency", k, n, rate) for k in ("board", "flask-ref", "node-ref"))
            lost = sum((r["lost"] + r["seq_gaps"]) for r in (b, f, nd) if r)
            flags = " ".join(filter(None, (f"{r['label']}: {_flag(r)}" if _flag(r) else "" for r in (b, f, nd) if r)))
            lines.append(
                f"| {n} | {_fmt(rate, 0)} | {_fmt(b and b['latency_ms']['p50'])} | {_fmt(b and b['latency_ms']['p99'])} "
                f"| {_fmt(_p99(b))} | {_fmt(_p99(f))} | {_fmt(_p99(nd))} | {_fmt(_ratio(_p99(b), _p99(f)), 2)} "
                f"| {_fmt(_ratio(_p99(b), _p99(nd)), 2)} | {lost} | {flags} |")
        lines.append("")

    if rows:
        ns = sorted({r["clients"] for r in rows})
        rate = TARGET_RATE if any(r["rate"] == TARGET_RATE for r in rows) else rows[0]["rate"]
        lines += [f"## Scaling with N (fan-out p50 in ms at {_fmt(rate, 0)} edits/s)", "",
                  "How the last receiver's latency grows with the number of clients; *µs per client* is the slope "
                  f"from N={ns[0]} to N={ns[-1]}. The harness is not what is measured when the Node reference grows "
                  "linearly with a small slope while the harness stays well under its core.", "",
                  "| server | " + " | ".join(f"N={n}" for n in ns) + " | µs per client | harness CPU % (max) |",
                  "|---|" + "---:|" * (len(ns) + 2)]
        for label in ("board", "flask-ref", "node-ref"):
            got = {n: _find(rows, "latency", label, n, rate) for n in ns}
            if not any(got.values()):
                continue
            p50 = {n: r["fanout_ms"]["p50"] for n, r in got.items() if r and r["fanout_ms"]["p50"] is not None}
            slope = (1000 * (p50[ns[-1]] - p50[ns[0]]) / (ns[-1] - ns[0])) if ns[0] in p50 and ns[-1] in p50 \
                and ns[-1] > ns[0] else None
            cpu = max(r["harness_cpu_pct"] for r in rows if r["label"] == label)
            lines.append(f"| {label} | " + " | ".join(_fmt(p50.get(n)) for n in ns)
                         + f" | {_fmt(slope)} | {_fmt(cpu)} |")
        lines.append("")

    def detail(title: str, rows: list[dict], intro: str = "") -> None:
        if not rows:
            return
        lines.extend([f"## {title}", ""] + ([intro, ""] if intro else []) + [
            "| server | N | edits/s | p50 | p90 | p99 | fan-out p50 | fan-out p99 | ack p50 | lost | server CPU % "
            "| harness CPU % | others CPU % | server RSS MB | flags |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"])
        for r in rows:
            lat, fan = r["latency_ms"], r["fanout_ms"]
            lines.append(
                f"| {r['label']} | {r['clients']} | {_fmt(r['rate'], 0)} | {_fmt(lat['p50'])} | {_fmt(lat['p90'])} "
                f"| {_fmt(lat['p99'])} | {_fmt(fan['p50'])} | {_fmt(fan['p99'])} | {_fmt(r['ack_ms']['p50'])} "
                f"| {r['lost'] + r['seq_gaps']} | {_fmt(r['server_cpu_pct'])} | {_fmt(r['harness_cpu_pct'])} "
                f"| {_fmt(r['other_cpu_pct'])} | {_fmt(r['server_rss_mb'], 0)} | {_flag(r)} |")
        lines.append("")

    detail("Async modes, message queue, database", [r for r in results["latency"] if r["scenario"] == "modes"],
           "Same scenario on other servers of our stack; compare with the eventlet/SQLite rows of the same N above.")
    detail("Harness calibration", [r for r in results["latency"] if r["scenario"] == "calibration"]
           + [r for r in rows if r["label"] == "node-ref" and any(
               c["clients"] == r["clients"] and c["rate"] == r["rate"]
               for c in results["latency"] if c["scenario"] == "calibration")],
           "The bare Node.js server watched by real socket.io-client receivers vs the lean raw-frame receivers "
           "the other tables use.")
    detail("All latency phases", rows)

    cap = results.get("capacity") or []
    if cap:
        lines += ["## Capacity (board, eventlet, SQLite, 1 edit/s)", "",
                  "| clients | fan-out p50 | fan-out p99 | delivery p99 | lost | connect s | server CPU % | RSS MB "
                  "| RSS per client KB | others CPU % | ok |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        for c in cap:
            if "error" in c:
                why = c["error"].splitlines()[0][:120].replace("|", "/")  # one line: a table cell
                lines.append(f"| {c['clients']} | – | – | – | – | – | – | – | – | – | **no**: {why} |")
                continue
            lines.append(
                f"| {c['clients']} | {_fmt(c['fanout_ms']['p50'])} | {_fmt(c['fanout_ms']['p99'])} "
                f"| {_fmt(c['latency_ms']['p99'])} | {c['lost'] + c['seq_gaps']} | {_fmt(c['connect_s'])} "
                f"| {_fmt(c['server_cpu_pct'])} | {_fmt(c['server_rss_mb'], 0)} | {_fmt(c['rss_per_client_kb'])} "
                f"| {_fmt(c['other_cpu_pct'])} | {'yes' if c['ok'] else '**no**'} {_flag(c)} |")
        lines.append("")

    rest = results.get("rest") or []
    if rest:
        lines += ["## REST card creates (POST /initiatives/{id}/cards, eventlet)", "",
                  "| database | concurrency | creates/s | p50 ms | p90 ms | p99 ms | non-201 | server CPU % "
                  "| server CPU ms / create | PostgreSQL CPU % | harness CPU % | others CPU % | flags |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        for r in rest:
            flags = " ".join(f for f in ("INVALID" if not r["valid"] else "", "noisy" if r["noisy"] else "",
                                         " ".join(r["samples"][:1])) if f)
            lines.append(
                f"| {r['database']} | {r['concurrency']} | {_fmt(r['creates_per_s'])} | {_fmt(r['latency_ms']['p50'])} "
                f"| {_fmt(r['latency_ms']['p90'])} | {_fmt(r['latency_ms']['p99'])} | {r['non_201']} "
                f"| {_fmt(r['server_cpu_pct'])} | {_fmt(r.get('server_cpu_ms_per_request'), 2)} "
                f"| {_fmt(r.get('services_cpu_pct')) if r['database'] == 'postgresql' else '–'} "
                f"| {_fmt(r['harness_cpu_pct'])} | {_fmt(r['other_cpu_pct'])} | {flags} |")
        lines.append("")
    lines += list(sections)
    if results.get("skipped"):
        lines += ["## Skipped", ""] + [f"- {s}" for s in results["skipped"]] + [""]
    lines += ["Flags: INVALID = the harness used more than "
              f"{results['limits']['harness_saturated_pct']:.0f}% of its core (the figure may measure the harness); "
              f"noisy = other processes used more than {results['limits']['noisy_other_cpu_pct']:.0f}% of a core "
              "meanwhile; LOST = an event missing or out of order.", ""]
    return "\n".join(lines)
