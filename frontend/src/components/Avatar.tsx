import { initials } from "../lib/format";
import type { Side } from "../types";

export function Avatar({ name, side, size = "md", title }: { name: string; side?: Side | null; size?: "sm" | "md" | "lg"; title?: string }) {
  const label = title ?? (side ? `${name} (${side})` : name);
  return (
    <span className={`avatar avatar-${size} ${side ? `side-${side}` : "side-none"}`} title={label} role="img" aria-label={label}>
      {initials(name)}
    </span>
  );
}

/** Who wrote something: avatar, name and side, in the side's colour. */
export function Byline({ name, side, suffix }: { name: string; side?: Side | null; suffix?: string }) {
  return (
    <span className={`byline ${side ? `side-${side}` : ""}`}>
      <Avatar name={name} side={side} size="sm" />
      <span className="byline-name">{name}</span>
      {side && <span className="side-tag">{side}</span>}
      {suffix && <span className="byline-suffix">{suffix}</span>}
    </span>
  );
}

export function SideBadge({ side, org }: { side: Side; org?: string }) {
  return (
    <span className={`side-badge side-${side}`}>
      <span className="side-dot" aria-hidden="true" />
      {side === "buyer" ? "Buyer side" : "Provider side"}
      {org && <span className="side-badge-org">· {org}</span>}
    </span>
  );
}
