"""Shared fixtures: the app on each database backend, users, API clients and a standard world."""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field

import pytest

from board import create_app, db, mailer, migrate, uow
from argon2 import PasswordHasher
from board.config import Settings
from board.services import accounts, engagements
from tests.support.api import PASSWORD, ApiClient, expect
from tests.support.services import PG_ADMIN_URL, pg_url

# Test accounts get a cheap argon2 hash (verification cost follows the hash's own parameters);
# accounts made through the CLI or services use the production parameters.
_PASSWORD_HASH = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)


@pytest.fixture(scope="session")
def worker_id_safe(request) -> str:
    return getattr(request.config, "workerinput", {}).get("workerid", "main")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> str:
    """A migrated SQLite file; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "board.db"
    migrate.upgrade(f"sqlite:///{path}")
    return str(path)


@pytest.fixture(scope="session")
def pg_database(worker_id_safe):
    """A migrated PostgreSQL database for this worker, dropped at the end."""
    import psycopg2
    from sqlalchemy.engine import make_url

    url = pg_url(worker_id_safe)
    migrate.upgrade(url)
    yield url
    conn = psycopg2.connect(PG_ADMIN_URL)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
    conn.close()


def _truncate_all(url: str) -> None:
    from sqlalchemy import create_engine, text

    from board.db import Base

    engine = create_engine(db.normalise_url(url))
    with engine.begin() as conn:
        names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path, sqlite_template) -> str:
    """The database URL of one backend, empty and migrated."""
    if request.param == "sqlite":
        path = tmp_path / "board.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_database")
    _truncate_all(url)
    return url


@pytest.fixture
def settings(database_url, tmp_path) -> Settings:
    return Settings(database_url=database_url, secret_key="test-secret", async_mode="threading",
                    instance_dir=tmp_path, invite_rate="1000 per hour")


@pytest.fixture(scope="session")
def s3_server():
    """An S3-compatible server in this process (moto's), over HTTP on a free port; see ``s3``."""
    from tests.support.s3 import S3Server

    server = S3Server().start()
    yield server
    server.stop()


@pytest.fixture
def s3(s3_server, monkeypatch):
    """A new bucket of ``s3_server``, with the credentials in the environment where boto3 looks. To run the
    app on it, a module overrides ``settings``: ``replace(settings, **s3.settings)``."""
    from tests.support.s3 import CREDENTIALS

    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):  # a developer's own would mix with ours
        monkeypatch.delenv(name, raising=False)
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    return s3_server.bucket()


@pytest.fixture
def mailbox():
    """A real SMTP server in this process; use with ``mail_settings`` so the app sends to it."""
    from tests.mailbox import Mailbox

    box = Mailbox().start()
    yield box
    box.stop()


@pytest.fixture
def app(settings):
    app = create_app(settings)
    app.config["TESTING"] = True
    yield app
    mailer.wait_idle()  # mail a test queued is written before its database goes
    db.session.remove()
    db.session.get_bind().dispose()


@pytest.fixture
def make_user(app):
    """Create an account directly (setup, not under test); returns its id."""

    def make(email: str, name: str | None = None) -> str:
        with app.app_context():
            user = accounts.create_user(email, None, name or email.split("@")[0].title())
            user.password_hash = _PASSWORD_HASH
            uow.commit()
            return user.id

    return make


@pytest.fixture
def add_member(app):
    """Admit an account to an engagement as the server's operator does (setup, not under test); its user id."""

    def add(engagement_id: str, email: str, side: str, roles=("member",)) -> str:
        with app.app_context():
            view = engagements.admit(engagement_id, email, side, list(roles))
            uow.commit()
            return view["user"].id

    return add


@pytest.fixture
def client_for(app):
    """An API client authenticated as ``email`` with a personal access token (no CSRF needed)."""

    def make(email: str) -> ApiClient:
        with app.app_context():
            token = accounts.create_token(accounts.find_user(email), "tests")
            uow.commit()
        return ApiClient(app.test_client(), token=token)

    return make


@pytest.fixture
def browser_for(app):
    """An API client signed in with the session cookie, sending the CSRF token like the web app."""

    def make(email: str) -> ApiClient:
        c = ApiClient(app.test_client())
        body = expect(c.post("/auth/login", {"email": email, "password": PASSWORD}), 200)
        c.csrf = body["csrf_token"]
        return c

    return make


@pytest.fixture
def anonymous(app) -> ApiClient:
    return ApiClient(app.test_client())


@dataclass
class World:
    """Two engagements of one provider, with people in every role, an initiative in each."""

    engagement: str
    other_engagement: str
    initiative: str
    other_initiative: str
    users: dict[str, str] = field(default_factory=dict)  # persona -> user id
    clients: dict[str, ApiClient] = field(default_factory=dict)

    def __getattr__(self, persona: str) -> ApiClient:
        try:
            return self.__dict__["clients"][persona]
        except KeyError:
            raise AttributeError(persona) from None


PERSONAS = {
    # persona: (side, roles) in the main engagement; None = not a member
    "buyer_admin": ("buyer", ["member", "admin"]),
    "buyer": ("buyer", ["member"]),
    "sponsor": ("buyer", ["member", "sponsor"]),
    "sponsor2": ("buyer", ["member", "sponsor"]),
    "provider": ("provider", ["member"]),
    "facilitator": ("provider", ["member", "facilitator"]),
    "viewer": ("buyer", ["viewer"]),
    "outsider": None,  # member of the other engagement only
}


@pytest.fixture
def world(make_user, client_for, add_member) -> World:
    """The standard cast: see ``PERSONAS``; ``outsider`` is the buyer admin of another engagement."""
    for persona in PERSONAS:
        make_user(f"{persona}@example.com", persona.replace("_", " ").title())
    clients = {p: client_for(f"{p}@example.com") for p in PERSONAS}
    eng = expect(clients["buyer_admin"].post("/engagements", {
        "name": "Collections", "buyer_name": "Fincorp", "provider_name": "CallCo", "side": "buyer"}), 201)
    users = {m["user"]["name"]: m["user"]["id"] for m in eng["members"]}
    for persona, spec in PERSONAS.items():
        if spec and persona != "buyer_admin":
            side, roles = spec
            users[persona] = add_member(eng["id"], f"{persona}@example.com", side, roles)
    other = expect(clients["outsider"].post("/engagements", {
        "name": "Claims", "buyer_name": "Insureco", "provider_name": "CallCo", "side": "buyer"}), 201)
    add_member(other["id"], "provider@example.com", "provider")
    initiative = expect(clients["buyer"].post(f"/engagements/{eng['id']}/initiatives", {
        "title": "Reduce the cost of the collections process"}), 201)
    other_initiative = expect(clients["outsider"].post(f"/engagements/{other['id']}/initiatives", {
        "title": "Faster claims"}), 201)
    return World(eng["id"], other["id"], initiative["id"], other_initiative["id"], users, clients)
