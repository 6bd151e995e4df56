// REST write load for `make bench`: C workers, each a keep-alive connection, POST card creates in a
// closed loop for D seconds. Prints one JSON line: creates/s, latency percentiles, status counts.
// Usage: node rest_load.js URL TOKEN INITIATIVE CONCURRENCY SECONDS
"use strict";

const http = require("http");
const { performance } = require("perf_hooks");

const [url, token, initiative, concurrencyArg, secondsArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const seconds = Number(secondsArg);
const target = new URL(`/api/v1/initiatives/${initiative}/cards`, url);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

const latencies = [];
const statuses = {};
const samples = []; // non-201 answers, a few of each status, to show what went wrong
let n = 0;

function post() {
  const body = JSON.stringify({ kind: "observation", text: `Callers repeat their account number to every agent (${n += 1})`,
    tags: ["bench", "re-keying"] });
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request(target, {
      method: "POST", agent,
      headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body),
        Authorization: `Bearer ${token}` },
    }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        latencies.push(performance.now() - t0);
        statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
        if (res.statusCode !== 201 && samples.length < 10) samples.push(`${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 300)}`);
        resolve();
      });
    });
    req.on("error", (err) => {
      statuses.error = (statuses.error || 0) + 1;
      if (samples.length < 10) samples.push(String(err));
      resolve();
    });
    req.end(body);
  });
}

async function worker(deadline) {
  while (performance.now() < deadline) await post();
}

(async () => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, () => worker(deadline)));
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const a = Float64Array.from(latencies).sort();
  const pct = (p) => (a.length ? Math.round(a[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)] * 100) / 100 : null);
  const created = statuses[201] || 0;
  process.stdout.write(JSON.stringify({
    concurrency, seconds: Math.round(wall * 100) / 100, requests: latencies.length, created,
    creates_per_s: Math.round((created / wall) * 10) / 10, non_201: latencies.length - created + (statuses.error || 0),
    statuses, samples, latency_ms: { p50: pct(50), p90: pct(90), p99: pct(99), max: pct(100) },
    harness_cpu_pct: Math.round(((cpu.user + cpu.system) / 1e6 / wall) * 1000) / 10,
  }) + "\n");
  agent.destroy();
})();
