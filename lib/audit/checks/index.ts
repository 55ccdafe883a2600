import type { AuditCheck } from "../auditedSite";
import { checkCallToAction } from "./callToAction";
import { checkContactEmail } from "./contactEmail";
import { checkHttps } from "./https";
import { checkMixedContent } from "./mixedContent";
import { checkMobileFriendly } from "./mobileFriendly";
import { checkOnlineBooking } from "./onlineBooking";
import { checkOutdated } from "./outdated";
import { checkPageWeight } from "./pageWeight";
import { checkSeo } from "./seo";

/** Every deep check, in the order findings are reported (the catalogue's order). */
export const AUDIT_CHECKS: readonly AuditCheck[] = [
  checkMobileFriendly,
  checkCallToAction,
  checkHttps,
  checkMixedContent,
  checkSeo,
  checkContactEmail,
  checkOnlineBooking,
  checkOutdated,
  checkPageWeight,
];
