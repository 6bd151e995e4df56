// Clients that behave like the web app on a board (docs/performance.md, "Web app clients"): after
// each event a client makes the REST reads the web app makes, by the rules of a variant —
//   "after":  frontend/src/lib/refetch.ts itself, bundled for Node at bench time (bench/run.py);
//   "before": the web app at commit 7109d78 (./before_rules.js).
// Like a browser, each client has its own keep-alive connections to the server, at most 6 at once
// (Chromium's limit per host; more reads wait for one), and debounces each read under its key as
// useBoard does: a read due again before it was sent is sent once.
"use strict";

const http = require("http");
const { performance } = require("perf_hooks");

const BROWSER_CONNECTIONS = 6;

function loadRules(variant, bundle) {
  if (variant === "before") return require("./before_rules.js").refreshesAfter;
  if (variant === "after") return require(bundle).refreshesAfter;
  throw new Error(`unknown web app variant ${variant}`);
}

/** What every client of one process read during a phase. */
class Reads {
  constructor() { this.reset(); }

  reset() {
    this.issued = 0; this.answered = 0; this.failed = 0; this.latencies = []; this.byKey = {};
  }
}

/** One browser's REST side: reads after events, by the variant's rules. */
class WebApp {
  constructor({ url, token, board, rules, reads }) {
    Object.assign(this, { url, token, board, rules, reads });
    this.agent = new http.Agent({ keepAlive: true, maxSockets: BROWSER_CONNECTIONS });
    this.timers = new Map();
    this.inflight = 0;
  }

  /** A board event arrived (its wire form). */
  onEvent(event) {
    for (const r of this.rules(event, this.board)) {
      clearTimeout(this.timers.get(r.key));
      this.timers.set(r.key, setTimeout(() => { this.timers.delete(r.key); this.read(r); }, r.delayMs));
    }
  }

  read(r) {
    const reads = this.reads;
    reads.issued += 1;
    reads.byKey[r.key] = (reads.byKey[r.key] || 0) + 1;
    this.inflight += 1;
    const t0 = performance.now();
    let settled = false;
    const done = (ok) => {
      if (settled) return;
      settled = true;
      this.inflight -= 1;
      if (ok) { reads.answered += 1; reads.latencies.push(performance.now() - t0); } else reads.failed += 1;
    };
    const req = http.get(`${this.url}/api/v1${r.path}`, {
      agent: this.agent, headers: { Authorization: `Bearer ${this.token}`, Accept: "application/json" },
    }, (res) => {
      res.on("end", () => done(res.statusCode < 400));
      res.on("error", () => done(false));
      res.resume(); // the body is read in full, as the browser does, and dropped
    });
    req.on("error", () => done(false));
  }

  busy() {
    return this.inflight > 0 || this.timers.size > 0;
  }

  close() {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.agent.destroy();
  }
}

/** Parse an `event` frame (`42["event",{…}]`) into the event. */
function eventOf(buf) {
  return JSON.parse(buf.toString("utf8", 2))[1];
}

module.exports = { Reads, WebApp, eventOf, loadRules };
