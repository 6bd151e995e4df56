// "Forgot password?": an e-mail with a single-use reset link. The server answers the same for every address.
import { useState, type FormEvent } from "react";
import { ApiError, errorMessage, post } from "../../api";
import { Link, useLocation, useTitle } from "../../router";
import { PublicFrame } from "./PublicFrame";

export function ForgotPassword() {
  useTitle("Reset your password");
  const { query } = useLocation();
  const [email, setEmail] = useState(query.get("email") ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) return setError("Enter the e-mail address of your account.");
    setBusy(true);
    setError(null);
    try {
      const body = await post<{ message: string }>("/auth/password-reset", { email: email.trim() });
      setSent(body?.message || "If an account uses that address, an e-mail with a reset link is on its way.");
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setError("Too many requests for now. Wait a few minutes, then try again.");
      else if (err instanceof ApiError && err.status === 422) setError("Enter a valid e-mail address.");
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <PublicFrame>
      <div className="public-card">
        <h1>Reset your password</h1>
        {sent ? (
          <>
            <div className="public-note" role="status"><p>{sent}</p></div>
            <p className="muted small">Not there after a few minutes? Look in the spam folder, then try again.</p>
            <div className="public-actions">
              <button type="button" className="button ghost" onClick={() => setSent(null)}>Use another address</button>
              <Link to="/signin" className="button primary">Back to sign in</Link>
            </div>
          </>
        ) : (
          <form onSubmit={submit} noValidate>
            <p className="muted public-intro">Enter the e-mail address of your account: we send you a link to choose a new password.</p>
            {error && <div className="form-error" role="alert">{error}</div>}
            <label className="field">
              <span>Email</span>
              <input type="email" name="email" autoComplete="username" value={email} autoFocus required
                     onChange={(e) => setEmail(e.target.value)} aria-invalid={!!error} />
            </label>
            <button type="submit" className="button primary wide" disabled={busy}>{busy ? "Sending…" : "Send reset link"}</button>
            <p className="public-foot small"><Link to="/signin">Back to sign in</Link></p>
          </form>
        )}
      </div>
    </PublicFrame>
  );
}
