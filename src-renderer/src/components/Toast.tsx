import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

/** How long a confirmation stays up; it can be dismissed sooner, and the live region has announced it. */
const TOAST_MS = 8000;

type ShowToast = (message: string) => void;
const ToastContext = createContext<ShowToast>(() => undefined);

/** Shows a confirmation ("Medical history saved.") where the person is looking, whatever the scroll. */
export function useToast(): ShowToast {
  return useContext(ToastContext);
}

/**
 * Confirmations as a toast pinned to the bottom of the window, inside a live
 * region that is always in the page, so a screen reader announces each one as
 * it appears (a region added with its text already in it is often not read).
 */
export function ToastProvider(props: { children: ReactNode }) {
  const [toast, setToast] = useState<{ seq: number; message: string } | null>(null);
  const show = useCallback<ShowToast>(
    (message) => setToast((t) => ({ seq: (t?.seq ?? 0) + 1, message })),
    [],
  );

  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(() => setToast(null), TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast]);

  return (
    <ToastContext.Provider value={show}>
      {props.children}
      <div className="toast-region" role="status" aria-live="polite" aria-atomic="true">
        {toast ? (
          <div className="toast" key={toast.seq} data-testid="toast">
            <span className="toast__message">{toast.message}</span>
            <button
              type="button"
              className="toast__close"
              aria-label="Dismiss this message"
              onClick={() => setToast(null)}
            >
              ×
            </button>
          </div>
        ) : null}
      </div>
    </ToastContext.Provider>
  );
}
