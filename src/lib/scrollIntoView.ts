/**
 * Scrolls `element` to the top of the viewport once the next frame is laid out, unless it is already in view
 * (on a wide screen the run sits beside the form and nothing moves; on a phone it is below the form and history).
 */
export function scrollIntoViewSoon(element: HTMLElement | null): void {
  if (!element) return;
  requestAnimationFrame(() => {
    const top = element.getBoundingClientRect().top;
    if (top >= 0 && top < window.innerHeight * 0.5) return;
    const reduced = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    element.scrollIntoView({ block: "start", behavior: reduced ? "auto" : "smooth" });
  });
}
