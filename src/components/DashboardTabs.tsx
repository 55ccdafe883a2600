import { type KeyboardEvent, useRef } from "react";
import type { DashboardTab } from "../lib/urlState";

const TABS: { id: DashboardTab; label: string; testId: string }[] = [
  { id: "run", label: "This run", testId: "tab-run" },
  { id: "all", label: "All campaigns", testId: "tab-all-campaigns" },
];

export function DashboardTabs({ tab, onSelect }: { tab: DashboardTab; onSelect: (tab: DashboardTab) => void }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  function onKeyDown(event: KeyboardEvent, index: number) {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    event.preventDefault();
    const next = (index + (event.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length;
    onSelect(TABS[next].id);
    refs.current[next]?.focus();
  }
  return (
    <div className="tabs" role="tablist" aria-label="Opportunities">
      {TABS.map((t, index) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[index] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          aria-selected={tab === t.id}
          aria-controls={`panel-${t.id}`}
          tabIndex={tab === t.id ? 0 : -1}
          className={tab === t.id ? "tab tab-active" : "tab"}
          data-testid={t.testId}
          onClick={() => onSelect(t.id)}
          onKeyDown={(e) => onKeyDown(e, index)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
