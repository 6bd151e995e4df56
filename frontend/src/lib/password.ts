// The password rules (docs/api.md "Accounts and sign-in"), checked as you type where the browser can:
// whether a password is a commonly used one only the server knows, so that rule stays unticked until it answers.

export interface PasswordRule {
  key: "length" | "personal" | "variety" | "common";
  text: string;
  /** true met, false broken, null not known here (or nothing typed yet) */
  ok: boolean | null;
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export function passwordRules(password: string, who: { email?: string; name?: string } = {}): PasswordRule[] {
  const typed = password.length > 0;
  const lower = password.trim().toLowerCase();
  const email = (who.email ?? "").trim().toLowerCase();
  const personal = [email, email.split("@")[0], (who.name ?? "").trim().toLowerCase()].filter((s) => s.length > 0);
  return [
    { key: "length", text: `${PASSWORD_MIN}–${PASSWORD_MAX} characters`,
      ok: typed ? password.length >= PASSWORD_MIN && password.length <= PASSWORD_MAX : null },
    { key: "personal", text: "Not your e-mail address or your name", ok: typed ? !personal.includes(lower) : null },
    { key: "variety", text: "At least 5 different characters", ok: typed ? new Set(password).size >= 5 : null },
    { key: "common", text: "Not a commonly used password (the server checks)", ok: null },
  ];
}

/** The first rule this password breaks, as a sentence for the field, or null. */
export function passwordProblem(password: string, who: { email?: string; name?: string } = {}): string | null {
  if (!password) return "Choose a password.";
  const broken = passwordRules(password, who).find((r) => r.ok === false);
  if (!broken) return null;
  if (broken.key === "length") return password.length < PASSWORD_MIN
    ? `Use at least ${PASSWORD_MIN} characters.` : `Use at most ${PASSWORD_MAX} characters.`;
  if (broken.key === "personal") return "Don't use your e-mail address or your name as the password.";
  return "Use at least 5 different characters.";
}
