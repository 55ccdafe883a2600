import { type RefObject, useEffect, useRef } from "react";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Open dialogs, innermost last: only the innermost one answers Escape and Tab (a confirmation over a report). */
const openDialogs: HTMLElement[] = [];

/**
 * Dialog keyboard behaviour: focus moves into the dialog when it opens, Tab
 * stays inside it, Escape closes it, and focus returns where it was on close.
 */
export function useDialogFocus(ref: RefObject<HTMLElement | null>, onClose: () => void): void {
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    const initial = dialog?.querySelector<HTMLElement>("[data-autofocus]") ?? dialog;
    initial?.focus();
    if (dialog) openDialogs.push(dialog);

    function onKeyDown(event: KeyboardEvent) {
      if (dialog && openDialogs[openDialogs.length - 1] !== dialog) return;
      if (event.key === "Escape") {
        event.preventDefault();
        onCloseRef.current();
        return;
      }
      if (event.key !== "Tab" || !dialog) return;
      const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
      if (items.length === 0) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (event.shiftKey && (document.activeElement === first || document.activeElement === dialog)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      if (dialog) openDialogs.splice(openDialogs.indexOf(dialog), 1);
      if (previous && previous.isConnected) previous.focus();
    };
  }, [ref]);
}
