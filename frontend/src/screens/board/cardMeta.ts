import type { Card, ExperimentStatus, ObservationKind } from "../../types";
import { cardLabel } from "../../lib/format";

export const OBS_KINDS: { value: ObservationKind; label: string }[] = [
  { value: "pain_point", label: "Pain point" },
  { value: "workaround", label: "Workaround" },
  { value: "quote", label: "Quote" },
  { value: "delight", label: "Delight" },
  { value: "idea", label: "Idea" },
];
export const OBS_KIND_LABEL = Object.fromEntries(OBS_KINDS.map((k) => [k.value, k.label])) as Record<ObservationKind, string>;

export const STATUSES: { value: ExperimentStatus; label: string; hint: string }[] = [
  { value: "draft", label: "Draft", hint: "Shaping the test card" },
  { value: "proposed", label: "Proposed", hint: "Ready for KPIs and budget" },
  { value: "running", label: "Running", hint: "KPIs agreed, budget approved" },
  { value: "concluded", label: "Concluded", hint: "Learning recorded" },
  { value: "parked", label: "Parked", hint: "On hold" },
];
export const STATUS_LABEL = Object.fromEntries(STATUSES.map((s) => [s.value, s.label])) as Record<ExperimentStatus, string>;

export const DECISIONS = ["persevere", "pivot", "stop", "scale"] as const;

export type ContainerId = "observation" | "story" | `exp:${ExperimentStatus}`;

export function containerOf(card: Card): ContainerId {
  if (card.kind === "experiment") return `exp:${(card.status ?? "draft") as ExperimentStatus}`;
  return card.kind;
}

export const KIND_LABEL = { observation: "Observation", story: "Story", experiment: "Experiment" } as const;

export function cardAriaLabel(card: Card): string {
  const extra = card.kind === "experiment" ? `, ${STATUS_LABEL[card.status ?? "draft"]}` :
    card.kind === "observation" && card.observation_kind ? `, ${OBS_KIND_LABEL[card.observation_kind]}` : "";
  const by = card.author ? `${card.author.name} (${card.side})` : `the ${card.side} side`;
  return `${KIND_LABEL[card.kind]}${extra}: ${cardLabel(card)} — by ${by}`;
}
