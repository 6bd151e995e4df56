// The REST reads the web app made after each board event before derived state was pushed: the
// rules of frontend/src/screens/board/useBoard.ts (useBoard and useBudget) and
// frontend/src/lib/boardState.ts (touchesPowerUps) at commit 7109d78, transcribed in the shape of
// today's frontend/src/lib/refetch.ts `refreshesAfter(event, board)` so one client drives either.
// Kept as the benchmark's "before" variant; the web app itself no longer has these rules.
"use strict";

// boardState.ts@7109d78: "Events that change what the power-ups count, so a client refreshes them."
function touchesPowerUps(type) {
  return /^(card|grant|shadowing|budget|spend|kpi|kpis)\./.test(type);
}

function refreshesAfter(event, board) {
  const out = [];
  const base = `/initiatives/${board.initiative}`;
  // useBoard@7109d78: each kind debounced 150 ms under its own key
  if (event.type !== "snapshot") {
    if (touchesPowerUps(event.type) && !event.type.startsWith("comment.")) {
      out.push({ key: "power_ups", path: `${base}/power-ups`, delayMs: 150 });
    }
    if (event.type.startsWith("kpi")) out.push({ key: "kpis", path: `${base}/kpis/agreement`, delayMs: 150 });
    if (event.type.startsWith("grant.")) out.push({ key: "grants", path: `${base}/access-grants`, delayMs: 150 });
    if (event.type.startsWith("shadowing.")) {
      out.push({ key: "sessions", path: `${base}/shadowing-sessions`, delayMs: 150 });
    }
  }
  // useBudget@7109d78: every budget request of the engagement, debounced 100 ms
  if ((event.type.startsWith("budget.") || event.type === "snapshot") && board.engagement) {
    out.push({ key: "budget_requests", path: `/engagements/${board.engagement}/budget-requests`, delayMs: 100 });
  }
  return out;
}

module.exports = { refreshesAfter, touchesPowerUps };
