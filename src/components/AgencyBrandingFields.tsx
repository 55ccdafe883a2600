import { useId } from "react";
import { type AgencyBranding, BRANDING_FIELDS, type BrandingField, brandingFieldError } from "../../lib/agencyBranding";
import { InlineError } from "./QueryStates";

const FIELDS: Record<BrandingField, { label: string; placeholder: string; type: string; autoComplete?: string }> = {
  logoUrl: { label: "Logo URL", placeholder: "https://youragency.com/logo.png", type: "url" },
  bookingUrl: { label: "Booking link", placeholder: "https://cal.com/youragency/intro", type: "url" },
  contactPhone: { label: "Contact phone", placeholder: "+1 206 555 0148", type: "tel", autoComplete: "tel" },
};

/** The draft of the branding fields: strings, "" = none. */
export type BrandingDraft = Record<BrandingField, string>;

export function brandingDraft(profile?: AgencyBranding): BrandingDraft {
  return { logoUrl: profile?.logoUrl ?? "", bookingUrl: profile?.bookingUrl ?? "", contactPhone: profile?.contactPhone ?? "" };
}

/** Field errors of a draft (the server checks the same rules, lib/agencyBranding.ts). */
export function brandingErrors(draft: BrandingDraft): Partial<Record<BrandingField, string>> {
  const errors: Partial<Record<BrandingField, string>> = {};
  for (const field of BRANDING_FIELDS) {
    const error = brandingFieldError(field, draft[field]);
    if (error) errors[field] = error;
  }
  return errors;
}

/** Agency setup: the call to action on shared prospect reports (logo, booking link, phone). */
export function AgencyBrandingFields({
  draft,
  errors,
  onChange,
}: {
  draft: BrandingDraft;
  errors: Partial<Record<BrandingField, string>>;
  onChange: (draft: BrandingDraft) => void;
}) {
  const id = useId();
  return (
    <fieldset className="fieldset" data-testid="agency-branding">
      <legend>Shared reports</legend>
      <p className="fieldset-hint">Your logo and call to action on the reports you send to prospects. All optional.</p>
      <div className="field-grid">
        {BRANDING_FIELDS.map((field) => {
          const f = FIELDS[field];
          const errorId = errors[field] ? `${id}-${field}-error` : undefined;
          return (
            <div className="field" key={field}>
              <label htmlFor={`${id}-${field}`}>{f.label}</label>
              <input
                id={`${id}-${field}`}
                type={f.type}
                value={draft[field]}
                placeholder={f.placeholder}
                autoComplete={f.autoComplete}
                onChange={(e) => onChange({ ...draft, [field]: e.target.value })}
                aria-invalid={!!errors[field]}
                aria-describedby={errorId}
              />
              <InlineError id={errorId} message={errors[field]} />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
