// The reset link's page (`/reset-password?token=…`): a new password, typed twice; it signs this browser in.
import { useState, type FormEvent } from "react";
import { ApiError, errorMessage, fieldMessages, post } from "../../api";
import { PasswordField } from "../../components/PasswordField";
import { useToast } from "../../components/Toasts";
import { passwordProblem } from "../../lib/password";
import { Link, navigate, paths, useLocation, useTitle } from "../../router";
import { useSession } from "../../session";
import { PublicFrame } from "./PublicFrame";

export function ResetPassword() {
  useTitle("Choose a new password");
  const { query } = useLocation();
  const token = query.get("token") ?? "";
  const { signedIn } = useSession();
  const toast = useToast();
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [invalid, setInvalid] = useState(!token);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = passwordProblem(password);
    const f: Record<string, string> = {};
    if (problem) f.password = problem;
    else if (again !== password) f.again = "The two passwords are not the same.";
    setFields(f);
    setError(null);
    if (Object.keys(f).length) return;
    setBusy(true);
    try {
      const body = await post<{ csrf_token: string }>("/auth/password-reset/confirm", { token, password });
      await signedIn(body.csrf_token);
      toast.show({ message: "Your new password is set and you are signed in. Your other browsers were signed out.", tone: "success" });
      navigate(paths.home, true);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.code === "reset_link_invalid")) setInvalid(true);
      else {
        const fm = fieldMessages(err);
        setFields(fm);
        setError(Object.keys(fm).length ? null : errorMessage(err));
      }
      setBusy(false);
    }
  }

  if (invalid) {
    return (
      <PublicFrame>
        <div className="public-card">
          <h1>This reset link no longer works</h1>
          <p className="public-intro">{token
            ? "It was used already, a newer link replaced it, or its hour is over."
            : "The link is incomplete: open it straight from the e-mail, or ask for a new one."}</p>
          <div className="public-actions">
            <Link to="/signin" className="button ghost">Back to sign in</Link>
            <Link to={paths.forgotPassword} className="button primary">Get a new link</Link>
          </div>
        </div>
      </PublicFrame>
    );
  }

  return (
    <PublicFrame>
      <div className="public-card">
        <h1>Choose a new password</h1>
        <form onSubmit={submit} noValidate>
          <p className="muted public-intro">Setting it signs you in here and signs your account out everywhere else.</p>
          {error && <div className="form-error" role="alert">{error}</div>}
          <PasswordField label="New password" value={password} onChange={(v) => { setPassword(v); setFields(({ password: _, ...rest }) => rest); }} error={fields.password} autoFocus />
          <div className="field">
            <label htmlFor="reset-again">Confirm password</label>
            <input id="reset-again" type="password" name="password-again" autoComplete="new-password" value={again} maxLength={256}
                   onChange={(e) => setAgain(e.target.value)} aria-invalid={!!fields.again}
                   aria-describedby={fields.again ? "reset-again-error" : undefined} />
            {fields.again && <span className="field-error" id="reset-again-error" role="alert">{fields.again}</span>}
          </div>
          <button type="submit" className="button primary wide" disabled={busy}>{busy ? "Saving…" : "Set new password"}</button>
        </form>
      </div>
    </PublicFrame>
  );
}
