// A modal dialog on the native <dialog> element: focus trapped, Escape closes, focus returns.
import { useEffect, useRef, type ReactNode } from "react";
import { Close } from "./Icons";

export function Dialog({ title, onClose, children, wide, labelledBy }: {
  title: string; onClose: () => void; children: ReactNode; wide?: boolean; labelledBy?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
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
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
