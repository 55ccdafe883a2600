import { type ReactNode, useRef } from "react";
import { createPortal } from "react-dom";
import { useDialogFocus } from "../hooks/useDialogFocus";
import { InlineError } from "./QueryStates";

/**
 * The one modal: an overlay that closes on a click outside, focus kept inside (useDialogFocus: Tab stays in,
 * Escape closes, focus returns on close). `variant` "panel" slides in on the right (a report), "center" is a
 * centred dialog (a form, a confirmation). Rendered into `document.body`, so a dialog opened from inside
 * another (a confirmation over the report panel) covers the whole page.
 */
export function Dialog({
  variant = "center",
  onClose,
  label,
  labelledBy,
  className,
  testId,
  children,
}: {
  variant?: "center" | "panel";
  onClose: () => void;
  /** Accessible name when the dialog has no visible title (else `labelledBy`). */
  label?: string;
  labelledBy?: string;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useDialogFocus(ref, onClose);
  return createPortal(
    <div className={variant === "panel" ? "overlay" : "overlay overlay-center"} onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className={className ?? (variant === "panel" ? "panel" : "dialog")}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        aria-labelledby={labelledBy}
        data-testid={testId}
        ref={ref}
        tabIndex={-1}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}

/** Asks before something that cannot be undone; the confirm button says what will happen. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  error?: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog onClose={onClose} labelledBy="confirm-title" className="dialog card confirm-dialog" testId="confirm-dialog">
      <h2 id="confirm-title">{title}</h2>
      <div className="confirm-body">{children}</div>
      <InlineError message={error} />
      <div className="button-row">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm} disabled={busy} data-testid="confirm-action">
          {busy ? "Working…" : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
