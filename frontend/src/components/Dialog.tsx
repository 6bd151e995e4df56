// A modal dialog on the native <dialog> element: focus trapped, Escape closes, focus returns.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Close } from "./Icons";

export function Dialog({ title, onClose, children, wide, labelledBy }: {
  title: string; onClose: () => void; children: ReactNode; wide?: boolean; labelledBy?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // what had focus when the dialog was asked for, to give focus back to when it closes
  const opener = useRef<Element | null>(typeof document !== "undefined" ? document.activeElement : null);
  // the body renders once the dialog is open: an `autoFocus` inside it can only take focus when it shows
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    const previous = opener.current as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    setShown(true);
    return () => {
      dialog?.close();
      previous?.focus?.();
    };
  }, []);
  const titleId = labelledBy ?? "dialog-title";
  return (
    <dialog ref={ref} className={`dialog ${wide ? "dialog-wide" : ""}`} aria-labelledby={titleId}
            onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close dialog" onClick={onClose}><Close /></button>
      </header>
      <div className="dialog-body">{shown && children}</div>
    </dialog>
  );
}
