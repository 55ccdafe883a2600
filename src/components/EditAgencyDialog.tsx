import { useRef } from "react";
import type { AgencyProfile } from "../apiTypes";
import { useDialogFocus } from "../hooks/useDialogFocus";
import { AgencySetup } from "./AgencySetup";

export function EditAgencyDialog({ agency, onClose }: { agency: AgencyProfile; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useDialogFocus(ref, onClose);
  return (
    <div className="overlay overlay-center" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label="Edit agency profile" ref={ref} tabIndex={-1}>
        <AgencySetup profile={agency} onDone={onClose} onCancel={onClose} />
      </div>
    </div>
  );
}
