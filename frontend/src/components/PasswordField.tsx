// A new password's field with the rules beside it, ticked as you type (the server has the last word).
import { useId } from "react";
import { passwordRules } from "../lib/password";
import { Check, Circle, Close } from "./Icons";
import "./people.css";

export function PasswordField({ label, value, onChange, who, error, autoFocus, name = "password" }: {
  label: string; value: string; onChange(v: string): void; who?: { email?: string; name?: string };
  error?: string | null; autoFocus?: boolean; name?: string;
}) {
  const id = useId();
  const known = passwordRules(value, who);
  // the server refused a password that meets every rule the browser knows: it is a commonly used one
  const rules = error && value && known.every((r) => r.ok !== false)
    ? known.map((r) => (r.key === "common" ? { ...r, ok: false } : r)) : known;
  return (
    <div className="field">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input id={`${id}-input`} type="password" name={name} autoComplete="new-password" value={value} autoFocus={autoFocus}
             onChange={(e) => onChange(e.target.value)} aria-invalid={!!error} maxLength={256}
             aria-describedby={`${id}-rules${error ? ` ${id}-error` : ""}`} required />
      {error && <span className="field-error" id={`${id}-error`} role="alert">{error}</span>}
      <ul className="password-rules" id={`${id}-rules`} aria-label="Password rules">
        {rules.map((r) => (
          <li key={r.key} className={r.ok === true ? "ok" : r.ok === false ? "broken" : ""}>
            {r.ok === true ? <Check size={13} /> : r.ok === false ? <Close size={13} /> : <Circle size={13} />}
            <span>{r.text}{r.ok === true ? <span className="visually-hidden"> (met)</span> : r.ok === false ? <span className="visually-hidden"> (not met)</span> : null}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
