import { SHARE_PATH_PREFIX } from "../../lib/shareLinks";

/** The address a prospect opens: this dashboard's origin + /r/<token>. */
export function shareUrl(token: string): string {
  return `${window.location.origin}${SHARE_PATH_PREFIX}${token}`;
}
