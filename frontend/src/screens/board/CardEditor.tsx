// In-place editor of a card. Enter saves (Shift+Enter: new line; Ctrl+Enter in long fields), Escape cancels.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { errorMessage, post } from "../../api";
import { useToast } from "../../components/Toasts";
import type { Values } from "../../lib/conflict";
import { money } from "../../lib/format";
import { NumberInputError, readNumbers } from "../../lib/numbers";
import type { BudgetRequest, Card } from "../../types";
import { DECISIONS, KIND_LABEL, OBS_KINDS } from "./cardMeta";

interface Props {
  card: Card;
  draft: Values;
  onChange(draft: Values): void;
  onSave(): void;
  onCancel(): void;
  observations: Card[];
  /** stories an experiment may cite */
  stories?: Card[];
  /** for a running experiment: conclude it with the learning card (opens the learning dialog) */
  onConclude?(): void;
  budget: BudgetRequest[];
  changedMeanwhile: string | null;
  busy: boolean;
}

export function CardEditor({ card, draft, onChange, onSave, onCancel, observations, stories, onConclude, budget, changedMeanwhile, busy }: Props) {
  const first = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  useEffect(() => {
    const el = first.current;
    if (el) {
      el.focus();
      const n = el.value.length;
      el.setSelectionRange?.(n, n);
    }
  }, []);
  const set = (field: keyof Card, value: unknown) => onChange({ ...draft, [field]: value });
  const str = (field: keyof Card) => (draft[field] as string | null | undefined) ?? "";

  const keys = (multiline: boolean) => (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey || (!multiline && !e.shiftKey))) {
      e.preventDefault();
      onSave();
    }
  };
  const submit = (e: FormEvent) => { e.preventDefault(); onSave(); };

  return (
    <form className={`card card-editor card-${card.kind} side-${card.side}`} onSubmit={submit}
          aria-label={`Edit ${KIND_LABEL[card.kind].toLowerCase()}`} onKeyDown={(e) => { if (e.key === "Escape") { e.preventDefault(); onCancel(); } }}>
      <div className="editor-head">
        <span className="kind-pill">Editing {KIND_LABEL[card.kind].toLowerCase()}</span>
        <span className="muted tiny"><kbd>Enter</kbd> save · <kbd>Esc</kbd> cancel</span>
      </div>
      {changedMeanwhile && (
        <p className="editor-warning" role="status">{changedMeanwhile} changed this card while you were editing. When you save, you choose what to keep.</p>
      )}
      {card.kind === "observation" && (
        <>
          <label className="field compact"><span>Observation text</span>
            <textarea ref={first} value={str("text")} rows={3} onChange={(e) => set("text", e.target.value)} onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); onSave(); } else keys(true)(e);
            }} />
          </label>
          <label className="field compact"><span>Kind</span>
            <select value={str("observation_kind") || "pain_point"} onChange={(e) => set("observation_kind", e.target.value)} onKeyDown={keys(false)}>
              {OBS_KINDS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
            </select>
          </label>
        </>
      )}
      {card.kind === "story" && (
        <>
          <label className="field compact"><span>Title</span><input ref={first} value={str("title")} onChange={(e) => set("title", e.target.value)} onKeyDown={keys(false)} maxLength={200} /></label>
          <label className="field compact"><span>Persona</span><input value={str("persona")} onChange={(e) => set("persona", e.target.value)} onKeyDown={keys(false)} placeholder="Who is the customer?" /></label>
          <label className="field compact"><span>Situation</span><textarea rows={2} value={str("situation")} onChange={(e) => set("situation", e.target.value)} onKeyDown={keys(true)} /></label>
          <label className="field compact"><span>Struggle</span><textarea rows={2} value={str("struggle")} onChange={(e) => set("struggle", e.target.value)} onKeyDown={keys(true)} /></label>
          <label className="field compact"><span>Outcome</span><textarea rows={2} value={str("outcome")} onChange={(e) => set("outcome", e.target.value)} onKeyDown={keys(true)} /></label>
          <EvidencePicker cards={observations} noun="observations" selected={(draft.evidence as string[] | undefined) ?? []} onChange={(ids) => set("evidence", ids)} />
          <label className="check"><input type="checkbox" checked={!!draft.told} onChange={(e) => set("told", e.target.checked)} /> Told to the sponsor</label>
        </>
      )}
      {card.kind === "experiment" && (
        <>
          <label className="field compact"><span>Title</span><input ref={first} value={str("title")} onChange={(e) => set("title", e.target.value)} onKeyDown={keys(false)} maxLength={200} /></label>
          <fieldset className="test-card-fields">
            <legend>Test card</legend>
            <label className="field compact"><span>Hypothesis</span><textarea rows={2} placeholder="We believe…" value={str("hypothesis")} onChange={(e) => set("hypothesis", e.target.value)} onKeyDown={keys(true)} /></label>
            <label className="field compact"><span>Test</span><textarea rows={2} placeholder="To verify, we will…" value={str("test")} onChange={(e) => set("test", e.target.value)} onKeyDown={keys(true)} /></label>
            <label className="field compact"><span>Metric</span><textarea rows={2} placeholder="And measure…" value={str("metric")} onChange={(e) => set("metric", e.target.value)} onKeyDown={keys(true)} /></label>
            <label className="field compact"><span>Criterion</span><textarea rows={2} placeholder="We are right if…" value={str("criterion")} onChange={(e) => set("criterion", e.target.value)} onKeyDown={keys(true)} /></label>
            <label className="field compact"><span>Audience</span>
              <select value={str("audience") || "staff"} onChange={(e) => set("audience", e.target.value)} onKeyDown={keys(false)}>
                <option value="staff">Staff</option><option value="customers">Customers</option>
              </select>
            </label>
          </fieldset>
          {stories && (
            <EvidencePicker cards={stories} noun="stories" selected={(draft.evidence as string[] | undefined) ?? []} onChange={(ids) => set("evidence", ids)} />
          )}
          {(card.status === "running" || card.status === "concluded" || draft.learned || draft.observed) && (
            <fieldset className="test-card-fields">
              <legend>Learning card</legend>
              <label className="field compact"><span>Observed</span><textarea rows={2} value={str("observed")} onChange={(e) => set("observed", e.target.value)} onKeyDown={keys(true)} /></label>
              <label className="field compact"><span>Learned</span><textarea rows={2} value={str("learned")} onChange={(e) => set("learned", e.target.value)} onKeyDown={keys(true)} /></label>
              <label className="field compact"><span>Decision</span>
                <select value={str("decision")} onChange={(e) => set("decision", e.target.value || null)} onKeyDown={keys(false)}>
                  <option value="">Not decided</option>
                  {DECISIONS.map((d) => <option key={d} value={d}>{d[0].toUpperCase() + d.slice(1)}</option>)}
                </select>
              </label>
              {card.status === "concluded" && (
                <label className="check"><input type="checkbox" checked={!!draft.published} onChange={(e) => set("published", e.target.checked)} /> Publish the learning in the sponsor report</label>
              )}
              {card.status === "running" && onConclude && (
                <button type="button" className="button small conclude-button" onClick={onConclude}>Conclude the experiment…</button>
              )}
            </fieldset>
          )}
          <BudgetBox card={card} budget={budget} />
        </>
      )}
      <div className="editor-actions">
        <button type="button" className="button ghost small" onClick={onCancel}>Cancel</button>
        <button type="submit" className="button primary small" disabled={busy}>{busy ? "Saving…" : "Save"}</button>
      </div>
    </form>
  );
}

/** Link the cards a story or an experiment cites (observations or stories). */
function EvidencePicker({ cards, noun, selected, onChange }: { cards: Card[]; noun: "observations" | "stories"; selected: string[]; onChange(ids: string[]): void }) {
  const [filter, setFilter] = useState("");
  const id = useId();
  const label = (o: Card) => (o.kind === "observation" ? o.text : o.title) ?? "";
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return cards.filter((o) => !f || label(o).toLowerCase().includes(f) || (o.tags ?? []).some((t) => t.includes(f.replace(/^#/, ""))));
  }, [cards, filter]);
  const toggle = (oid: string) => onChange(selected.includes(oid) ? selected.filter((x) => x !== oid) : [...selected, oid]);
  return (
    <fieldset className="evidence-picker">
      <legend>Evidence <span className="muted">({selected.length} linked)</span></legend>
      <label htmlFor={id} className="visually-hidden">Filter {noun}</label>
      <input id={id} type="search" placeholder={noun === "stories" ? "Filter stories" : "Filter observations or #tags"} value={filter} onChange={(e) => setFilter(e.target.value)} />
      <ul className="evidence-list" aria-label={noun === "stories" ? "Stories to cite" : "Observations to cite"}>
        {shown.map((o) => (
          <li key={o.id}>
            <label className={`check side-${o.side}`}>
              <input type="checkbox" checked={selected.includes(o.id)} onChange={() => toggle(o.id)} />
              <span className="evidence-text">{label(o)}</span>
            </label>
          </li>
        ))}
        {shown.length === 0 && <li className="muted small">{cards.length ? `No ${noun} match.` : `No ${noun} on this board yet.`}</li>}
      </ul>
    </fieldset>
  );
}

function BudgetBox({ card, budget }: { card: Card; budget: BudgetRequest[] }) {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState(budget[0]?.currency ?? "GBP");
  const [purpose, setPurpose] = useState("");
  const [tranche, setTranche] = useState("");
  const [busy, setBusy] = useState(false);
  const tranches = [...budget].sort((a, b) => (a.tranche ?? 1) - (b.tranche ?? 1));
  async function request(e: FormEvent) {
    e.preventDefault();
    e.stopPropagation();
    setBusy(true);
    try {
      const { amount: value } = readNumbers({ amount: { text: amount, label: "Amount" } });
      await post(`/cards/${card.id}/budget-requests`, { amount: value, currency, purpose, ...(tranche ? { tranche: Number(tranche) } : {}) });
      toast.show({ message: "Budget requested — the sponsors see it in their inbox.", tone: "success" });
      setOpen(false); setAmount(""); setPurpose(""); setTranche("");
    } catch (err) {
      toast.error(err instanceof NumberInputError ? err.message : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="budget-box" aria-label="Budget">
      <h4>Budget</h4>
      {budget.length === 0 && <p className="muted small">No budget requested.</p>}
      <ul className="budget-list">
        {tranches.map((b) => (
          <li key={b.id} className={`budget-${b.status}`}>
            <span className="muted">Tranche {b.tranche ?? 1} · </span>
            <strong>{money(b.amount, b.currency)}</strong> {b.status === "approved" && b.approved_amount !== b.amount ? `(${money(b.approved_amount, b.currency)} approved)` : b.status}
            {b.purpose && <span className="muted"> — {b.purpose}</span>}
            {b.status === "approved" && <TrancheLearning request={b} />}
          </li>
        ))}
      </ul>
      {!open ? (
        <button type="button" className="button ghost small" onClick={() => setOpen(true)}>Request budget</button>
      ) : (
        // not a nested <form>: the card editor is the form
        <div className="budget-form" role="group" aria-label="Request budget" onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); e.stopPropagation(); if (amount) request(e as unknown as FormEvent); } }}>
          <div className="field-row tight">
            <label className="field compact"><span>Amount</span><input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} /></label>
            <label className="field compact currency"><span>Currency</span><input value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value.toUpperCase())} /></label>
            <label className="field compact currency"><span>Tranche</span><input inputMode="numeric" value={tranche} placeholder="next" aria-describedby={`tranche-help-${card.id}`} onChange={(e) => setTranche(e.target.value.replace(/\D/g, ""))} /></label>
          </div>
          <p className="muted tiny" id={`tranche-help-${card.id}`}>Metered funding: the next tranche can be requested once the last one's learning is written.</p>
          <label className="field compact"><span>Purpose</span><input value={purpose} onChange={(e) => setPurpose(e.target.value)} /></label>
          <div className="editor-actions">
            <button type="button" className="button ghost small" onClick={() => setOpen(false)}>Cancel</button>
            <button type="button" className="button small" disabled={busy || !amount} onClick={(e) => request(e as unknown as FormEvent)}>Send request</button>
          </div>
        </div>
      )}
    </section>
  );
}

/** A funded tranche's learning card: shown once written, else written here (it opens the next tranche). */
function TrancheLearning({ request }: { request: BudgetRequest }) {
  const toast = useToast();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  if (request.learned) {
    return <p className="small tranche-learned"><span className="line-label">Learned in tranche {request.tranche ?? 1}</span> {request.learned}</p>;
  }
  async function save() {
    setBusy(true);
    try {
      await post(`/budget-requests/${encodeURIComponent(request.id)}/learning`, { learned: text });
      toast.show({ message: "Learning written — the next tranche can be requested.", tone: "success" });
      setText("");
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  // not a nested <form>: the card editor is the form
  return (
    <div className="tranche-learning" role="group" aria-label={`Learning of tranche ${request.tranche ?? 1}`}>
      <label className="field compact"><span>What tranche {request.tranche ?? 1} taught</span>
        <input value={text} onChange={(e) => setText(e.target.value)}
               onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); e.stopPropagation(); if (text.trim()) save(); } }} /></label>
      <button type="button" className="button ghost small" disabled={busy || !text.trim()} onClick={save}>Write learning</button>
    </div>
  );
}
