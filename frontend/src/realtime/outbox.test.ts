// The outbox and its IndexedDB store (fake-indexeddb here: node has no IndexedDB; Chromium runs the
// real one in tests/browser/test_offline.py).
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { OfflineStore, type StoredWrite } from "./offlineStore";
import { Outbox, type WriteChannel } from "./outbox";

let n = 0;
const write = (initiative = "i1", text = "seen"): StoredWrite => ({
  opId: `op-${++n}`, initiative, action: "card:create", payload: { initiative, data: { kind: "observation", text } }, at: n,
});

/** A channel that holds each request until the test answers it. */
function channel() {
  const sent: { action: string; op: Record<string, unknown>; answer: (a: unknown) => void; fail: () => void }[] = [];
  const ch: WriteChannel = {
    waitForConnect: () => Promise.resolve(),
    request: (action, op) => new Promise((answer, fail) => { sent.push({ action, op, answer: answer as (a: unknown) => void, fail: () => fail(new Error("timeout")) }); }),
  };
  return { ch, sent };
}
const until = async (ok: () => boolean) => { for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 1)); expect(ok()).toBe(true); };

describe("Outbox with its IndexedDB store", () => {
  it("keeps a write before sending it, and forgets it only on the answer", async () => {
    const store = new OfflineStore("alice");
    const outbox = new Outbox(store);
    const { ch, sent } = channel();
    const w = write();
    const done = outbox.send(w, ch);
    expect(outbox.count()).toBe(1);
    await until(() => sent.length === 1);
    expect(await store.writes()).toEqual([w]); // kept before it was sent
    sent[0].fail(); // the answer was lost: the same op_id again
    await until(() => sent.length === 2);
    expect(sent[1].op.op_id).toBe(w.opId);
    sent[1].answer({ ok: true, result: { id: "c1" } });
    expect(await done).toEqual({ id: "c1" });
    expect(outbox.count()).toBe(0);
    expect(await store.writes()).toEqual([]);
  });

  it("sends the writes an earlier page kept again, under their op_id, oldest first", async () => {
    const store = new OfflineStore("bob");
    const [a, b] = [write("i1", "first"), write("i2", "second")];
    await store.putWrite(b);
    await store.putWrite(a);
    const { ch, sent } = channel();
    const page = new Outbox(store, () => ch); // as after a reload
    await page.loaded;
    expect([page.count(), page.count("i1")]).toEqual([2, 1]);
    expect(page.waiting("i1")).toEqual([a]);
    await until(() => sent.length === 2);
    expect(sent.map((s) => s.op.op_id)).toEqual([a.opId, b.opId]);
    const board = page.send(a, ch); // a board drawing it waits for the same answer: no second send
    expect(page.count()).toBe(2);
    sent[0].answer({ ok: true, result: { id: "c1" } });
    expect(await board).toEqual({ id: "c1" });
    expect((await store.writes()).map((w) => w.opId)).toEqual([b.opId]);
    page.close(); // sign-out: what still waits stays kept for this person's next sign-in
    expect((await new OfflineStore("bob").writes()).map((w) => w.opId)).toEqual([b.opId]);
  });

  it("says so when the server refuses a kept write, and forgets it", async () => {
    const store = new OfflineStore("carol");
    const kept = write();
    await store.putWrite(kept);
    const { ch, sent } = channel();
    const outbox = new Outbox(store, () => ch);
    await outbox.loaded;
    await until(() => sent.length === 1);
    sent[0].answer({ error: { code: "not_found", message: "That card was deleted." } });
    await until(() => outbox.count() === 0);
    expect(outbox.refusals).toEqual([{ opId: kept.opId, action: "card:create", message: "That card was deleted." }]);
    expect(await store.writes()).toEqual([]);

    const typed = outbox.send(write(), ch); // a write a screen waits for: the screen shows its error
    await until(() => sent.length === 2);
    sent[1].answer({ error: { code: "validation", message: "Text is too long." } });
    await expect(typed).rejects.toMatchObject({ code: "validation" });
    expect(outbox.refusals).toHaveLength(1);
    outbox.dismiss();
    expect(outbox.refusals).toEqual([]);
  });

  it("keeps each person's writes apart", async () => {
    await new OfflineStore("dave").putWrite(write());
    expect(await new OfflineStore("erin").writes()).toEqual([]);
    expect(await new OfflineStore("dave").writes()).toHaveLength(1);
  });
});
