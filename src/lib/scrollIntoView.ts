/** How long to keep trying: the run's view renders its timeline once the backend answers, which may take a moment. */
const TRY_FOR_MS = 10_000;

/**
 * Brings `element` to the top of the viewport, unless it already sits in the upper half (on a wide screen the
 * run is beside the form and nothing moves; on a phone it is below the form and the history). Right after Find
 * the page may still be too short to scroll that far, so it tries again whenever the page's size changes, until
 * the element is in place, the user scrolls or touches the page, or 10 s have passed. Instant, not smooth: a
 * re-render would cancel a smooth scroll.
 */
export function scrollIntoViewSoon(element: HTMLElement | null): void {
  if (!element) return;
  const deadline = Date.now() + TRY_FOR_MS;
  const observer = new ResizeObserver(() => attempt());
  const stop = () => {
    observer.disconnect();
    window.removeEventListener("wheel", stop);
    window.removeEventListener("touchstart", stop);
    window.removeEventListener("keydown", stop);
  };
  function attempt() {
    const top = element!.getBoundingClientRect().top;
    if ((top >= 0 && top < window.innerHeight * 0.5) || Date.now() > deadline) {
      stop();
      return;
    }
    element!.scrollIntoView({ block: "start" });
  }
  observer.observe(document.documentElement);
  observer.observe(document.body);
  window.addEventListener("wheel", stop, { passive: true });
  window.addEventListener("touchstart", stop, { passive: true });
  window.addEventListener("keydown", stop);
  requestAnimationFrame(attempt);
}
