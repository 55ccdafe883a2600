import type { AgencyProfile } from "../apiTypes";
import { AgencySetup } from "./AgencySetup";
import { Dialog } from "./Dialog";

export function EditAgencyDialog({ agency, onClose }: { agency: AgencyProfile; onClose: () => void }) {
  return (
    <Dialog onClose={onClose} label="Edit agency profile">
      <AgencySetup profile={agency} onDone={onClose} onCancel={onClose} />
    </Dialog>
  );
}
