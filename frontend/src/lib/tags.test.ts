import { describe, expect, it } from "vitest";
import { extraTags, parseCapture, tokenize } from "./tags";

describe("parseCapture", () => {
  it("keeps the text as typed and collects #tags", () => {
    expect(parseCapture("Agents re-key the address #rekeying #CRM")).toEqual({
      text: "Agents re-key the address #rekeying #CRM",
      tags: ["rekeying", "crm"],
    });
  });

  it("de-duplicates tags case-insensitively and trims whitespace", () => {
    expect(parseCapture("  #Dialler calls   again #dialler  ")).toEqual({
      text: "#Dialler calls again #dialler",
      tags: ["dialler"],
    });
  });

  it("accepts hyphens, digits and letters beyond ASCII", () => {
    expect(parseCapture("x #promise-to-pay #q3 #zähler").tags).toEqual(["promise-to-pay", "q3", "zähler"]);
  });

  it("ignores a bare #, #-only punctuation, HTML entities and anchors in URLs", () => {
    expect(parseCapture("call # 3 and #- and &#39; see https://x.test/#frag").tags).toEqual([]);
  });

  it("strips trailing hyphens and ignores tags longer than the server allows", () => {
    expect(parseCapture("#done- #" + "a".repeat(41)).tags).toEqual(["done"]);
  });

  it("caps the number of tags at 20", () => {
    const line = Array.from({ length: 25 }, (_, i) => `#t${i}`).join(" ");
    expect(parseCapture(line).tags).toHaveLength(20);
  });

  it("treats markup as plain text", () => {
    const p = parseCapture('<script>alert(1)</script> #xss');
    expect(p.text).toBe("<script>alert(1)</script> #xss");
    expect(p.tags).toEqual(["xss"]);
  });
});

describe("tokenize", () => {
  it("splits text and tags, keeping every character", () => {
    const tokens = tokenize("Re-keying #CRM data, #rekeying-");
    expect(tokens).toEqual([
      { kind: "text", value: "Re-keying " },
      { kind: "tag", value: "#CRM", tag: "crm" },
      { kind: "text", value: " data, " },
      { kind: "tag", value: "#rekeying", tag: "rekeying" },
      { kind: "text", value: "-" },
    ]);
    expect(tokens.map((t) => t.value).join("")).toBe("Re-keying #CRM data, #rekeying-");
  });

  it("returns plain text untouched", () => {
    expect(tokenize("no tags here")).toEqual([{ kind: "text", value: "no tags here" }]);
    expect(tokenize("")).toEqual([]);
  });
});

describe("extraTags", () => {
  it("lists only tags the text does not show", () => {
    expect(extraTags("calls #dialler", ["dialler", "complaints"])).toEqual(["complaints"]);
    expect(extraTags("text", null)).toEqual([]);
  });
});
