"""The real ``board`` command, run as a subprocess against SQLite and PostgreSQL.

Starting the command costs about a second, so one database per backend is migrated and seeded
with the demo once for this module (``demo``); the tests read it, and the ones that write (import)
add a new initiative beside the demo without changing what the others look at.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from board import create_app, db, uow
from board.config import Settings
from board.db import session
from board.models import Initiative, User
from board.services import accounts
from tests.support.api import ApiClient, expect
from tests.support.exchange import canonical, counts
from tests.support.services import pg_url

ROOT = Path(__file__).resolve().parents[2]
SEED_FILE = ROOT / "seeds" / "demo.yaml"
DEMO_PASSWORD = "demo-password"
BOARD = Path(sys.executable).with_name("board")  # the console script installed beside this Python


@dataclass
class Cli:
    """The ``board`` command against one database, with its own instance folder."""

    url: str
    instance: Path

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("BOARD_")}
        env.update(BOARD_DATABASE_URL=self.url, BOARD_INSTANCE_DIR=str(self.instance),
                   BOARD_ASYNC_MODE="threading", PYTHONWARNINGS="ignore")
        return env

    def run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(BOARD)] if BOARD.exists() else [sys.executable, "-m", "board.cli"]
        return subprocess.run([*command, *args], env=self.env(), cwd=self.instance, capture_output=True,
                              text=True, timeout=180)

    def ok(self, *args: str) -> subprocess.CompletedProcess:
        result = self.run(*args)
        assert result.returncode == 0, f"board {' '.join(args)} exited {result.returncode}: {result.stderr}"
        return result

    def app(self):
        settings = Settings(database_url=self.url, secret_key="test-secret", async_mode="threading",
                            instance_dir=self.instance)
        app = create_app(settings)
        app.config["TESTING"] = True
        return app


def _close(app) -> None:
    db.session.remove()
    db.session.get_bind().dispose()


@pytest.fixture
def http():
    """Apps over the CLI's databases, closed after the test."""
    apps = []

    def make(cli: Cli):
        apps.append(cli.app())
        return apps[-1]

    yield make
    if apps:
        _close(apps[-1])


def sign_in(app, email: str, password: str = DEMO_PASSWORD) -> ApiClient:
    """Sign in over HTTP like the web app does (cookie and CSRF token)."""
    client = ApiClient(app.test_client())
    body = expect(client.post("/auth/login", {"email": email, "password": password}), 200)
    client.csrf = body["csrf_token"]
    return client


def token_client(app, email: str) -> ApiClient:
    """A client with a personal access token made directly (no password hashing: fast)."""
    with app.app_context():
        token = accounts.create_token(accounts.find_user(email), "tests")
        uow.commit()
    return ApiClient(app.test_client(), token=token)


# --------------------------------------------------------------------------------------- the seeded database

@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def board_cli(request, tmp_path_factory, worker_id_safe) -> Cli:
    """An empty database (not even migrated) of this module's own, per backend."""
    instance = tmp_path_factory.mktemp(f"cli-{request.param}")
    if request.param == "sqlite":
        return Cli(f"sqlite:///{instance / 'board.db'}", instance)
    return Cli(pg_url(f"{worker_id_safe}_cli"), instance)


@dataclass
class Demo:
    cli: Cli
    upgrades: list[subprocess.CompletedProcess]
    seeds: list[subprocess.CompletedProcess]


@pytest.fixture(scope="module")
def demo(board_cli) -> Demo:
    """``db upgrade`` twice, then ``seed demo`` twice, on the empty database."""
    upgrades = [board_cli.run("db", "upgrade"), board_cli.run("db", "upgrade")]
    assert upgrades[0].returncode == 0, upgrades[0].stderr
    seeds = [board_cli.run("seed", "demo"), board_cli.run("seed", "demo")]
    assert seeds[0].returncode == 0, seeds[0].stderr
    return Demo(board_cli, upgrades, seeds)


@pytest.fixture(scope="module")
def exported(demo) -> str:
    """``board export`` of the demo's collections initiative (stdout)."""
    app = demo.cli.app()
    try:
        initiative = demo_ids(app)["northwind"]["initiative"]
    finally:
        _close(app)
    return demo.cli.ok("export", initiative).stdout


def demo_ids(app) -> dict:
    """Ids of the demo's engagements and initiatives, found as their admins see them."""
    ids = {}
    for who, admin in (("northwind", "ana.buyer@northwind.example"), ("harbour", "hana.buyer@harbourmutual.example")):
        client = token_client(app, admin)
        (engagement,) = expect(client.get("/me"), 200)["engagements"]
        (initiative, *_) = expect(client.get(f"/engagements/{engagement['id']}/initiatives"), 200)
        ids[who] = {"engagement": engagement["id"], "initiative": initiative["id"], "client": client}
    return ids


def signins_of_seed_file() -> list[tuple[str, str, set[str], str]]:
    """The "Demo sign-ins" table at the top of seeds/demo.yaml: (email, side, roles, engagement)."""
    rows = []
    for line in SEED_FILE.read_text(encoding="utf-8").splitlines():
        m = re.match(r"#\s+(\S+@\S+)\s+(buyer|provider)\s+(.+?)\s{2,}(.+?)\s*$", line)
        if m:
            roles = {r.strip() for r in re.sub(r"\(.*?\)", "", m.group(3)).split(",") if r.strip()}
            rows.append((m.group(1), m.group(2), roles, m.group(4)))
    return rows


def test_db_upgrade_creates_the_schema_and_is_idempotent(demo):
    first, again = demo.upgrades
    assert first.returncode == 0 and again.returncode == 0, again.stderr
    assert "up to date" in first.stderr and "up to date" in again.stderr


def test_seed_demo_loads_once(demo, http):
    first, again = demo.seeds
    assert "Demo data loaded." in first.stderr
    assert again.returncode == 0 and "already present" in again.stderr
    app = http(demo.cli)
    with app.app_context():
        assert session.scalar(select(func.count()).select_from(User)) == 11
        assert session.scalar(select(func.count()).select_from(Initiative)) >= 2


def test_demo_sign_ins_are_as_documented(demo, http):
    app = http(demo.cli)
    documented = signins_of_seed_file()
    assert len(documented) == 11
    ids = demo_ids(app)
    members = {}
    for who in ("northwind", "harbour"):
        detail = expect(ids[who]["client"].get(f"/engagements/{ids[who]['engagement']}"), 200)
        for m in detail["members"]:
            members[m["user"]["email"]] = (m["side"], set(m["roles"]), detail["buyer_name"])
    assert {email for email, *_ in documented} == set(members)
    for email, side, roles, engagement in documented:
        assert members[email][:2] == (side, roles), email
        assert members[email][2].split()[0] in engagement, email
    # the documented password works, on either side
    for email in ("ana.buyer@northwind.example", "priya.lead@brightline.example"):
        me = expect(sign_in(app, email).get("/me"), 200)
        assert me["user"]["email"] == email


def test_demo_power_ups_show_real_levels(demo, http):
    app = http(demo.cli)
    ids = demo_ids(app)
    sponsor = sign_in(app, "carla.sponsor@northwind.example")
    ups = expect(sponsor.get(f"/initiatives/{ids['northwind']['initiative']}/power-ups"), 200)
    assert {k: v["level"] for k, v in ups.items()} == {"courage": 3, "budget": 2, "story": 3}, ups
    assert "pending" in ups["budget"]["next"]
    pending = expect(sponsor.get(f"/engagements/{ids['northwind']['engagement']}/budget-requests?status=pending"), 200)
    assert len(pending) == 1
    cards = expect(sponsor.get(f"/initiatives/{ids['northwind']['initiative']}/cards"), 200)
    experiments = {c["status"] for c in cards if c["kind"] == "experiment"}
    assert experiments >= {"draft", "proposed", "running", "concluded"}
    assert sum(c["kind"] == "story" for c in cards) >= 3
    assert any(c["kind"] == "observation" and c["tags"] for c in cards)
    events = expect(sponsor.get(f"/initiatives/{ids['northwind']['initiative']}/events"), 200)
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1)) and len(events) > 50


def test_demo_money_adds_up_and_decided_requests_await_no_sponsor(demo, http):
    """Issue 16 with the demo: the rejected £12,000 is rejected everywhere and requested nowhere, and no
    sponsor is left with an 'awaiting' notification for a request someone decided."""
    app = http(demo.cli)
    ids = demo_ids(app)["northwind"]
    client = ids["client"]
    decided = {r["id"] for r in expect(client.get(f"/engagements/{ids['engagement']}/budget-requests"), 200)
               if r["status"] != "pending"}
    assert decided
    for email in ("carla.sponsor@northwind.example", "david.sponsor@northwind.example"):
        notes = expect(token_client(app, email).get("/notifications"), 200)
        left = [n for n in notes if n["kind"] == "budget_pending" and n["request_id"] in decided
                and not (n["read"] and n["done"])]
        assert left == [], email
        assert any(n["kind"] == "budget_pending" and not n["read"] for n in notes), email  # the open ones stay
    text = " ".join(re.sub(r"<[^>]+>", " ", client.get(f"/initiatives/{ids['initiative']}/report")
                           .get_data(as_text=True)).split())
    assert "rejected £12,000.00" in text and "requested (open) £8,000.00" in text and "£20,000" not in text
    assert "Tranche 1: £3,500.00 approved of £5,000.00, learning written" in text
    review = expect(client.get(f"/engagements/{ids['engagement']}/review"), 200)
    [gbp] = review["initiatives"][0]["budget"]["to_date"]
    assert gbp["rejected"] == 12000 and gbp["requested"] == 8000


def test_the_other_engagement_is_invisible_to_the_first_ones_members(demo, http):
    app = http(demo.cli)
    ids = demo_ids(app)
    harbour = ids["harbour"]
    detail = expect(ids["northwind"]["client"].get(f"/engagements/{ids['northwind']['engagement']}"), 200)
    assert len(detail["members"]) == 9
    for member in detail["members"]:
        client = token_client(app, member["user"]["email"])
        assert [e["id"] for e in expect(client.get("/me"), 200)["engagements"]] == [ids["northwind"]["engagement"]]
        for path in (f"/engagements/{harbour['engagement']}", f"/engagements/{harbour['engagement']}/initiatives",
                     f"/initiatives/{harbour['initiative']}", f"/initiatives/{harbour['initiative']}/cards",
                     f"/initiatives/{harbour['initiative']}/power-ups",
                     f"/initiatives/{harbour['initiative']}/export.json"):
            expect(client.get(path), 404)
    expect(harbour["client"].get(f"/initiatives/{harbour['initiative']}/cards"), 200)
    expect(harbour["client"].get(f"/initiatives/{ids['northwind']['initiative']}"), 404)


def test_demo_library_has_an_approved_and_a_pending_learning_that_harbour_never_sees(demo, http):
    app = http(demo.cli)
    ids = demo_ids(app)
    northwind = ids["northwind"]
    proposals = expect(northwind["client"].get(f"/engagements/{northwind['engagement']}/library-proposals"), 200)
    assert sorted(p["status"] for p in proposals) == ["approved", "proposed"]
    approved = next(p for p in proposals if p["status"] == "approved")
    library = expect(token_client(app, "tom.analyst@brightline.example").get("/library"), 200)
    assert [e["id"] for e in library] == [approved["id"]] and "payday" in approved["tags"]
    # Harbour shares no provider-side member with Northwind: nothing of its library travels there
    harbour = ids["harbour"]["client"]
    for email in ("hana.buyer@harbourmutual.example", "omar.lead@brightline.example"):
        assert expect(token_client(app, email).get("/library"), 200) == []
    assert [r for r in expect(harbour.get(f"/engagements/{ids['harbour']['engagement']}/search?q=payday"), 200)] == []


def test_export_then_import_round_trip(demo, exported, http, tmp_path):
    app = http(demo.cli)
    ids = demo_ids(app)["northwind"]
    before = json.loads(exported)
    assert before["initiative"]["id"] == ids["initiative"] and len(before["events"]) > 50
    assert any(c["deleted_at"] for c in before["cards"])
    path = tmp_path / "collections.json"
    path.write_text(exported, encoding="utf-8")

    imported = demo.cli.ok("import", str(path), "--engagement", ids["engagement"])
    new_id = imported.stdout.strip()
    assert new_id and new_id != ids["initiative"]
    after = json.loads(demo.cli.ok("export", new_id).stdout)
    assert canonical(after) == canonical(before)
    # the copy is a board of its own, with the same power-ups
    client = ids["client"]
    assert new_id in [i["id"] for i in expect(client.get(f"/engagements/{ids['engagement']}/initiatives"), 200)]
    assert (expect(client.get(f"/initiatives/{new_id}/power-ups"), 200)
            == expect(client.get(f"/initiatives/{ids['initiative']}/power-ups"), 200))


def test_import_of_garbage_or_an_invalid_document_fails_and_writes_nothing(demo, exported, http, tmp_path):
    app = http(demo.cli)
    ids = demo_ids(app)["northwind"]
    valid = json.loads(exported)
    with app.app_context():
        before = counts()

    garbage = tmp_path / "garbage.json"
    garbage.write_text("{ this is not JSON", encoding="utf-8")
    result = demo.cli.run("import", str(garbage), "--engagement", ids["engagement"])
    assert result.returncode != 0 and "is not JSON" in result.stderr

    broken = json.loads(json.dumps(valid))
    broken["people"].append({"id": "newcomer", "email": "newcomer@elsewhere.example", "name": "New Person"})
    broken["cards"][0]["shadowing_session_id"] = "no-such-session"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    result = demo.cli.run("import", str(path), "--engagement", ids["engagement"])
    assert result.returncode != 0 and "cards.0.shadowing_session_id" in result.stderr, result.stderr

    not_an_export = tmp_path / "list.json"
    not_an_export.write_text(json.dumps({"format": "trello/board", "version": 1}), encoding="utf-8")
    result = demo.cli.run("import", str(not_an_export), "--engagement", ids["engagement"])
    assert result.returncode != 0 and "format" in result.stderr and "initiative" in result.stderr, result.stderr

    good = tmp_path / "good.json"
    good.write_text(json.dumps(valid), encoding="utf-8")
    result = demo.cli.run("import", str(good), "--engagement", "no-such-engagement")
    assert result.returncode != 0 and "Engagement not found" in result.stderr

    with app.app_context():
        assert counts() == before
        assert session.scalar(select(User).where(User.email == "newcomer@elsewhere.example")) is None


def test_export_of_an_unknown_initiative_fails(demo):
    result = demo.cli.run("export", "no-such-initiative")
    assert result.returncode != 0 and "not found" in result.stderr.lower()
    assert result.stdout == ""


# --------------------------------------------------------------------------------------- a fresh database

def test_user_create_then_sign_in_and_a_duplicate_fails(database_url, app, tmp_path):
    cli = Cli(database_url, tmp_path)
    created = cli.ok("user", "create", "--email", "Nina@Example.com", "--password", "long-enough-pw",
                     "--name", "Nina Petrova")
    user_id = created.stdout.strip()
    assert user_id
    me = expect(sign_in(app, "nina@example.com", "long-enough-pw").get("/me"), 200)
    assert (me["user"]["id"], me["user"]["name"], me["user"]["email"]) == (user_id, "Nina Petrova", "nina@example.com")

    again = cli.run("user", "create", "--email", "nina@example.com", "--password", "another-password",
                    "--name", "Someone Else")
    assert again.returncode != 0
    assert "already exists" in again.stderr and again.stdout == ""
    short = cli.run("user", "create", "--email", "oleg@example.com", "--password", "short", "--name", "Oleg")
    assert short.returncode != 0 and "password" in short.stderr
    with app.app_context():
        assert session.scalar(select(func.count()).select_from(User).where(User.email.like("%@example.com"))) == 1
    expect(ApiClient(app.test_client()).post("/auth/login", {"email": "nina@example.com",
                                                             "password": "another-password"}), 401)


def test_user_disable_revokes_tokens_and_sessions_for_good(database_url, app, tmp_path):
    cli = Cli(database_url, tmp_path)
    cli.ok("user", "create", "--email", "rita@example.com", "--password", "long-enough-pw", "--name", "Rita")
    browser = sign_in(app, "rita@example.com", "long-enough-pw")
    token = expect(ApiClient(app.test_client()).post("/auth/token", {"email": "rita@example.com",
                                                                     "password": "long-enough-pw", "name": "script"}), 201)
    scripted = ApiClient(app.test_client(), token=token["token"])
    expect(scripted.get("/me"), 200)
    cli.ok("user", "disable", "--email", "rita@example.com")
    cli.ok("user", "enable", "--email", "rita@example.com")
    for client in (scripted, browser):  # issued before the disable: gone for good
        assert client.get("/me").status_code == 401
    expect(sign_in(app, "rita@example.com", "long-enough-pw").get("/me"), 200)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_user_disable_skips_the_socket_a_crashed_server_left(database_url, app, tmp_path):
    """The command nudges the servers of its instance folder (board/realtime/local.py); a socket file whose
    server is gone (killed, say) is removed, and the command succeeds."""
    import socket

    from board.realtime.local import directory

    cli = Cli(database_url, tmp_path)
    cli.ok("user", "create", "--email", "sam@example.com", "--password", "long-enough-pw", "--name", "Sam")
    folder = directory(tmp_path)
    folder.mkdir(parents=True)
    with socket.socket(socket.AF_UNIX) as gone:  # bound, never listening, closed: what a SIGKILL leaves
        gone.bind(str(folder / "4242.sock"))
    cli.ok("user", "disable", "--email", "sam@example.com")
    assert not (folder / "4242.sock").exists()


def test_the_demo_has_one_pending_invitation_and_its_members_accepted_theirs(demo, http):
    app = http(demo.cli)
    ids = demo_ids(app)
    ana = ids["northwind"]["client"]
    invitations = expect(ana.get(f"/engagements/{ids['northwind']['engagement']}/invitations"), 200)
    pending = [i for i in invitations if i["status"] == "pending"]
    assert [(i["email"], i["side"], i["roles"]) for i in pending] == [("sana.agent@northwind.example", "buyer", ["member"])]
    assert {i["status"] for i in invitations} == {"pending", "accepted"} and len(invitations) == 9
    log = expect(ana.get(f"/engagements/{ids['northwind']['engagement']}/events?limit=500"), 200)
    assert sum(e["type"] == "invitation.accepted" for e in log) == 8


def test_member_add_is_the_operators_path_and_mail_send_writes_the_outbox(database_url, app, tmp_path, make_user,
                                                                           client_for):
    cli = Cli(database_url, tmp_path)
    make_user("owner@example.com", "Owner")
    owner = client_for("owner@example.com")
    eng = expect(owner.post("/engagements", {"name": "Ops", "buyer_name": "B", "provider_name": "P",
                                             "side": "buyer"}), 201)["id"]
    make_user("ops@example.com", "Ops Person")
    added = cli.ok("member", "add", "--engagement", eng, "--email", "OPS@example.com", "--side", "provider",
                   "--roles", "member,facilitator")
    assert "ops@example.com is a provider member" in added.stderr
    members = {m["user"]["email"]: (m["side"], m["roles"]) for m in
               expect(owner.get(f"/engagements/{eng}"), 200)["members"]}
    assert members["ops@example.com"] == ("provider", ["member", "facilitator"])
    assert expect(owner.get(f"/engagements/{eng}/events"), 200)[0]["type"] == "member.added"
    for args, says in ((("--email", "nobody@example.com", "--side", "buyer"), "create it first"),
                       (("--email", "ops@example.com", "--side", "provider", "--roles", "boss"), "roles must be"),
                       (("--email", "ops@example.com", "--side", "buyer"), "remove them first"),
                       (("--email", "ops@example.com", "--side", "provider", "--roles", "sponsor"), "buyer side")):
        refused = cli.run("member", "add", "--engagement", eng, *args)
        assert refused.returncode != 0 and says in refused.stderr, refused.stderr
    assert members == {m["user"]["email"]: (m["side"], m["roles"]) for m in
                       expect(owner.get(f"/engagements/{eng}"), 200)["members"]}

    # with no mail server set, e-mail lands in instance/outbox/ (and the log) for one person running the board
    expect(owner.post(f"/engagements/{eng}/invitations", {"email": "next@example.com", "side": "buyer"}), 201)
    sent = cli.ok("mail", "send")
    assert "e-mail(s) sent" in sent.stderr
    outbox = sorted((tmp_path / "outbox").glob("*.eml"))
    assert outbox and "next@example.com" in outbox[-1].read_text() and "/invite/" in outbox[-1].read_text()
