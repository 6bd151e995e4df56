// Toasts: short confirmations and errors, with an optional action ("Undo").
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { Close } from "./Icons";

export interface Toast {
  id: number;
  message: string;
  tone?: "info" | "error" | "success";
  action?: { label: string; run: () => void | Promise<void> };
  timeout?: number;
}

interface ToastApi {
  show(t: Omit<Toast, "id">): number;
  dismiss(id: number): void;
  error(message: string): number;
}

const Ctx = createContext<ToastApi | null>(null);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const show = useCallback((t: Omit<Toast, "id">) => {
    const id = next.current++;
    setToasts((ts) => [...ts.slice(-3), { ...t, id }]);
    const timeout = t.timeout ?? (t.action ? 8000 : t.tone === "error" ? 9000 : 4000);
    window.setTimeout(() => dismiss(id), timeout);
    return id;
  }, [dismiss]);
  const api = useMemo<ToastApi>(() => ({ show, dismiss, error: (message) => show({ message, tone: "error" }) }), [show, dismiss]);

  return (
    <Ctx.Provider value={api}>
      {children}
      <div className="toasts" role="region" aria-label="Notifications">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.tone ?? "info"}`} role={t.tone === "error" ? "alert" : "status"}>
            <span className="toast-message">{t.message}</span>
            {t.action && (
              <button type="button" className="toast-action" onClick={async () => { dismiss(t.id); await t.action!.run(); }}>
                {t.action.label}
              </button>
            )}
            <button type="button" className="icon-button toast-close" aria-label="Dismiss notification" onClick={() => dismiss(t.id)}>
              <Close size={14} />
            </button>
          </div>
        ))}
      </div>
    </Ctx.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(Ctx);
  if (!api) throw new Error("useToast outside ToastProvider");
  return api;
}
