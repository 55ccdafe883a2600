import { useAuthActions } from "@convex-dev/auth/react";
import type { AgencyProfile } from "../apiTypes";
import { ProviderBadge } from "./ProviderBadge";

export function Header({ agency, onEditAgency, signedIn }: { agency?: AgencyProfile; onEditAgency?: () => void; signedIn?: boolean }) {
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        <span className="brand-name">Atlas Outbound</span>
      </div>
      {agency ? (
        <div className="header-agency">
          <ProviderBadge />
          <span className="muted agency-name" data-testid="header-agency-name" title={agency.name}>
            {agency.name}
          </span>
          <button type="button" className="button button-ghost" onClick={onEditAgency}>
            Edit agency
          </button>
          <SignOutButton />
        </div>
      ) : signedIn ? (
        <div className="header-agency">
          <ProviderBadge />
          <SignOutButton />
        </div>
      ) : null}
    </header>
  );
}

export function SignOutButton() {
  const { signOut } = useAuthActions();
  return (
    <button type="button" className="button button-ghost" data-testid="sign-out" onClick={() => void signOut()}>
      Sign out
    </button>
  );
}
