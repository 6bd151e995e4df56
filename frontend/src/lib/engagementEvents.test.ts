import { describe, expect, it } from "vitest";
import type { EngagementEvent } from "../types";
import { describeEngagementEvent } from "./engagementEvents";

const ana = { id: "u-ana", name: "Ana Ribeiro" };
const e = (type: string, data: Record<string, unknown>, actor: EngagementEvent["actor"] = ana): EngagementEvent =>
  ({ seq: null, initiative: null, type, actor, at: "2026-12-01T10:00:00Z", data, op_id: null });

describe("describeEngagementEvent", () => {
  it("describes the creation", () => {
    expect(describeEngagementEvent(e("engagement.created", { name: "Collections", side: "buyer" })))
      .toBe("Ana Ribeiro started the engagement “Collections” on the buyer side.");
  });
  it("describes invitations", () => {
    expect(describeEngagementEvent(e("invitation.created", { email: "priya@b.example", side: "provider", roles: ["member", "admin"] })))
      .toBe("Ana Ribeiro invited priya@b.example to the provider side as member and admin.");
    expect(describeEngagementEvent(e("invitation.resent", { email: "priya@b.example" })))
      .toBe("Ana Ribeiro sent the invitation to priya@b.example again, with a new link.");
    expect(describeEngagementEvent(e("invitation.revoked", {}))).toBe("Ana Ribeiro revoked an invitation.");
  });
  it("names the invitee who accepted or declined", () => {
    const priya = { id: "u-priya", name: "Priya Shah" };
    expect(describeEngagementEvent(e("invitation.accepted", { user_id: "u-priya", name: "Priya Shah", side: "provider", roles: ["member"] }, priya)))
      .toBe("Priya Shah accepted the invitation and joined the provider side as member.");
    expect(describeEngagementEvent(e("invitation.declined", { email: "tom@b.example" }, null)))
      .toBe("tom@b.example declined the invitation.");
    expect(describeEngagementEvent(e("invitation.declined", { email: "ben@n.example", side: "buyer" }, { id: "u-ben", name: "Ben Okafor" })))
      .toBe("Ben Okafor declined the invitation to the buyer side.");
  });
  it("describes member changes", () => {
    expect(describeEngagementEvent(e("member.roles_changed", { user_id: "u-ben", name: "Ben Okafor", roles: ["viewer"], before: ["member"] })))
      .toBe("Ana Ribeiro changed Ben Okafor's roles from member to viewer (read-only).");
    expect(describeEngagementEvent(e("member.removed", { user_id: "u-ben", name: "Ben Okafor" })))
      .toBe("Ana Ribeiro removed Ben Okafor from the engagement.");
    expect(describeEngagementEvent(e("member.left", { user_id: "u-ben", name: "Ben Okafor" }, { id: "u-ben", name: "Ben Okafor" })))
      .toBe("Ben Okafor left the engagement.");
  });
  it("describes the operator's additions", () => {
    expect(describeEngagementEvent(e("member.added", { user_id: "u-omar", name: "Omar Haddad", side: "provider", roles: ["member"] }, null)))
      .toBe("The server's operator added Omar Haddad to the provider side as member.");
  });
  it("says You and your for me", () => {
    expect(describeEngagementEvent(e("invitation.created", { email: "x@y.example", side: "buyer", roles: ["member"] }), "u-ana"))
      .toBe("You invited x@y.example to the buyer side as member.");
    expect(describeEngagementEvent(e("member.roles_changed", { user_id: "u-me", name: "Me", roles: ["member", "admin"], before: ["member"] }), "u-me"))
      .toBe("Ana Ribeiro changed your roles from member to member and admin.");
  });
  it("falls back for types it does not know", () => {
    expect(describeEngagementEvent(e("engagement.renamed", {}))).toBe("Ana Ribeiro: engagement renamed.");
  });
});
