"""Fuzz every operation of the OpenAPI document with schemathesis against ``board serve`` on a fresh copy
of the demo, signed in as a member (Ana, the Northwind admin, unless ``FUZZ_AS``), for a bounded time;
fail on any 5xx.

Path parameters are drawn mostly from the demo's real ids (so bodies and queries reach the services
behind the 404s) and otherwise generated. ``FUZZ_SECONDS`` (default 180) bounds the run; ``FUZZ_SEED``
repeats one; ``FUZZ_AS`` signs in as another demo account of Northwind (say,
felix.facilitator@brightline.example for the workshop's routes); ``FUZZ_DATABASE_URL`` names an empty
database to use instead of a new SQLite file (it is migrated, seeded and written to). The report (ndjson, in a temporary folder) is summed up at the end.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import requests

from tests.realtime.harness import Server

MEMBER = os.environ.get("FUZZ_AS", "ana.buyer@northwind.example")  # any demo account of Northwind
PASSWORD = "demo-password"
OTHER_MEMBER = "ben.staff@northwind.example"  # whom the member routes act on: never the fuzzer's own account
REAL_IDS = 0.8  # how often a path parameter is a real id of the demo


def _board(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "board.cli", *args], env=env, check=True, capture_output=True)


def _ids(base: str, token: str) -> dict[str, list[str]]:
    """Real ids of the demo, by the name of the path parameter that takes them."""
    def get(path: str):
        r = requests.get(f"{base}/api/v1{path}", headers={"Authorization": f"Bearer {token}"}, timeout=30)
        if r.status_code == 403:  # not this member's to see (invitations are the admins'): no ids from it
            return []
        r.raise_for_status()
        return r.json()

    me = get("/me")
    eng = next(e["id"] for e in me["engagements"] if e["name"].startswith("Northwind"))
    detail = get(f"/engagements/{eng}")
    inis = [i["id"] for i in get(f"/engagements/{eng}/initiatives")]
    cards = [c for ini in inis for c in get(f"/initiatives/{ini}/cards")]
    kpis = [k["id"] for ini in inis for k in get(f"/initiatives/{ini}/kpis")]
    ids = {
        "engagement_id": [eng],
        "user_id": [m["user"]["id"] for m in detail["members"] if m["user"]["email"] == OTHER_MEMBER],
        "initiative_id": inis,
        "card_id": [c["id"] for c in cards],
        "photo_id": [p["id"] for c in cards for p in c.get("photos") or []],
        "kpi_id": kpis,
        "measurement_id": [m["id"] for k in kpis for m in get(f"/kpis/{k}/measurements")],
        "grant_id": [g["id"] for ini in inis for g in get(f"/initiatives/{ini}/access-grants")],
        "session_id": [s["id"] for ini in inis for s in get(f"/initiatives/{ini}/shadowing-sessions")],
        "request_id": [r["id"] for r in get(f"/engagements/{eng}/budget-requests")],
        "round_id": [r["id"] for ini in inis for r in get(f"/initiatives/{ini}/voting-rounds")],
        "cluster_id": [c["id"] for ini in inis for c in get(f"/initiatives/{ini}/clusters")],
        "entry_id": [e["id"] for e in get(f"/engagements/{eng}/library-proposals")] +
                    [e["id"] for e in get("/library")],
        "invitation_id": [i["id"] for i in get(f"/engagements/{eng}/invitations")],
        "notification_id": [n["id"] for n in get("/notifications")],
    }
    return {name: values for name, values in ids.items() if values}


def _config(ids: dict[str, list[str]]) -> str:
    """schemathesis.toml: each path parameter bound to the demo's ids, most of the time."""
    lines = ["[dictionaries]"]
    lines += [f"{name} = {{ values = {json.dumps(sorted(set(values)))} }}" for name, values in ids.items()]
    lines += ["", "[parameters]"]
    lines += [f'"path.{name}" = {{ dictionary = "{name}", probability = {REAL_IDS} }}' for name in ids]
    return "\n".join(lines) + "\n"


def _requests_made(report: Path) -> tuple[int, dict[int, int]]:
    """How many requests the run made, and how many answered each status (from the ndjson report)."""
    statuses: dict[int, int] = {}
    for line in report.read_text().splitlines():
        for interaction in _interactions(json.loads(line)):
            status = (interaction.get("response") or {}).get("status_code")
            statuses[status] = statuses.get(status, 0) + 1
    return sum(statuses.values()), statuses


def _interactions(event: dict):
    """Every recorded request/response pair inside one report event, wherever it nests."""
    if isinstance(event, dict):
        if isinstance(event.get("response"), dict) and "status_code" in event["response"]:
            yield event
            return
        for value in event.values():
            yield from _interactions(value)
    elif isinstance(event, list):
        for value in event:
            yield from _interactions(value)


def main() -> int:
    seconds = int(os.environ.get("FUZZ_SECONDS", "180"))
    with tempfile.TemporaryDirectory(prefix="board-fuzz-") as tmp:
        folder = Path(tmp)
        database = os.environ.get("FUZZ_DATABASE_URL") or f"sqlite:///{folder / 'board.db'}"
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("BOARD_")},
               "BOARD_DATABASE_URL": database, "BOARD_INSTANCE_DIR": str(folder), "BOARD_SECRET_KEY": "fuzz"}
        _board(env, "db", "upgrade")
        _board(env, "seed", "demo")
        server = Server(database, folder).start()
        try:
            r = requests.post(f"{server.url}/api/v1/auth/token", timeout=30,
                              json={"email": MEMBER, "password": PASSWORD, "name": "fuzz"})
            r.raise_for_status()
            token = r.json()["token"]
            (folder / "schemathesis.toml").write_text(_config(_ids(server.url, token)))
            command = [str(Path(sys.executable).with_name("schemathesis")), "run", f"{server.url}/api/v1/openapi.json",
                       "--checks", "not_a_server_error", "--max-time", str(seconds), "--workers", "1",
                       "--header", f"Authorization: Bearer {token}", "--request-timeout", "30",
                       "--phases", "examples,coverage,fuzzing", "--generation-database", "none",
                       "--report", "ndjson", "--report-ndjson-path", str(folder / "events.ndjson"),
                       "--continue-on-failure", "--no-color"]
            if os.environ.get("FUZZ_SEED"):
                command += ["--seed", os.environ["FUZZ_SEED"]]
            run = subprocess.run(command, cwd=folder)
            made, statuses = _requests_made(folder / "events.ndjson")
            print(f"\nfuzz: {made} requests in {seconds} s; by status: "
                  + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items(), key=lambda x: (x[0] is None, x[0]))))
            errors = sum(n for s, n in statuses.items() if s and s >= 500)
            if errors:  # schemathesis printed each failing operation and a curl line for it above
                print(f"fuzz: {errors} answers were 5xx; the server's log ends:\n{server.log.read_text()[-5000:]}")
            return 1 if errors or run.returncode else 0
        finally:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
