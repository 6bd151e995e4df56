// Names for writes: the server applies a write once per name, however often it is resent (a socket
// write's `op_id`, a REST write's `Idempotency-Key`), and names its events with it.

/** A fresh id for one write. */
export const newOpId = (): string =>
  typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
