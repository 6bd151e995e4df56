// The three power-up meters: level 0-3 from recorded facts; hover, focus or click shows the facts.
import { useEffect, useId, useRef, useState } from "react";
import type { PowerUp, PowerUpName, PowerUps as PowerUpsT } from "../types";
import { Book, Check, Coins, Shield } from "./Icons";

const META: Record<PowerUpName, { label: string; Icon: typeof Shield; blurb: string }> = {
  courage: { label: "Courage", Icon: Shield, blurb: "The buyer opens its doors: access to staff, processes and customers." },
  budget: { label: "Budget", Icon: Coins, blurb: "Sponsors put money behind experiments, and spend stays within it." },
  story: { label: "Story", Icon: Book, blurb: "Evidenced customer stories reach the people who decide." },
};

export function PowerUpMeter({ name, powerUp, compact }: { name: PowerUpName; powerUp: PowerUp; compact?: boolean }) {
  const { label, Icon, blurb } = META[name];
  const [hover, setHover] = useState(false);
  const [focus, setFocus] = useState(false);
  const [pinned, setPinned] = useState(false);
  const open = hover || focus || pinned;
  const id = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!pinned) return;
    const close = (e: MouseEvent) => { if (!root.current?.contains(e.target as Node)) setPinned(false); };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [pinned]);

  return (
    <div className={`meter meter-${name} ${compact ? "meter-compact" : ""} level-${powerUp.level}`} ref={root}
         onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}
         data-testid={`meter-${name}`} data-level={powerUp.level}>
      <button type="button" className="meter-button" aria-expanded={open} aria-controls={id}
              aria-label={`${label} ${powerUp.level}/3: power-up level ${powerUp.level} of 3. ${open ? "Hide" : "Show"} the facts`}
              onClick={() => setPinned((p) => !p)} onFocus={() => setFocus(true)} onBlur={() => setFocus(false)}
              onKeyDown={(e) => { if (e.key === "Escape") { setPinned(false); setHover(false); setFocus(false); (e.target as HTMLElement).blur(); } }}>
        <span className="meter-icon"><Icon size={compact ? 14 : 16} /></span>
        <span className="meter-label">{label}</span>{" "}
        <span className="meter-pips" aria-hidden="true">
          {[1, 2, 3].map((n) => <span key={n} className={`pip ${n <= powerUp.level ? "on" : ""}`} />)}
        </span>{" "}
        <span className="meter-level" aria-hidden="true">{powerUp.level}/3</span>
      </button>
      {open && (
        <div className="meter-pop" id={id} role="region" aria-label={`${label}: the facts behind level ${powerUp.level}`}>
          <div className="meter-pop-head">
            <Icon size={16} /> <strong>{label}</strong> <span className="meter-pop-level">Level {powerUp.level} of 3</span>
          </div>
          <p className="meter-pop-blurb">{blurb}</p>
          {powerUp.facts.length > 0 ? (
            <ul className="facts">
              {powerUp.facts.map((f, i) => <li key={i}><Check size={14} /> <span>{f}</span></li>)}
            </ul>
          ) : (
            <p className="muted">No facts recorded yet.</p>
          )}
          <div className="meter-next">
            {powerUp.next ? <><strong>Next level:</strong> {powerUp.next}</> : <strong>Top level reached.</strong>}
          </div>
        </div>
      )}
    </div>
  );
}

export function PowerUpMeters({ powerUps, compact }: { powerUps: PowerUpsT | null | undefined; compact?: boolean }) {
  if (!powerUps) return <div className="meters meters-loading" aria-busy="true" />;
  return (
    <div className={`meters ${compact ? "meters-compact" : ""}`} role="group" aria-label="Power-ups">
      {(["courage", "budget", "story"] as const).map((n) => <PowerUpMeter key={n} name={n} powerUp={powerUps[n]} compact={compact} />)}
    </div>
  );
}
