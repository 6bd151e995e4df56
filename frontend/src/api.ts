// The REST client: JSON in and out, the CSRF token on every write, one error type. Every write is named
// (`Idempotency-Key`) and resent under the same name when the network failed before an answer came, so
// a write the server applied but whose answer was lost is never applied twice (docs/api.md).
import { newOpId } from "./lib/opId";
import type { ErrorBody } from "./types";

export class ApiError extends Error {
  status: number;
  code: string;
  fields?: Record<string, string[]>;
  current?: Record<string, unknown>;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.fields = body.fields;
    this.current = body.current;
  }
}

let csrfToken: string | null = null;
let onSignedOut: (() => void) | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when any request answers 401 (the session ended elsewhere). */
export function setSignedOutHandler(handler: (() => void) | null) {
  onSignedOut = handler;
}

/** Waits before resending a write whose answer never came (then the error is shown). */
export const RESEND_AFTER_MS = [400, 1500];

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const write = method !== "GET";
  if (write && csrfToken) headers["X-CSRFToken"] = csrfToken;
  if (write) headers["Idempotency-Key"] = newOpId();
  let response: Response | undefined;
  for (let attempt = 0; !response; attempt++) {
    try {
      response = await fetch(`/api/v1${path}`, {
        method,
        headers,
        credentials: "same-origin",
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      if (!write || attempt >= RESEND_AFTER_MS.length) {
        throw new ApiError(0, { code: "network", message: "The server cannot be reached. Check your connection and try again." });
      }
      await new Promise((done) => setTimeout(done, RESEND_AFTER_MS[attempt]));
    }
  }
  if (response.status === 204) return undefined as T;
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = null;
  }
  if (!response.ok) {
    const err = (payload as { error?: ErrorBody } | null)?.error ?? {
      code: "http_" + response.status,
      message: `The server answered ${response.status}.`,
    };
    if (response.status === 401 && path !== "/auth/login" && path !== "/me" && onSignedOut) onSignedOut();
    throw new ApiError(response.status, err);
  }
  return payload as T;
}

export const get = <T,>(path: string) => api<T>("GET", path);
export const post = <T,>(path: string, body: unknown = {}) => api<T>("POST", path, body);
export const patch = <T,>(path: string, body: unknown) => api<T>("PATCH", path, body);
export const del = <T = void,>(path: string) => api<T>("DELETE", path);

/** The per-field messages of a 422 (`error.fields`), joined: `{}` for any other error. */
export function fieldMessages(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || !err.fields) return {};
  return Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, (Array.isArray(v) ? v : [String(v)]).join(" ")]));
}

/** A human sentence for any error. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Upload progress: the share of the body sent, 0 to 1. */
export type Progress = (sent: number) => void;

const OFFLINE = "Photos need a connection: try again when you are back online.";

/**
 * POST a `multipart/form-data` body (a photo) with the CSRF token and an `Idempotency-Key`, telling
 * `onProgress` how much is sent (fetch cannot). Refused at once while the browser is offline.
 */
export function upload<T = unknown>(path: string, form: FormData, onProgress?: Progress): Promise<T> {
  if (typeof navigator !== "undefined" && navigator.onLine === false) {
    return Promise.reject(new ApiError(0, { code: "offline", message: OFFLINE }));
  }
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1${path}`);
    xhr.setRequestHeader("Accept", "application/json");
    if (csrfToken) xhr.setRequestHeader("X-CSRFToken", csrfToken);
    xhr.setRequestHeader("Idempotency-Key", newOpId());
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, { code: "offline", message: OFFLINE }));
    xhr.onload = () => {
      let payload: unknown;
      try { payload = JSON.parse(xhr.responseText); } catch { payload = null; }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(payload as T);
      if (xhr.status === 401 && onSignedOut) onSignedOut();
      reject(new ApiError(xhr.status, (payload as { error?: ErrorBody } | null)?.error ??
        { code: "http_" + xhr.status, message: `The server answered ${xhr.status}.` }));
    };
    xhr.send(form);
  });
}
