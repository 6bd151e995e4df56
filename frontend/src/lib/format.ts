// Small formatting helpers shared by the screens.
import type { BoardEvent, Card } from "../types";
import { describeWorkshopEvent } from "./workshop";

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return "?";
  if (parts.length === 1) return parts[0].slice(0, 2).toUpperCase();
  return (parts[0][0] + parts[parts.length - 1][0]).toUpperCase();
}

export function money(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return "";
  try {
    return new Intl.NumberFormat("en-GB", { style: "currency", currency, maximumFractionDigits: amount % 1 ? 2 : 0 }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** Milliseconds since the epoch of a server timestamp (one without a zone is UTC); NaN if unreadable. */
export function parseInstant(iso: string): number {
  return Date.parse(iso.endsWith("Z") || /[+-]\d\d:?\d\d$/.test(iso) ? iso : iso + "Z");
}

export function timeAgo(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return "";
  const t = parseInstant(iso);
  if (Number.isNaN(t)) return "";
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 45) return "just now";
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  if (d < 14) return `${d} d ago`;
  return new Date(t).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
}

export function shortDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  return Number.isNaN(t) ? "" : new Date(t).toLocaleDateString("en-GB", { day: "numeric", month: "short" });
}

export function cardLabel(card: Partial<Card> | undefined | null): string {
  if (!card) return "a card";
  const text = (card.kind === "observation" ? card.text : card.title) ?? "";
  return text.length > 60 ? text.slice(0, 57).trimEnd() + "…" : text;
}

const KIND_NAME: Record<string, string> = { observation: "an observation", story: "a story", experiment: "an experiment" };

/** One line for the activity feed: what the actor did. */
export function describeEvent(event: BoardEvent, known: (id: string) => Partial<Card> | undefined): string {
  const q = (s: string) => `“${s}”`;
  switch (event.type) {
    case "card.created":
      return `added ${KIND_NAME[event.data.kind] ?? "a card"} ${q(cardLabel(event.data))}`;
    case "card.updated": {
      const d = event.data;
      const changed = d.changed ?? [];
      if (changed.includes("status")) return `moved ${q(cardLabel(d))} to ${d.status}`;
      if (changed.includes("evidence")) return `updated the evidence of ${q(cardLabel(d))}`;
      if (changed.includes("cluster_id")) return d.cluster_id ? `clustered ${q(cardLabel(d))}` : `took ${q(cardLabel(d))} out of its cluster`;
      if (changed.length === 1 && changed[0] === "lane_position") return `reordered ${q(cardLabel(d))}`;
      if (changed.includes("told") && d.told) return `told the story ${q(cardLabel(d))} to the sponsor`;
      if (changed.includes("published") && d.published) return `published the learning of ${q(cardLabel(d))}`;
      return `edited ${q(cardLabel(d))}`;
    }
    case "card.deleted":
      return `deleted ${q(cardLabel(known(event.data.id)))}`;
    case "card.restored":
      return `restored ${q(cardLabel(event.data))}`;
    case "comment.created":
      return `commented ${q((event.data.text ?? "").slice(0, 80))}`;
    case "kpi.created":
      return `added the KPI ${q(event.data.name)}`;
    case "kpi.updated":
      return `edited the KPI ${q(event.data.name)}`;
    case "kpi.deleted":
      return `deleted the KPI ${q(event.data.name)}`;
    case "kpi.measured": {
      const { kpi, measurement } = event.data;
      return `measured ${q(kpi.name)} at ${measurement.value}${kpi.unit ? ` ${kpi.unit}` : ""}`;
    }
    case "kpi.measurement_deleted":
      return `removed a measurement of ${q(event.data.kpi.name)}`;
    case "kpis.agreed":
      return `agreed the KPIs for the ${event.data.side} side`;
    case "kpis.agreement_withdrawn":
      return "changed the KPIs, so both sides must agree again";
    case "grant.created":
      return `granted ${event.data.scope} access`;
    case "grant.revoked":
      return `revoked ${event.data.scope} access`;
    case "shadowing.created":
      return `started shadowing ${event.data.host}`;
    case "shadowing.updated":
      return `updated the shadowing session with ${event.data.host}`;
    case "budget.requested": {
      const d = event.data;
      return `requested ${money(d.amount, d.currency)}${d.purpose ? ` — ${d.purpose}` : ""}`;
    }
    case "budget.decided": {
      const d = event.data;
      return d.status === "approved"
        ? `approved ${money(d.approved_amount ?? d.amount, d.currency)} of ${money(d.amount, d.currency)}`
        : `rejected a request for ${money(d.amount, d.currency)}`;
    }
    case "budget.learning":
      return `wrote the learning of tranche ${event.data.tranche ?? 1}`;
    case "spend.recorded": {
      const d = event.data;
      return `recorded ${money(d.amount, d.currency)} spent${d.note ? ` — ${d.note}` : ""}`;
    }
    case "library.proposed":
      return `proposed the learning of ${q(event.data.title)} for the library`;
    case "library.decided": {
      const d = event.data;
      return d.status === "approved" ? `approved the learning ${q(d.title)} for the library`
        : `declined sharing the learning ${q(d.title)}${d.decision_comment ? ` — ${d.decision_comment}` : ""}`;
    }
    case "power_ups.changed": { // derived by the server from the write before it: no actor
      const d = event.data;
      return `moved the power-ups to courage ${d.courage.level}, budget ${d.budget.level}, story ${d.story.level}`;
    }
    case "initiative.created":
      return `started the initiative ${q(event.data.title)}`;
    case "initiative.updated":
      return `updated the initiative (${event.data.status})`;
    case "snapshot":
      return "loaded the board";
    default:
      return describeWorkshopEvent(event, (id) => cardLabel(known(id))) ?? (event.type as string).replace(".", " ");
  }
}

/** How long until `iso`: "in 6 days", "in 5 h", "in 12 min"; "" once it has passed. */
export function timeUntil(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return "";
  const t = Date.parse(iso.endsWith("Z") || /[+-]\d\d:?\d\d$/.test(iso) ? iso : iso + "Z");
  if (Number.isNaN(t) || t <= now) return "";
  const m = Math.max(1, Math.round((t - now) / 60000));
  if (m < 60) return `in ${m} min`;
  const h = Math.round(m / 60);
  if (h < 48) return `in ${h} h`;
  return `in ${Math.round(h / 24)} days`;
}

/** "3 Dec 2026, 14:05" in the browser's time zone. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const t = Date.parse(iso.endsWith("Z") || /[+-]\d\d:?\d\d$/.test(iso) ? iso : iso + "Z");
  return Number.isNaN(t) ? "" : new Date(t).toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}
