// "Captured in this session": the lines refused by the server first (with Retry), then every line,
// newest first, each one correctable.
import type { Card } from "../../types";
import { OBS_KIND_LABEL } from "../board/cardMeta";
import { CapturedLine, EDIT_HINT_ID, SessionTime } from "./CapturedLine";
import type { CaptureWrites, FailedLine } from "./useCaptureWrites";

function Failed({ line, startedAt, writes, canTakeBack, takeBack }: {
  line: FailedLine; startedAt: string; writes: CaptureWrites; canTakeBack: boolean; takeBack(line: FailedLine): void;
}) {
  return (
    <li className={`captured-item failed obs-${line.kind}`}>
      <SessionTime startedAt={startedAt} at={line.at} />
      <div className="captured-failed-text">
        <p className="captured-typed">{line.typed}</p>
        <p className="line-error">Not saved: {line.error}</p>
      </div>
      <span className="captured-meta"><span className="line-status failed">Not sent · {OBS_KIND_LABEL[line.kind]}</span></span>
      <div className="captured-actions">
        <button type="button" className="button small" onClick={() => writes.retry(line)}>Retry</button>
        <button type="button" className="button ghost small" onClick={() => takeBack(line)} disabled={!canTakeBack}
                title={canTakeBack ? "Put it back into the input to change it" : "Empty the input first"}>Edit</button>
        <button type="button" className="button ghost small" onClick={() => writes.discard(line)}>Discard</button>
      </div>
    </li>
  );
}

export function CapturedList({ captured, startedAt, writes, offline, refocus, canTakeBack, takeBack }: {
  captured: Card[]; startedAt: string; writes: CaptureWrites; offline: boolean; refocus(): void;
  canTakeBack: boolean; takeBack(line: FailedLine): void;
}) {
  return (
    <section aria-labelledby="captured-title" className="captured">
      <h2 id="captured-title">Captured in this session <span className="count">{captured.length}</span></h2>
      {writes.failed.length > 0 && (
        <p className="line-error" role="alert">
          {writes.failed.length === 1 ? "One line was" : `${writes.failed.length} lines were`} not saved: Retry, edit or discard below.
        </p>
      )}
      <p id={EDIT_HINT_ID} className="visually-hidden">Enter or F2 edits the line; Esc cancels.</p>
      <ol className="captured-list">
        {writes.failed.map((l) => <Failed key={l.key} line={l} startedAt={startedAt} writes={writes} canTakeBack={canTakeBack} takeBack={takeBack} />)}
        {captured.map((c) => <CapturedLine key={c.id} card={c} startedAt={startedAt} writes={writes} offline={offline} refocus={refocus} />)}
        {captured.length === 0 && writes.failed.length === 0 && (
          <li className="muted empty-capture">Nothing captured yet. Start typing: every line you enter becomes an observation on the board.</li>
        )}
      </ol>
    </section>
  );
}
