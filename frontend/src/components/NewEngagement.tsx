// "Start a new engagement": its name, both organisations and my side. I become its first admin; the other
// side joins by invitation. Inline on the first-run screen, in a dialog from the top bar.
import { useId, useState, type FormEvent } from "react";
import { errorMessage, fieldMessages, post } from "../api";
import { navigate, paths } from "../router";
import { useSession } from "../session";
import type { EngagementDetail, Side } from "../types";
import { Dialog } from "./Dialog";
import { useToast } from "./Toasts";
import "./people.css";

export function NewEngagementForm({ onCancel, onCreated, autoFocus }: {
  onCancel?(): void; onCreated?(e: EngagementDetail): void; autoFocus?: boolean;
}) {
  const id = useId();
  const { refresh } = useSession();
  const toast = useToast();
  const [name, setName] = useState("");
  const [buyer, setBuyer] = useState("");
  const [provider, setProvider] = useState("");
  const [side, setSide] = useState<Side | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!name.trim()) missing.name = "Name the engagement.";
    if (!buyer.trim()) missing.buyer_name = "Name the buyer organisation.";
    if (!provider.trim()) missing.provider_name = "Name the provider organisation.";
    if (!side) missing.side = "Choose the side you are on.";
    setFields(missing);
    setError(null);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      const created = await post<EngagementDetail>("/engagements",
        { name: name.trim(), buyer_name: buyer.trim(), provider_name: provider.trim(), side });
      await refresh();
      toast.show({ message: `“${created.name}” is ready. Invite the ${side === "buyer" ? "provider" : "buyer"} side from Settings.`, tone: "success" });
      onCreated?.(created);
      navigate(paths.initiatives(created.id));
    } catch (err) {
      const f = fieldMessages(err);
      setFields(f);
      setError(Object.keys(f).length ? "Check the fields marked below." : errorMessage(err));
      setBusy(false);
    }
  }

  const fieldError = (key: string) => fields[key]
    ? <span className="field-error" id={`${id}-${key}-error`} role="alert">{fields[key]}</span> : null;
  const described = (key: string) => (fields[key] ? `${id}-${key}-error` : undefined);

  return (
    <form className="new-engagement" onSubmit={submit} noValidate>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="field">
        <label htmlFor={`${id}-name`}>Engagement name</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus={autoFocus}
               placeholder="e.g. Collections" aria-invalid={!!fields.name} aria-describedby={described("name")} />
        {fieldError("name")}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-buyer`}>Buyer organisation</label>
          <input id={`${id}-buyer`} value={buyer} onChange={(e) => setBuyer(e.target.value)} maxLength={200}
                 placeholder="e.g. Northwind Consumer Finance" aria-invalid={!!fields.buyer_name} aria-describedby={described("buyer_name")} />
          {fieldError("buyer_name")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-provider`}>Provider organisation</label>
          <input id={`${id}-provider`} value={provider} onChange={(e) => setProvider(e.target.value)} maxLength={200}
                 placeholder="e.g. Brightline Contact Services" aria-invalid={!!fields.provider_name} aria-describedby={described("provider_name")} />
          {fieldError("provider_name")}
        </div>
      </div>
      <fieldset className="side-choice" aria-describedby={described("side")}>
        <legend>Your side</legend>
        {(["buyer", "provider"] as Side[]).map((s) => {
          const org = (s === "buyer" ? buyer : provider).trim();
          return (
            <label key={s} className={`side-option side-${s} ${side === s ? "on" : ""}`}>
              <input type="radio" name={`${id}-side`} value={s} checked={side === s} onChange={() => setSide(s)} />
              <span><strong>{s === "buyer" ? "Buyer" : "Provider"}</strong>{org && <span className="side-option-org"> · {org}</span>}</span>
            </label>
          );
        })}
        {fieldError("side")}
      </fieldset>
      <p className="muted small">You become the engagement's first admin and invite everyone else, on both sides. Your side cannot change later.</p>
      <div className="form-actions">
        {onCancel && <button type="button" className="button ghost" onClick={onCancel}>Cancel</button>}
        <button type="submit" className="button primary" disabled={busy}>{busy ? "Creating…" : "Create engagement"}</button>
      </div>
    </form>
  );
}

export function NewEngagementDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="New engagement" onClose={onClose} labelledBy="new-engagement-title">
      <NewEngagementForm onCancel={onClose} onCreated={onClose} autoFocus />
    </Dialog>
  );
}
