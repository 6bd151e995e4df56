// Load clients for `make bench`: N real socket.io-client connections watching one board, and one
// writer that edits cards at a fixed open-loop rate. Driven by bench/run.py over stdin/stdout, one
// JSON object per line:
//   {"cmd":"setup", url, token, writerToken, initiative, cards:[{id,version}], clientKind, webapp}  -> {"ok":true}
//   {"cmd":"connect", total, since}       -> connects (and joins) until `total` clients are watching
//   {"cmd":"run", rate, duration, settle} -> one measured phase: latencies, fan-out, losses, harness CPU
//   {"cmd":"close"}                       -> disconnects everything and exits
// clientKind "raw" (default): receivers speak Engine.IO/Socket.IO frames over `ws` themselves (lean);
// "socketio": every receiver is a real socket.io-client. The writer is always a socket.io-client.
// webapp {variant, bundle, engagement}: every (raw) receiver also makes the REST reads the web app
// makes after each event (./webapp.js); a phase then reports them and waits for them to be answered.
// Every timestamp comes from this one process's monotonic clock (performance.now()), so the writer's
// send time and each receiver's arrival time are directly comparable.
"use strict";

const { io } = require("socket.io-client");
const readline = require("readline");
const { performance } = require("perf_hooks");
const webapp = require("./webapp");

const state = {
  url: null, token: null, writerToken: null, initiative: null, cards: [],
  clients: [], writer: null, disconnects: 0,
  phase: null, // the running measurement, see run()
  webapp: null, // {rules, reads, engagement} when receivers behave like the web app
};

function reply(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

function percentile(sorted, p) {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function summary(values) {
  const a = Float64Array.from(values).sort();
  const round = (x) => (x === null ? null : Math.round(x * 1000) / 1000);
  return {
    n: a.length, p50: round(percentile(a, 50)), p90: round(percentile(a, 90)), p99: round(percentile(a, 99)),
    max: round(a.length ? a[a.length - 1] : null),
  };
}

function openSocket(token) {
  return io(state.url, {
    transports: ["websocket"], forceNew: true, multiplex: false, reconnection: false,
    timeout: 60000, auth: token ? { token } : undefined,
  });
}

// One delivery of an `event`: seq bookkeeping, then latency if it is an edit of the running phase.
function delivered(client, seq, edit) {
  // gaps in seq: every event of the board must arrive, in order, exactly once
  if (seq !== null) {
    if (client.seq !== null) {
      if (seq > client.seq + 1) client.gaps += seq - client.seq - 1;
      else if (seq <= client.seq) client.dups += 1;
    }
    if (client.seq === null || seq > client.seq) client.seq = seq;
  }
  const phase = state.phase;
  if (!phase || edit === null || edit >= phase.sent.length) return;
  const latency = performance.now() - phase.sent[edit];
  phase.latencies.push(latency);
  phase.received[edit] += 1;
  if (latency > phase.fanout[edit]) phase.fanout[edit] = latency;
}

const SEQ = Buffer.from('"seq":');
const EVENT = Buffer.from('42["event",');

function digitsAt(buf, i) {
  let n = 0; let any = false;
  for (; i < buf.length; i += 1) {
    const c = buf[i];
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48); any = true;
  }
  return any ? n : null;
}

// The edit number in an event's text ("… (bench TAG edit K)"), or null.
function editOf(buf) {
  const phase = state.phase;
  if (!phase) return null;
  const at = buf.indexOf(phase.marker);
  return at < 0 ? null : digitsAt(buf, at + phase.marker.length);
}

// A raw WebSocket client speaking Engine.IO 4 / Socket.IO 5 frames itself: the same bytes on the
// wire as socket.io-client, without decoding every event into objects (the seq and the edit number
// are read straight from the frame), so that one harness core can watch many connections.
function connectRaw(client) {
  const WebSocket = require("ws");
  const url = state.url.replace(/^http/, "ws") + "/socket.io/?EIO=4&transport=websocket";
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
    client.socket = { disconnect: () => ws.close() };
    let acked = false;
    ws.on("error", reject);
    ws.on("close", () => { if (acked) state.disconnects += 1; else reject(new Error("closed during handshake")); });
    ws.on("message", (buf) => {
      if (acked) {
        if (buf.length === 1 && buf[0] === 50) return ws.send("3"); // ping -> pong
        if (buf.indexOf(EVENT) === 0) {
          const s = buf.indexOf(SEQ);
          delivered(client, s < 0 ? null : digitsAt(buf, s + SEQ.length), editOf(buf));
          if (client.webapp) client.webapp.onEvent(webapp.eventOf(buf));
        }
        return;
      }
      const text = buf.toString();
      if (text[0] === "0") ws.send("40" + JSON.stringify(state.token ? { token: state.token } : {}));
      else if (text.startsWith("40")) ws.send("421" + JSON.stringify(["join", { initiative: state.initiative, since: state.since }]));
      else if (text.startsWith("44")) reject(new Error(text));
      else if (text.startsWith("431")) {
        const ack = JSON.parse(text.slice(3))[0];
        if (!ack || ack.error) return reject(new Error(JSON.stringify(ack && ack.error)));
        client.seq = typeof ack.seq === "number" ? ack.seq : null;
        acked = true;
        resolve(client);
      } else if (text === "2") ws.send("3");
    });
  });
}

function connectSocketIO(client) {
  return new Promise((resolve, reject) => {
    const socket = openSocket(state.token);
    client.socket = socket;
    socket.once("connect_error", reject);
    socket.once("connect", () => {
      socket.on("event", (msg) => {
        if (msg.initiative !== state.initiative) return;
        const text = msg.data && msg.data.text;
        const phase = state.phase;
        let edit = null;
        if (phase && typeof text === "string") {
          const at = text.indexOf(phase.markerText);
          if (at >= 0) edit = parseInt(text.slice(at + phase.markerText.length), 10);
        }
        delivered(client, typeof msg.seq === "number" ? msg.seq : null, edit);
      });
      socket.on("disconnect", () => { state.disconnects += 1; });
      socket.timeout(60000).emit("join", { initiative: state.initiative, since: state.since }, (err, ack) => {
        if (err) return reject(err);
        if (!ack || ack.error) return reject(new Error(JSON.stringify(ack && ack.error)));
        client.seq = typeof ack.seq === "number" ? ack.seq : null;
        resolve(client);
      });
    });
  });
}

function connectOne() {
  const client = { socket: null, seq: null, gaps: 0, dups: 0, webapp: null };
  if (state.webapp) {
    client.webapp = new webapp.WebApp({
      url: state.url, token: state.token, rules: state.webapp.rules, reads: state.webapp.reads,
      board: { initiative: state.initiative, engagement: state.webapp.engagement },
    });
  }
  const made = state.clientKind === "socketio" ? connectSocketIO(client) : connectRaw(client);
  return made.catch((err) => {
    throw new Error(`client ${state.clients.length}: ${err && err.message ? err.message : err}`);
  });
}

async function connect(total, batch) {
  const start = performance.now();
  while (state.clients.length < total) {
    const n = Math.min(batch || 50, total - state.clients.length);
    const made = await Promise.all(Array.from({ length: n }, connectOne));
    state.clients.push(...made);
  }
  if (!state.writer) {
    state.writer = openSocket(state.writerToken);
    await new Promise((resolve, reject) => {
      state.writer.once("connect", resolve);
      state.writer.once("connect_error", reject);
    });
  }
  return { connected: state.clients.length, seconds: (performance.now() - start) / 1000 };
}

/** One phase of edits at ``rate``; with ``samples``, every fan-out and delivery latency is returned too. */
function run(rate, duration, settle, samples = false, drain = 20) {
  const edits = Math.max(1, Math.round(rate * duration));
  // letters only: the board masks digit runs that look like phone or card numbers in observation text
  const tag = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
  const phase = {
    sent: new Float64Array(edits), received: new Int32Array(edits),
    fanout: new Float64Array(edits), acked: new Uint8Array(edits), latencies: [],
    errors: {}, ackLatencies: [], lag: [],
    markerText: `(bench ${tag} edit `, marker: Buffer.from(`(bench ${tag} edit `),
  };
  const free = state.cards.slice(); // cards with no edit in flight (an edit needs the card's version)
  let busySkips = 0;
  for (const c of state.clients) { c.gaps = 0; c.dups = 0; }
  if (state.webapp) state.webapp.reads.reset();
  const disconnectsBefore = state.disconnects;
  state.phase = phase;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();

  return new Promise((resolve) => {
    let i = 0;
    let outstanding = 0;
    const sendNext = () => {
      const due = t0 + (i * 1000) / rate;
      const now = performance.now();
      phase.lag.push(now - due);
      const card = free.shift();
      if (!card) {
        busySkips += 1; // every card still has an edit in flight: the server is far behind
      } else {
        const k = i;
        const text = `Agent re-keys the customer's details into the second system while the caller waits (bench ${tag} edit ${k})`;
                outstanding += 1;
        phase.sent[k] = performance.now();
        state.writer.timeout(30000).emit("card:update",
          { op_id: `${tag}-${k}`, card: card.id, data: { version: card.version, text } }, (err, ack) => {
            outstanding -= 1;
            phase.ackLatencies.push(performance.now() - phase.sent[k]);
            if (err || !ack || ack.error) {
              const code = err ? "timeout" : (ack && ack.error && ack.error.code) || "bad_ack";
              phase.errors[code] = (phase.errors[code] || 0) + 1;
              if (ack && ack.error && ack.error.current) card.version = ack.error.current.version;
            } else {
              phase.acked[k] = 1;
              card.version = ack.result.version;
            }
            free.push(card);
          });
      }
      i += 1;
      if (i < edits) {
        setTimeout(sendNext, Math.max(0, t0 + (i * 1000) / rate - performance.now()));
      } else {
        finish();
      }
    };
    const finish = () => {
      const deadline = performance.now() + settle * 1000;
      const check = () => {
        let pending = outstanding > 0;
        if (!pending) {
          for (let k = 0; k < edits; k += 1) {
            if (phase.acked[k] && phase.received[k] < state.clients.length) { pending = true; break; }
          }
        }
        if (pending && performance.now() < deadline) return setTimeout(check, 20);
        const wall = (performance.now() - t0) / 1000;
        if (state.webapp) return drainReads(wall, performance.now() + drain * 1000);
        report(wall, null);
      };
      // the reads the edits caused are part of their cost: wait (at most ``drain`` s) until answered
      const drainReads = (wall, until) => {
        if (state.clients.some((c) => c.webapp.busy()) && performance.now() < until) {
          return setTimeout(() => drainReads(wall, until), 20);
        }
        const r = state.webapp.reads;
        report(wall, {
          variant: state.webapp.variant, issued: r.issued, answered: r.answered, failed: r.failed,
          unanswered: r.issued - r.answered - r.failed, by_key: { ...r.byKey }, latency_ms: summary(r.latencies),
          drain_s: Math.round(((performance.now() - t0) / 1000 - wall) * 100) / 100,
        });
      };
      const report = (wall, rest) => {
        const cpu = process.cpuUsage(cpu0);
        const elapsed = (performance.now() - t0) / 1000; // the edits, their settling and any reads' drain
        state.phase = null;
        let expected = 0; let delivered = 0; const fanout = [];
        for (let k = 0; k < edits; k += 1) {
          if (!phase.acked[k]) continue;
          expected += state.clients.length;
          delivered += phase.received[k];
          if (phase.received[k] === state.clients.length) fanout.push(phase.fanout[k]);
        }
        let gaps = 0; let dups = 0;
        for (const c of state.clients) { gaps += c.gaps; dups += c.dups; }
        resolve({
          clients: state.clients.length, rate, duration, edits_planned: edits,
          edits_sent: edits - busySkips, edits_acked: phase.acked.reduce((a, b) => a + b, 0),
          errors: phase.errors, busy_skips: busySkips,
          deliveries_expected: expected, deliveries: delivered, lost: expected - delivered, seq_gaps: gaps,
          duplicates: dups, disconnects: state.disconnects - disconnectsBefore,
          latency_ms: summary(phase.latencies), fanout_ms: summary(fanout), ack_ms: summary(phase.ackLatencies),
          ...(samples ? { fanout_samples: fanout.map((x) => Math.round(x * 1000) / 1000),
                          latency_samples: phase.latencies.map((x) => Math.round(x * 1000) / 1000) } : {}),
          writer_lag_ms: summary(phase.lag),
          harness_cpu_pct: Math.round(((cpu.user + cpu.system) / 1e6 / elapsed) * 1000) / 10,
          wall_s: Math.round(wall * 100) / 100,
          ...(rest ? { rest } : {}),
        });
      };
      check();
    };
    sendNext();
  });
}

async function handle(msg) {
  switch (msg.cmd) {
    case "setup":
      Object.assign(state, {
        url: msg.url, token: msg.token, writerToken: msg.writerToken || msg.token, initiative: msg.initiative,
        since: msg.since ?? null, clientKind: msg.clientKind || "raw",
        cards: msg.cards.map((c) => ({ ...c })),
      });
      if (msg.webapp) {
        if (state.clientKind !== "raw") throw new Error("web app clients are raw receivers");
        state.webapp = { ...msg.webapp, rules: webapp.loadRules(msg.webapp.variant, msg.webapp.bundle),
                         reads: new webapp.Reads() };
      }
      return { ok: true };
    case "connect":
      if (msg.since !== undefined) state.since = msg.since;
      return { ok: true, ...(await connect(msg.total, msg.batch)) };
    case "run":
      return { ok: true, ...(await run(msg.rate, msg.duration, msg.settle ?? 5, !!msg.samples, msg.drain ?? 20)) };
    case "close":
      for (const c of state.clients) {
        c.socket.disconnect();
        if (c.webapp) c.webapp.close();
      }
      if (state.writer) state.writer.disconnect();
      reply({ ok: true });
      setTimeout(() => process.exit(0), 100);
      return null;
    default:
      throw new Error(`unknown command ${msg.cmd}`);
  }
}

const rl = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
rl.on("line", (line) => {
  if (!line.trim()) return;
  queue = queue.then(async () => {
    try {
      const out = await handle(JSON.parse(line));
      if (out) reply(out);
    } catch (err) {
      reply({ ok: false, error: String(err && err.stack ? err.stack : err) });
    }
  });
});
rl.on("close", () => process.exit(0));
