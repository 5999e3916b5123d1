import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native <dialog> element: the browser traps focus,
 * Escape closes it, and the rest of the page is inert while it is open.
 * Render it only while it should be open.
 */
export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  /** 'full' nearly fills the window (a photo viewer). */
  size?: 'full';
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog${props.wide ? ' dialog--wide' : ''}${props.size === 'full' ? ' dialog--full' : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {props.title}
      </h2>
      {props.children}
    </dialog>
  );
}
