/** Frames to keep trying (~1.5 s): the run's view renders its timeline a moment after the run starts. */
const MAX_FRAMES = 90;

/**
 * Brings `element` to the top of the viewport, unless it already sits in the upper half (on a wide screen the
 * run is beside the form and nothing moves; on a phone it is below the form and the history). Tried on each
 * frame until it is in place: right after Find the page may still be too short to scroll that far, until the
 * run's timeline has rendered. Instant, not smooth: a re-render would cancel a smooth scroll.
 */
export function scrollIntoViewSoon(element: HTMLElement | null): void {
  if (!element) return;
  let frames = 0;
  const step = () => {
    const top = element.getBoundingClientRect().top;
    if (top >= 0 && top < window.innerHeight * 0.5) return;
    element.scrollIntoView({ block: "start" });
    if (++frames < MAX_FRAMES) requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}
