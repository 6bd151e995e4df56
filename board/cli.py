"""The ``board`` command: serve, migrate, seed, manage users, export and import initiatives."""
from __future__ import annotations

import json
import os
import sys
import warnings

import click


def _async_mode() -> str:
    return os.environ.get("BOARD_ASYNC_MODE", "eventlet").strip().lower()


def _patch_for_async_mode() -> None:
    """Monkey-patch for eventlet/gevent before anything else opens sockets or threads."""
    mode = _async_mode()
    if mode == "eventlet":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # eventlet warns it is in bugfix mode; it is still our default
            import eventlet

            eventlet.monkey_patch()
        from psycogreen.eventlet import patch_psycopg

        patch_psycopg()
    elif mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
        from psycogreen.gevent import patch_psycopg

        patch_psycopg()


@click.group()
def main() -> None:
    """Co-Learning Board."""


def _app():
    from . import create_app

    try:
        return create_app()
    except ValueError as exc:  # a bad setting: say which, without a traceback
        raise click.ClickException(str(exc)) from exc


def _unit_of_work(fn):
    """Run ``fn`` in the app as one unit of work (``board.uow``), and turn board errors into a clean exit."""
    from . import uow
    from .errors import BoardError

    app = _app()
    with app.app_context():
        try:
            return uow.run(fn)
        except BoardError as exc:
            raise click.ClickException(exc.message) from exc


@main.command()
@click.option("--host", default=lambda: os.environ.get("BOARD_HOST", "127.0.0.1"), show_default="127.0.0.1")
@click.option("--port", default=lambda: int(os.environ.get("BOARD_PORT", "5000")), type=int, show_default="5000")
def serve(host: str, port: int) -> None:
    """Serve the board (web app, REST API and Socket.IO) on HOST:PORT."""
    _patch_for_async_mode()
    from .extensions import socketio

    from . import mailer, storage

    app = _app()
    try:  # a bucket that is not there, or refuses us, stops the start rather than the first photo
        storage.current().check()
    except storage.StoreUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    socketio.start_background_task(mailer.sweep_forever, app)  # retries, and mail queued by the CLI
    from .realtime import control, handlers

    control.serve(handlers.check_revocations)  # a `board user disable` closes sockets here at once
    _tune_gc()
    limit = app.config["BOARD"].max_connections
    _allow_open_files(limit + 256)  # every connection is a file, plus the database, logs and so on
    click.echo(f"Co-Learning Board on http://{host}:{port} ({_async_mode()}; fan-out: {app.extensions['board_fanout']})",
               err=True)
    click.echo(f"Photos are kept in {storage.current().where}", err=True)
    if _async_mode() == "eventlet":
        return _serve_eventlet(app, host, port, limit)
    extra = {"handler_class": _gevent_nodelay_handler()} if _async_mode() == "gevent" else {}
    socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True, log_output=False, **extra)


LISTEN_BACKLOG = 1024  # connections waiting to be accepted (eventlet's default, 50, drops a crowd reconnecting)


def _serve_eventlet(app, host: str, port: int, limit: int) -> None:
    """What ``socketio.run`` does under eventlet, with room for ``limit`` connections and a deep backlog.

    The Flask app already carries the Socket.IO middleware (``init_app``); eventlet's own defaults
    hold 1,024 connections and queue 50 more, so a workshop of a thousand people reconnecting after a
    restart would wait seconds in SYN retries.

    Nagle's algorithm is off on every connection (accepted sockets inherit it from the listener):
    eventlet leaves it on, so a WebSocket frame sent while the client had not yet ACKed the previous
    small one waited for its delayed ACK, 40 ms on Linux (docs/performance.md, change 16).
    """
    import socket

    import eventlet
    import eventlet.wsgi

    family, _, _, _, address = eventlet.green.socket.getaddrinfo(host, port)[0]
    listener = eventlet.listen(address, family, backlog=LISTEN_BACKLOG)
    if family in (socket.AF_INET, socket.AF_INET6):
        listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    eventlet.wsgi.server(listener, app, log_output=False, max_size=limit)


def _allow_open_files(wanted: int) -> None:
    """Raise this process's open-file limit towards ``wanted`` (up to the hard limit), as servers do."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


GC_THRESHOLDS = (700, 10, 100)  # Python's default is (700, 10, 10): full collections 10x rarer


def _tune_gc() -> None:
    """Keep the garbage collector's full passes from pausing every socket of the server.

    A full (generation 2) collection stops the process while it walks every tracked object; with
    hundreds of sockets that took 60-200 ms here, every ~10 s under edits (eventlet keeps a timer
    object alive per socket per message for the queue's 45 s timeout, so long-lived objects pile up
    fast), and each pause delays every edit in flight (docs/performance.md). Freezing what start-up
    made (imports, the app: ~150,000 objects that live as long as the process) takes them out of
    every pass, and full passes run a tenth as often. Reference counting still frees everything
    that is not a cycle at once.
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def _gevent_nodelay_handler():
    """gevent's WSGI handler with Nagle's algorithm off on each connection, closing it after a WebSocket.

    pywsgi sends a response's headers and body in separate writes; with Nagle on, the body waits
    for the client's delayed ACK of the headers: +40 ms on every request (docs/performance.md).
    Under eventlet, the listener turns it off (``_serve_eventlet``). A WebSocket's connection ends
    with it (RFC 6455, 7.1.1): pywsgi would otherwise wait on it for a next request, and the client
    for it to close (board/infra/fanout.py).
    """
    import socket

    from gevent import pywsgi

    class NoDelayHandler(pywsgi.WSGIHandler):
        def handle(self):
            try:
                self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except (OSError, AttributeError):  # not TCP (a Unix socket): nothing to turn off
                pass
            return super().handle()

        def run_application(self):
            if self.environ.get("HTTP_UPGRADE", "").lower() == "websocket":
                self.close_connection = True
            return super().run_application()

    return NoDelayHandler


@main.group()
def db() -> None:
    """Database schema."""


@db.command()
def upgrade() -> None:
    """Apply every migration (creates the database if needed)."""
    from . import migrate
    from .config import Settings

    url = Settings.from_env().database_url
    migrate.upgrade(url)
    click.echo("Database is up to date.", err=True)


@main.group()
def seed() -> None:
    """Demo data."""


@seed.command()
def demo() -> None:
    """Load the demo engagements (skipped if they are already there)."""
    from .seeding import load_demo

    created = _unit_of_work(load_demo)
    click.echo("Demo data loaded." if created else "Demo data already present.", err=True)


@main.group()
def user() -> None:
    """User accounts."""


@user.command("create")
@click.option("--email", required=True)
@click.option("--password", required=True)
@click.option("--name", required=True)
def user_create(email: str, password: str, name: str) -> None:
    """Create an account."""
    from .services.accounts import create_user

    created = _unit_of_work(lambda: create_user(email, password, name))
    click.echo(created.id)


@user.command("disable")
@click.option("--email", required=True)
def user_disable(email: str) -> None:
    """Disable an account: its sign-ins, tokens and live sockets stop working at once."""
    _set_disabled(email, True)


@user.command("enable")
@click.option("--email", required=True)
def user_enable(email: str) -> None:
    """Re-enable a disabled account."""
    _set_disabled(email, False)


def _set_disabled(email: str, disabled: bool) -> None:
    from .errors import NotFound
    from .services.accounts import find_user, set_disabled

    def change():
        user = find_user(email)
        if user is None:
            raise NotFound(f"No user with email {email}.")
        set_disabled(user, disabled)

    _unit_of_work(change)
    click.echo(f"{email} {'disabled' if disabled else 'enabled'}.", err=True)


@main.group()
def member() -> None:
    """Engagement membership, for the server's operator."""


@member.command("add")
@click.option("--engagement", "engagement_id", required=True, help="The engagement's id.")
@click.option("--email", required=True, help="An existing account's e-mail.")
@click.option("--side", type=click.Choice(["buyer", "provider"]), required=True)
@click.option("--roles", default="member", show_default=True, help="Comma-separated: member, sponsor, facilitator, "
              "admin, viewer.")
def member_add(engagement_id: str, email: str, side: str, roles: str) -> None:
    """Add an account to an engagement without an invitation (or change its roles): the operator's say-so."""
    from .models.engagement import ROLES
    from .services.engagements import admit

    wanted = [r.strip() for r in roles.split(",") if r.strip()]
    unknown = [r for r in wanted if r not in ROLES]
    if unknown or not wanted:
        raise click.BadParameter(f"roles must be some of {', '.join(ROLES)}; not {', '.join(unknown) or 'none'}",
                                 param_hint="--roles")
    member = _unit_of_work(lambda: admit(engagement_id, email, side, wanted))
    click.echo(f"{member['user'].email} is a {side} member of {engagement_id} ({', '.join(member['roles'])}).", err=True)


@main.group()
def mail() -> None:
    """Outgoing e-mail."""


@mail.command("send")
def mail_send() -> None:
    """Send every queued e-mail now, retries included (``board serve`` does it by itself every 30 s)."""
    from . import mailer

    app = _app()
    with app.app_context():
        sent = mailer.deliver_due(everything=True)
    click.echo(f"{sent} e-mail(s) sent.", err=True)


@main.command("export")
@click.argument("initiative_id")
def export_cmd(initiative_id: str) -> None:
    """Write an initiative as JSON to stdout."""
    from .services.exchange import export_initiative

    data = _unit_of_work(lambda: export_initiative(initiative_id))
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


@main.command("import")
@click.argument("file", type=click.File("r"))
@click.option("--engagement", "engagement_id", required=True, help="Engagement to import into.")
def import_cmd(file, engagement_id: str) -> None:
    """Load an exported initiative into an engagement; prints the new initiative's id."""
    from .services.exchange import import_initiative

    try:
        data = json.load(file)
    except json.JSONDecodeError as exc:
        raise click.ClickException(f"{file.name} is not JSON: {exc}") from exc
    initiative = _unit_of_work(lambda: import_initiative(data, engagement_id))
    click.echo(initiative.id)


if __name__ == "__main__":
    main()
