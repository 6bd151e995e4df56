import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError, RESEND_AFTER_MS } from "./api";

// What goes out on the wire, recorded by a stand-in for the network that drops the first attempts.
function flakyNetwork(failures: number) {
  const sent: Headers[] = [];
  vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
    sent.push(new Headers(init.headers));
    if (sent.length <= failures) throw new TypeError("Failed to fetch");
    return new Response(JSON.stringify({ ok: true }), { status: 201, headers: { "Content-Type": "application/json" } });
  });
  return sent;
}

describe("api writes", () => {
  afterEach(() => { vi.unstubAllGlobals(); vi.useRealTimers(); });

  it("resends a write whose answer was lost under the same Idempotency-Key", async () => {
    vi.useFakeTimers();
    const sent = flakyNetwork(2);
    const answer = api("POST", "/initiatives/i1/cards", { kind: "observation", text: "x" });
    await vi.runAllTimersAsync();
    expect(await answer).toEqual({ ok: true });
    expect(sent).toHaveLength(3);
    const keys = new Set(sent.map((h) => h.get("Idempotency-Key")));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/.{8,64}/);
  });

  it("names each write afresh, and gives up with a network error after the resends", async () => {
    vi.useFakeTimers();
    const sent = flakyNetwork(RESEND_AFTER_MS.length + 1);
    const answer = api("PATCH", "/cards/c1", { version: 1 }).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const err = await answer;
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("network");
    expect(new Set(sent.map((h) => h.get("Idempotency-Key"))).size).toBe(1);
    const next = flakyNetwork(0);
    await api("PATCH", "/cards/c1", { version: 1 });
    expect(next[0].get("Idempotency-Key")).not.toBe(sent[0].get("Idempotency-Key"));
  });

  it("never names or resends a read", async () => {
    const sent = flakyNetwork(1);
    await expect(api("GET", "/me")).rejects.toBeInstanceOf(ApiError);
    expect(sent).toHaveLength(1);
    expect(sent[0].get("Idempotency-Key")).toBe(null);
  });
});
