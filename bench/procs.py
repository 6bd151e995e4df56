"""Processes of a benchmark run: the machine, CPU pinning, the servers under test and the Node clients."""
from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
NODE_DIR = HERE / "node"
REPO = HERE.parent
PASSWORD = "bench-password-42"
PG_ADMIN_URL = os.environ.get("BOARD_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("BOARD_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
CARD_POOL = 64  # cards the writer edits round-robin (an edit needs the card's current version)


# ---------------------------------------------------------------- the machine and CPU pinning

def cores() -> tuple[int | None, int | None]:
    """(harness core, server core): two different cores when the machine has them, else no pinning."""
    allowed = sorted(os.sched_getaffinity(0))
    if len(allowed) >= 2 and shutil.which("taskset"):
        return allowed[0], allowed[1]
    return None, None


PRIORITY = -10  # nice value for the server and the harness when allowed (root): others' work disturbs less


def can_raise_priority() -> bool:
    return os.geteuid() == 0 and shutil.which("nice") is not None


def pinned(cmd: list[str], core: int | None) -> list[str]:
    """``cmd`` on ``core`` (when pinning), at raised priority (when allowed)."""
    if core is not None:
        cmd = ["taskset", "-c", str(core), *cmd]
    return ["nice", "-n", str(PRIORITY), *cmd] if can_raise_priority() else cmd


# a fixed pure-Python workload: how fast this machine runs Python code right now (virtual machines
# drift: on one machine of this kind the same request cost 2.5 ms of CPU in one hour and 4.2 ms in another)
_REFERENCE = "import time\nt = time.process_time()\ns = 0\nfor i in range(2_000_000):\n    s += i * i\nprint(time.process_time() - t)"


def reference_ms(core: int | None) -> float:
    """CPU milliseconds of the reference workload on ``core`` (best of three; lower is faster)."""
    runs = [float(subprocess.run(pinned([sys.executable, "-c", _REFERENCE], core), capture_output=True, text=True,
                                 check=True).stdout) for _ in range(3)]
    return round(1000 * min(runs), 1)


SERVICES = ("postgres", "redis-server")


def services_cpu_seconds() -> float:
    """CPU seconds used so far by PostgreSQL and Redis processes (they serve the server under test)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        comm = text[text.index("(") + 1:text.rindex(")")]
        if comm in SERVICES:
            fields = text.rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / _ticks()
    return total


def _first(path: str, key: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


def _version(cmd: list[str]) -> str | None:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def machine(harness: int | None, server: int | None, server_cores_seen: list | None = None) -> dict:
    """What this run ran on (``harness``/``server``: the cores each was pinned to, if any;
    ``server_cores_seen``: the CPU sets the servers' processes were found allowed on)."""
    mem_kb = _first("/proc/meminfo", "MemTotal")
    pkgs = {name: _pip_version(name) for name in ("flask-socketio", "python-socketio", "python-engineio",
                                                   "eventlet", "gevent", "sqlalchemy", "flask")}
    node_pkg = {}
    for name in ("socket.io", "socket.io-client"):
        try:
            node_pkg[name] = json.loads((NODE_DIR / "node_modules" / name / "package.json").read_text())["version"]
        except OSError:
            pass
    pg = None
    try:
        import psycopg2

        with psycopg2.connect(PG_ADMIN_URL, connect_timeout=2) as conn, conn.cursor() as cur:
            cur.execute("SHOW server_version")
            pg = cur.fetchone()[0]
    except Exception:  # noqa: BLE001
        pass
    return {
        "cpu": _first("/proc/cpuinfo", "model name") or platform.processor(),
        "cores": os.cpu_count(),
        "memory_gb": round(int(mem_kb.split()[0]) / 1024 / 1024, 1) if mem_kb else None,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "node": _version(["node", "--version"]),
        "npm": _version(["npm", "--version"]),
        "postgresql": pg,
        "redis": (_version(["redis-server", "--version"]) or "").split(" v=")[-1].split(" ")[0] or None,
        "python_packages": {k: v for k, v in pkgs.items() if v},
        "node_packages": node_pkg,
        "pinning": {"harness_core": harness, "server_core": server,
                    "server_cores_seen": [list(c) for c in server_cores_seen or []]} if server is not None else None,
        "priority": f"nice {PRIORITY}" if can_raise_priority() else "default",
        "load_average": Path("/proc/loadavg").read_text().split()[:3],
    }


def _pip_version(dist: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return None


# ---------------------------------------------------------------- /proc figures of a process

def _ticks() -> int:
    return os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _ticks()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: server exited: {log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.1)
    raise RuntimeError(f"{url}: server did not start: {log.read_text()[-3000:]}")


def stop(proc: subprocess.Popen | None) -> None:
    if proc and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


# ---------------------------------------------------------------- Node packages

def npm_install() -> None:
    """Install the pinned socket.io packages into bench/node (from package-lock.json); never global."""
    marker = NODE_DIR / "node_modules" / ".package-lock.json"
    lock = NODE_DIR / "package-lock.json"
    if marker.exists() and marker.stat().st_mtime >= lock.stat().st_mtime:
        return
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=NODE_DIR, check=True,
                   stdout=subprocess.DEVNULL)


def node_available() -> str | None:
    """Why the Node side cannot run, or None."""
    for tool in ("node", "npm"):
        if not shutil.which(tool):
            return f"{tool} not on PATH"
    return None


# ---------------------------------------------------------------- servers under test

class Server:
    """Something the clients connect to: url, pid, initiative, tokens, the cards to edit."""

    kind = "server"
    url: str
    proc: subprocess.Popen | None = None
    token: str | None = None
    writer_token: str | None = None
    initiative: str = "ref"
    cards: list[dict]

    @property
    def pid(self) -> int:
        return self.proc.pid

    def seq(self) -> int | None:
        """The board's latest seq (clients join from it); reference servers ignore it."""
        return None

    def stop(self) -> None:
        stop(self.proc)


def _board_cmd() -> list[str]:
    script = Path(sys.executable).with_name("board")
    return [str(script)] if script.exists() else [sys.executable, "-m", "board.cli"]


class BoardServer(Server):
    """``board serve`` as a real process over a fresh database, with an initiative to edit.

    Accounts come from the CLI (``board db upgrade``, ``board user create``), everything else from the
    REST API, exactly as a deployment would make them.
    """

    kind = "board"

    def __init__(self, workdir: Path, mode: str = "eventlet", database: str = "sqlite", redis: bool = False,
                 core: int | None = None, env: dict | None = None, cards: int = CARD_POOL):
        self.mode, self.database, self.redis, self.core = mode, database, redis, core
        self.extra_env, self.n_cards = env or {}, cards
        self.port = free_port()
        self.workdir = workdir / f"board-{self.port}"  # a fresh instance folder (SQLite file, log) per server
        self.url = f"http://127.0.0.1:{self.port}"
        self.pg_name: str | None = None
        self.cards = []

    def _env(self, database_url: str) -> dict:
        env = {**os.environ, "BOARD_DATABASE_URL": database_url, "BOARD_INSTANCE_DIR": str(self.workdir),
               "BOARD_ASYNC_MODE": self.mode, "BOARD_SECRET_KEY": "bench-secret",
               "BOARD_LOGIN_RATE": "1000 per minute", **self.extra_env}
        env.pop("BOARD_REDIS_URL", None)
        if self.redis:
            env["BOARD_REDIS_URL"] = REDIS_URL
        return env

    def _database_url(self) -> str:
        if self.database == "sqlite":
            return f"sqlite:///{self.workdir / 'board.db'}"
        import psycopg2
        from sqlalchemy.engine import make_url

        self.pg_name = f"board_bench_{os.getpid()}_{self.port}"
        conn = psycopg2.connect(PG_ADMIN_URL, connect_timeout=3)
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
            cur.execute(f'CREATE DATABASE "{self.pg_name}"')
        conn.close()
        return make_url(PG_ADMIN_URL).set(database=self.pg_name).render_as_string(hide_password=False)

    def start(self) -> "BoardServer":
        self.workdir.mkdir(parents=True, exist_ok=True)
        env = self._env(self._database_url())
        board = _board_cmd()

        def run(*args):
            done = subprocess.run([*board, *args], env=env, capture_output=True, text=True)
            if done.returncode:
                raise RuntimeError(f"board {' '.join(args[:2])} failed: {done.stderr[-2000:]}")

        run("db", "upgrade")
        run("user", "create", "--email", "writer@bench.example", "--password", PASSWORD, "--name", "Wren Writer")
        run("user", "create", "--email", "audience@bench.example", "--password", PASSWORD, "--name", "Ada Audience")
        self.log = self.workdir / f"server-{self.port}.log"
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(pinned([*board, "serve", "--port", str(self.port)], self.core),
                                         env=env, stdout=log, stderr=subprocess.STDOUT)
        wait_http(f"{self.url}/api/v1/openapi.json", self.proc, self.log)
        self.writer_token = self._token("writer@bench.example")
        self.token = self._token("audience@bench.example")
        eng = self.rest("POST", "/engagements", {"name": "Bench workshop", "buyer_name": "Northwind",
                                                 "provider_name": "Brightline", "side": "buyer"})
        invitation = self.rest("POST", f"/engagements/{eng['id']}/invitations",
                               {"email": "audience@bench.example", "side": "provider", "roles": ["member"]})
        self.rest("POST", f"/invitations/{invitation['link'].rsplit('/', 1)[1]}/accept", {}, token=self.token)
        self.engagement = eng["id"]
        self.initiative = self.rest("POST", f"/engagements/{eng['id']}/initiatives",
                                    {"title": "Reduce the cost of the collections process"})["id"]
        for n in range(self.n_cards):
            card = self.rest("POST", f"/initiatives/{self.initiative}/cards",
                             {"kind": "observation", "text": f"Observation {n}", "tags": ["bench", "re-keying"]})
            self.cards.append({"id": card["id"], "version": card["version"]})
        return self

    def seq(self) -> int:
        return self.rest("GET", f"/initiatives/{self.initiative}")["seq"]

    def _token(self, email: str) -> str:
        r = requests.post(f"{self.url}/api/v1/auth/token", json={"email": email, "password": PASSWORD,
                                                                  "name": "bench"}, timeout=30)
        r.raise_for_status()
        return r.json()["token"]

    def rest(self, method: str, path: str, body=None, token: str | None = None):
        r = requests.request(method, f"{self.url}/api/v1{path}", json=body, timeout=30,
                             headers={"Authorization": f"Bearer {token or self.writer_token}"})
        if r.status_code >= 400:
            raise RuntimeError(f"{method} {path}: {r.status_code} {r.text[:300]}")
        return r.json() if r.content else None

    def stop(self) -> None:
        stop(self.proc)
        if self.pg_name:
            import psycopg2

            conn = psycopg2.connect(PG_ADMIN_URL, connect_timeout=3)
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
            conn.close()


class FlaskRefServer(Server):
    """bench/ref_flask.py: Flask-SocketIO's bare broadcast, no database, same async mode."""

    kind = "flask-ref"

    def __init__(self, workdir: Path, mode: str = "eventlet", core: int | None = None):
        self.workdir, self.mode, self.core = workdir, mode, core
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.cards = [{"id": f"ref-card-{n}", "version": 1} for n in range(CARD_POOL)]

    def start(self) -> "FlaskRefServer":
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.log = self.workdir / f"flask-ref-{self.port}.log"
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                pinned([sys.executable, str(HERE / "ref_flask.py"), str(self.port), self.mode], self.core),
                env=env, stdout=log, stderr=subprocess.STDOUT)
        wait_http(f"{self.url}/health", self.proc, self.log)
        return self


class NodeRefServer(Server):
    """bench/node/ref_server.js: the bare Node.js socket.io broadcast, no database."""

    kind = "node-ref"
    mode = "node"

    def __init__(self, workdir: Path, core: int | None = None):
        self.workdir, self.core = workdir, core
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.cards = [{"id": f"ref-card-{n}", "version": 1} for n in range(CARD_POOL)]

    def start(self) -> "NodeRefServer":
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.log = self.workdir / f"node-ref-{self.port}.log"
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(pinned(["node", str(NODE_DIR / "ref_server.js"), str(self.port)], self.core),
                                         stdout=log, stderr=subprocess.STDOUT)
        wait_http(f"{self.url}/health", self.proc, self.log)
        return self


# ---------------------------------------------------------------- the Node load clients

class Clients:
    """One ``node clients.js`` process holding every client connection and the writer."""

    def __init__(self, server: Server, core: int | None = None, kind: str = "raw", webapp: dict | None = None):
        """``webapp`` ({variant, bundle, engagement}): receivers that also read what the web app reads."""
        self.server = server
        self.proc = subprocess.Popen(pinned(["node", str(NODE_DIR / "clients.js")], core), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=None, text=True, bufsize=1)
        self.call({"cmd": "setup", "url": server.url, "token": server.token, "writerToken": server.writer_token,
                   "initiative": server.initiative, "cards": server.cards, "clientKind": kind, "webapp": webapp})

    def call(self, msg: dict) -> dict:
        self.proc.stdin.write(json.dumps(msg) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the Node clients exited")
        out = json.loads(line)
        if not out.get("ok"):
            raise RuntimeError(f"Node clients: {out.get('error')}")
        return out

    def connect(self, total: int, batch: int = 50) -> dict:
        """Connect and join until ``total`` clients watch the board (joining from its current seq)."""
        return self.call({"cmd": "connect", "total": total, "batch": batch, "since": self.server.seq()})

    def run(self, rate: float, duration: float, settle: float = 5, samples: bool = False,
            drain: float | None = None) -> dict:
        """One phase of edits; with ``samples``, every fan-out and delivery latency too (``*_samples``);
        web app clients then wait up to ``drain`` s for the reads the edits caused (``rest``)."""
        return self.call({"cmd": "run", "rate": rate, "duration": duration, "settle": settle, "samples": samples,
                          **({"drain": drain} if drain is not None else {})})

    @property
    def pid(self) -> int:
        return self.proc.pid

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.call({"cmd": "close"})
                self.proc.wait(10)
            except Exception:  # noqa: BLE001 - closing is best effort
                pass
        stop(self.proc)
