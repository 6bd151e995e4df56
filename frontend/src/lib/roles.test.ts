import { describe, expect, it } from "vitest";
import type { Member } from "../types";
import { fitRolesToSide, isLastAdmin, roleAllowed, rolesInWords, rolesProblem, sortRoles, toggleRole } from "./roles";

describe("role rules", () => {
  it("allows sponsor on the buyer side only", () => {
    expect(roleAllowed("sponsor", "buyer")).toBe(true);
    expect(roleAllowed("sponsor", "provider")).toBe(false);
    expect(roleAllowed("facilitator", "provider")).toBe(true);
    expect(toggleRole(["member"], "sponsor", true, "provider")).toEqual(["member"]);
    expect(toggleRole(["member"], "sponsor", true, "buyer")).toEqual(["member", "sponsor"]);
  });
  it("keeps viewer exclusive both ways", () => {
    expect(toggleRole(["member", "admin"], "viewer", true, "buyer")).toEqual(["viewer"]);
    expect(toggleRole(["viewer"], "member", true, "buyer")).toEqual(["member"]);
    expect(toggleRole(["member", "admin"], "admin", false, "buyer")).toEqual(["member"]);
  });
  it("sorts and dedupes", () => {
    expect(sortRoles(["admin", "member", "admin"])).toEqual(["member", "admin"]);
  });
  it("drops what no longer fits when the side changes", () => {
    expect(fitRolesToSide(["member", "sponsor", "admin"], "provider")).toEqual(["member", "admin"]);
    expect(fitRolesToSide(["member", "sponsor"], "buyer")).toEqual(["member", "sponsor"]);
  });
  it("names the problem the server would answer", () => {
    expect(rolesProblem([], "buyer")).toMatch(/at least one/);
    expect(rolesProblem(["sponsor"], "provider")).toMatch(/buyer-side/);
    expect(rolesProblem(["viewer", "member"], "buyer")).toMatch(/no other role/);
    expect(rolesProblem(["member", "facilitator"], "provider")).toBeNull();
  });
  it("knows the last admin", () => {
    const m = (id: string, roles: Member["roles"]): Member => ({ user: { id, name: id }, side: "buyer", roles });
    expect(isLastAdmin([m("a", ["member", "admin"]), m("b", ["member"])], "a")).toBe(true);
    expect(isLastAdmin([m("a", ["member", "admin"]), m("b", ["admin"])], "a")).toBe(false);
    expect(isLastAdmin([m("a", ["member", "admin"]), m("b", ["member"])], "b")).toBe(false);
  });
  it("says roles in words", () => {
    expect(rolesInWords(["admin", "member"])).toBe("member and admin");
    expect(rolesInWords(["member", "facilitator", "admin"])).toBe("member, facilitator and admin");
    expect(rolesInWords(["viewer"])).toBe("viewer (read-only)");
    expect(rolesInWords([])).toBe("no role");
  });
});
