import { describe, expect, it } from "vitest";
import type { AccessGrant, BoardEvent, BudgetRequest, PowerUps, ShadowingSession } from "../types";
import { budgetAfter, extrasPatch, refreshesAfter, type Extras } from "./refetch";

const meter = (level: number) => ({ level, facts: level ? ["a fact"] : [], next: level < 3 ? "more" : null });
const ups = (courage: number): PowerUps => ({ courage: meter(courage), budget: meter(0), story: meter(0) });
const board = { initiative: "i1", engagement: "e1" };
// events as they come off the wire: any type name, any data (the functions must cope)
const ev = (type: string, data: object = {}) => ({ type, data }) as unknown as Pick<BoardEvent, "type" | "data">;
const grant = (id: string, granted_at: string, extra: Partial<AccessGrant> = {}): AccessGrant => ({
  id, initiative_id: "i1", scope: "process", expires_at: null, granted_by: { id: "u1", name: "Bea" }, granted_at,
  revoked_by: null, revoked_at: null, live: true, ...extra,
});
const session = (id: string, started_at: string, host = "Maria"): ShadowingSession => ({
  id, initiative_id: "i1", shadower: { id: "u2", name: "Pat" }, host, context: "", started_at, duration_minutes: null,
  customer_contact: false, version: 1,
});
const request = (id: string, status: BudgetRequest["status"] = "pending"): BudgetRequest => ({
  id, initiative_id: "i1", card_id: "c1", amount: 100, currency: "EUR", purpose: "", requested_by: { id: "u2", name: "Pat" },
  requested_at: `2026-01-0${id.length}T00:00:00+00:00`, status, approved_amount: status === "approved" ? 100 : null, decision: null,
  tranche: 1, learned: null, learned_at: null, learned_by: null,
});
const extras: Extras = {
  kpis: { agreed: true, buyer: { user: { id: "u1", name: "Bea" }, agreed_at: "x" }, provider: { user: { id: "u2", name: "Pat" }, agreed_at: "y" },
          kpis: [{ id: "k1", initiative_id: "i1", name: "Cost", unit: "", baseline: null, target: null, version: 1,
                   current: null, measurement_count: 0, measurements: [] }] },
  access_grants: [grant("g1", "2026-01-01T00:00:00+00:00")],
  shadowing_sessions: [session("s1", "2026-01-02T00:00:00+00:00")],
  power_ups: ups(0),
};

describe("refreshesAfter", () => {
  it.each([
    "card.created", "card.updated", "card.deleted", "card.restored", "comment.created", "grant.created", "grant.revoked",
    "shadowing.created", "shadowing.updated", "budget.requested", "budget.decided", "spend.recorded", "kpi.created",
    "kpi.updated", "kpi.deleted", "kpi.measured", "kpi.measurement_deleted", "kpis.agreed", "kpis.agreement_withdrawn", "power_ups.changed", "workshop.timer", "vote.cast",
  ])("reads nothing after a live %s: the event carries what changed", (type) => {
    expect(refreshesAfter(ev(type), board)).toEqual([]);
  });

  it("reads the budget requests after a snapshot, which does not hold them", () => {
    expect(refreshesAfter(ev("snapshot"), board)).toEqual([
      { key: "budget_requests", path: "/engagements/e1/budget-requests", delayMs: 100 },
    ]);
    expect(refreshesAfter(ev("snapshot"), { initiative: "i1" })).toEqual([]); // the engagement is not known yet
  });
});

describe("extrasPatch", () => {
  it("takes the power-ups from power_ups.changed", () => {
    expect(extrasPatch(extras, ev("power_ups.changed", ups(2)))).toEqual({ power_ups: ups(2) });
  });

  it("adds a new grant newest first and replaces a revoked one", () => {
    const added = extrasPatch(extras, ev("grant.created", grant("g2", "2026-02-01T00:00:00+00:00")))!;
    expect(added.access_grants!.map((g) => g.id)).toEqual(["g2", "g1"]);
    const revoked = extrasPatch(extras, ev("grant.revoked", grant("g1", "2026-01-01T00:00:00+00:00", { live: false })))!;
    expect(revoked.access_grants).toEqual([grant("g1", "2026-01-01T00:00:00+00:00", { live: false })]);
  });

  it("keeps sessions latest first, by when they started", () => {
    const older = extrasPatch(extras, ev("shadowing.created", session("s0", "2025-12-01T00:00:00+00:00")))!;
    expect(older.shadowing_sessions!.map((s) => s.id)).toEqual(["s1", "s0"]);
    const edited = extrasPatch(extras, ev("shadowing.updated", session("s1", "2026-01-02T00:00:00+00:00", "Ann")))!;
    expect(edited.shadowing_sessions!.map((s) => s.host)).toEqual(["Ann"]);
  });

  it("follows the KPIs and both sides' agreement", () => {
    const withdrawn = extrasPatch(extras, ev("kpis.agreement_withdrawn", { initiative_id: "i1" }))!;
    expect(withdrawn.kpis).toEqual({ ...extras.kpis, agreed: false, buyer: null, provider: null });
    const kpi = { id: "k2", initiative_id: "i1", name: "Calls", unit: "", baseline: 3, target: 1, version: 1,
                  current: null, measurement_count: 0, measurements: [] };
    expect(extrasPatch(extras, ev("kpi.created", kpi))!.kpis!.kpis.map((k) => k.id)).toEqual(["k1", "k2"]);
    expect(extrasPatch(extras, ev("kpi.updated", { ...extras.kpis.kpis[0], target: 5 }))!.kpis!.kpis[0].target).toBe(5);
    const agreement = { agreed: false, buyer: extras.kpis.buyer, provider: null, kpis: extras.kpis.kpis };
    expect(extrasPatch(extras, ev("kpis.agreed", { side: "buyer", ...agreement }))).toEqual({ kpis: agreement });
  });

  it("takes a KPI's current value from its measurement events, and drops a deleted KPI", () => {
    const m = { id: "m1", kpi_id: "k1", value: 7, measured_at: "2026-01-03T00:00:00+00:00", note: "", experiment_id: null,
                created_by: { id: "u1", name: "Bea" } };
    const measured = { ...extras.kpis.kpis[0], current: m, measurement_count: 1, measurements: [m] };
    const after = extrasPatch(extras, ev("kpi.measured", { kpi: measured, measurement: m }))!;
    expect(after.kpis!.kpis[0].current!.value).toBe(7);
    expect(after.kpis!.agreed).toBe(true); // measuring is not changing the KPI
    const gone = extrasPatch(extras, ev("kpi.measurement_deleted", { kpi: extras.kpis.kpis[0], measurement_id: "m1" }))!;
    expect(gone.kpis!.kpis[0].current).toBeNull();
    expect(extrasPatch(extras, ev("kpi.deleted", { id: "k1", initiative_id: "i1", name: "Cost" }))!.kpis!.kpis).toEqual([]);
  });

  it("leaves the extras to events that do not carry them", () => {
    for (const type of ["card.updated", "comment.created", "budget.decided", "spend.recorded"]) {
      expect(extrasPatch(extras, ev(type, { id: "x" }))).toBeNull();
    }
  });
});

describe("budgetAfter", () => {
  it("adds a requested budget and replaces a decided one", () => {
    const one = budgetAfter([], ev("budget.requested", request("r1")));
    const two = budgetAfter(one, ev("budget.requested", request("r22")));
    expect(two.map((r) => r.id)).toEqual(["r1", "r22"]);
    const decided = budgetAfter(two, ev("budget.decided", request("r1", "approved")));
    expect(decided.map((r) => [r.id, r.status])).toEqual([["r1", "approved"], ["r22", "pending"]]);
  });

  it("is the same list after other events", () => {
    const list = [request("r1")];
    expect(budgetAfter(list, ev("spend.recorded", { id: "sp1", amount: 5 }))).toBe(list);
    expect(budgetAfter(list, ev("card.updated", { id: "c1" }))).toBe(list);
  });
});
