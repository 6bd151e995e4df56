// Who wrote a card while the workshop hides authors: only the side, in the side's colour.
import { SIDE_NAME } from "../../../lib/workshop";
import type { Side } from "../../../types";

export function SideByline({ side }: { side: Side }) {
  const name = SIDE_NAME[side] ?? "Someone";
  return (
    <span className={`byline side-${side} ws-anon`} title={`Written on the ${side} side (the workshop hides authors)`}>
      <span className={`avatar avatar-sm side-${side}`} role="img" aria-label={`${name} side`}>{name[0]}</span>
      <span className="byline-name">{name}</span>
    </span>
  );
}
