"""Reference server for ``make bench``: Flask-SocketIO's bare broadcast, no database, no auth.

The floor of the board's stack: same Flask-SocketIO, same async mode, same ``socketio.run`` as
``board serve``, and the same event shape (bench/payload.json) — only the board's own work is missing
(authentication, validation, the database commit, the event log).

Usage: python bench/ref_flask.py PORT [eventlet|gevent|threading]
"""
import sys

MODE = sys.argv[2] if len(sys.argv) > 2 else "eventlet"
if MODE == "eventlet":
    import eventlet

    eventlet.monkey_patch()
elif MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()

import json  # noqa: E402
from datetime import datetime, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

from flask import Flask  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

TEMPLATE = json.loads((Path(__file__).with_name("payload.json")).read_text())
app = Flask(__name__)
socketio = SocketIO(app, async_mode=MODE, cors_allowed_origins=None)
seqs: dict[str, int] = {}


@app.get("/health")
def health():
    return {"ok": True}


@socketio.on("join")
def join(payload):
    join_room(f"initiative:{payload['initiative']}")
    return {"seq": seqs.get(payload["initiative"], 0), "snapshot": {"cards": []}}


@socketio.on("card:update")
def update(op):
    initiative = "ref"
    seq = seqs[initiative] = seqs.get(initiative, 0) + 1
    now = datetime.now(timezone.utc).isoformat()
    data = {**TEMPLATE["card"], "id": op["card"], "text": op["data"]["text"], "version": op["data"]["version"] + 1,
            "updated_at": now}
    socketio.emit("event", {**TEMPLATE["message"], "seq": seq, "initiative": initiative, "at": now, "data": data},
                  to=f"initiative:{initiative}")
    return {"ok": True, "result": data}


if __name__ == "__main__":
    socketio.run(app, host="127.0.0.1", port=int(sys.argv[1]), allow_unsafe_werkzeug=True, log_output=False)
