// Reference server for `make bench`: the bare Node.js socket.io broadcast, no database, no auth.
// Speaks the board's protocol as far as the benchmark uses it: `join` -> room + {seq};
// `card:update` -> one `event` to the room shaped like the board's, then the ack {ok, result}.
// Usage: node ref_server.js PORT
"use strict";

const http = require("http");
const { Server } = require("socket.io");
const { card, message } = require("./payload");

const port = Number(process.argv[2] || 5100);
const server = http.createServer((req, res) => {
  res.writeHead(200, { "Content-Type": "application/json" });
  res.end('{"ok":true}');
});
const io = new Server(server, { transports: ["websocket"], serveClient: false });
const seqs = new Map();

io.on("connection", (socket) => {
  socket.on("join", (payload, ack) => {
    const room = `initiative:${payload.initiative}`;
    socket.join(room);
    ack({ seq: seqs.get(payload.initiative) || 0, snapshot: { cards: [] } });
  });
  socket.on("card:update", (op, ack) => {
    const initiative = "ref";
    const seq = (seqs.get(initiative) || 0) + 1;
    seqs.set(initiative, seq);
    const data = card(op.card, op.data.text, op.data.version + 1);
    io.to(`initiative:${initiative}`).emit("event", message(seq, initiative, data));
    ack({ ok: true, result: data });
  });
});

server.listen(port, "127.0.0.1", () => process.stderr.write(`node reference server on ${port}\n`));
