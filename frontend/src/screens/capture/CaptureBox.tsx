// The capture input: one line per observation, #tags, Enter adds; the kind for the next line is shown
// (Alt+1…5 picks it) and goes back to Pain point after each line unless "Keep kind" is on.
import { useMemo, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { parseCapture } from "../../lib/tags";
import type { ObservationKind } from "../../types";
import { OBS_KINDS, OBS_KIND_LABEL } from "../board/cardMeta";
import { PiiHint } from "../board/PiiNotice";

interface Props {
  line: string;
  setLine(v: string): void;
  kind: ObservationKind;
  pickKind(k: ObservationKind): void;
  keep: boolean;
  setKeep(v: boolean): void;
  add(): void;
  input: RefObject<HTMLInputElement | null>;
  /** what the screen reader hears politely (the kind picked, the line sent) */
  announcement: string;
  /** the personal-data notice after the server masked something */
  piiNotice: ReactNode;
}

export function CaptureBox({ line, setLine, kind, pickKind, keep, setKeep, add, input, announcement, piiNotice }: Props) {
  const parsed = useMemo(() => parseCapture(line), [line]);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.altKey && /^[1-5]$/.test(e.key)) {
      e.preventDefault();
      pickKind(OBS_KINDS[Number(e.key) - 1].value);
    } else if (e.key === "Enter" && !e.nativeEvent.isComposing) {
      e.preventDefault();
      add();
    } else if (e.key === "Escape") {
      setLine("");
    }
  }

  return (
    <section className="capture-box" aria-labelledby="capture-title">
      <h2 id="capture-title" className="visually-hidden">Capture</h2>
      <div className="capture-kind-row">
        <div className="kind-picker" role="radiogroup" aria-label="Kind of observation (Alt+1 to Alt+5)">
          {OBS_KINDS.map((k, i) => (
            <button key={k.value} type="button" role="radio" aria-checked={kind === k.value}
                    className={`kind-option obs-${k.value} ${kind === k.value ? "on" : ""}`}
                    onClick={() => { pickKind(k.value); input.current?.focus(); }} tabIndex={-1}>
              <kbd>Alt+{i + 1}</kbd> {k.label}
            </button>
          ))}
        </div>
        <label className="check keep-kind">
          <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} />
          Keep kind
        </label>
      </div>
      <label htmlFor="capture-input" className="capture-label">Capture observation</label>
      <input id="capture-input" ref={input} className="capture-input" value={line} autoFocus autoComplete="off" maxLength={5000}
             placeholder="Type what you see or hear, #tag it, press Enter" onChange={(e) => setLine(e.target.value)} onKeyDown={onKeyDown}
             aria-describedby="capture-help" />
      <p id="capture-help" className="capture-help">
        <span className="next-kind">Next line: <strong className={`obs-${kind}`}>{OBS_KIND_LABEL[kind]}</strong>
          {keep ? " (kept)" : kind === "pain_point" ? "" : " (then Pain point again)"}</span>
        {" · "}<kbd>Enter</kbd> adds · <kbd>#tag</kbd> tags · <kbd>Alt+1…5</kbd> kind · <kbd>Esc</kbd> clears
        {parsed.tags.length > 0 && <span className="preview-tags" aria-live="polite"> · tags: {parsed.tags.map((t) => <span key={t} className="tag">#{t}</span>)}</span>}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">{announcement}</p>
      <PiiHint text={line} />
      {piiNotice}
    </section>
  );
}
