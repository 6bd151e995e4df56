// A save met a newer version: show mine and theirs side by side, choose per field, lose nothing.
import { useMemo, useState } from "react";
import { Dialog } from "../../components/Dialog";
import { defaultChoices, diffFields, EDITABLE, merge, type Choice, type Values } from "../../lib/conflict";
import type { Card } from "../../types";

const FIELD_LABEL: Partial<Record<keyof Card, string>> = {
  text: "Text", observation_kind: "Kind", title: "Title", persona: "Persona", situation: "Situation", struggle: "Struggle",
  outcome: "Outcome", evidence: "Evidence", told: "Told to the sponsor", hypothesis: "Hypothesis", test: "Test", metric: "Metric",
  criterion: "Criterion", audience: "Audience", observed: "Observed", learned: "Learned", decision: "Decision",
  published: "Published in the sponsor report",
};

export interface ConflictState {
  card: Card;
  base: Values;
  mine: Values;
  theirs: Card;
  by?: string;
}

function show(value: unknown, labels: (id: string) => string): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.map((v) => labels(String(v))).join("; ") : "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

export function ConflictDialog({ conflict, onResolve, onEditMerged, onDiscard, labelOf }: {
  conflict: ConflictState;
  onResolve(merged: Values): void;
  onEditMerged(merged: Values): void;
  onDiscard(): void;
  labelOf(id: string): string;
}) {
  const fields = EDITABLE[conflict.card.kind];
  const theirs = conflict.theirs as unknown as Values;
  const diffs = useMemo(() => diffFields(fields, conflict.base, conflict.mine, theirs), [fields, conflict, theirs]);
  const [choices, setChoices] = useState<Record<string, Choice>>(() => defaultChoices(diffs));
  const merged = merge(fields, conflict.mine, theirs, choices);
  const choose = (field: string, c: Choice) => setChoices((all) => ({ ...all, [field]: c }));

  return (
    <Dialog title="This card changed while you were editing" onClose={() => onEditMerged(merged)} wide labelledBy="conflict-title">
      <p className="conflict-intro">
        {conflict.by ? <strong>{conflict.by}</strong> : "Someone"} saved a newer version (v{conflict.theirs.version}) before you.
        Nothing you typed is lost: for each field that differs, choose which version to keep.
      </p>
      <table className="conflict-table" aria-label="Differences between your version and the current one">
        <thead>
          <tr><th scope="col">Field</th><th scope="col">Your version</th><th scope="col">Current version</th></tr>
        </thead>
        <tbody>
          {diffs.map((d) => (
            <tr key={d.field} className={d.clash ? "clash" : ""}>
              <th scope="row">{FIELD_LABEL[d.field] ?? d.field}{d.clash && <span className="clash-tag">both changed</span>}</th>
              <td className={choices[d.field] === "mine" ? "chosen" : ""}>
                <label className="choice">
                  <input type="radio" name={`choice-${d.field}`} checked={choices[d.field] === "mine"} onChange={() => choose(d.field, "mine")}
                         aria-label={`Keep your ${FIELD_LABEL[d.field] ?? d.field}`} />
                  <span className="choice-value" data-testid={`mine-${d.field}`}>{show(d.mine, labelOf)}</span>
                </label>
              </td>
              <td className={choices[d.field] === "theirs" ? "chosen" : ""}>
                <label className="choice">
                  <input type="radio" name={`choice-${d.field}`} checked={choices[d.field] === "theirs"} onChange={() => choose(d.field, "theirs")}
                         aria-label={`Keep the current ${FIELD_LABEL[d.field] ?? d.field}`} />
                  <span className="choice-value" data-testid={`theirs-${d.field}`}>{show(d.theirs, labelOf)}</span>
                </label>
              </td>
            </tr>
          ))}
          {diffs.length === 0 && <tr><td colSpan={3} className="muted">Both versions say the same; saving changes nothing.</td></tr>}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="button ghost danger-text" onClick={onDiscard}>Discard my edit</button>
        <span className="spacer" />
        <button type="button" className="button" onClick={() => onEditMerged(merged)}>Keep editing</button>
        <button type="button" className="button primary" autoFocus onClick={() => onResolve(merged)}>Save my choices</button>
      </div>
    </Dialog>
  );
}
