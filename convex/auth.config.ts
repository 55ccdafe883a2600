/**
 * Who may sign tokens for this app: Convex Auth itself, at the deployment's site URL.
 * Every token's issuer must be `CONVEX_SITE_URL` and its audience "convex"
 * (the embedded backend checks the same, see server/embedded/identityToken.ts).
 */
export default {
  providers: [
    {
      domain: process.env.CONVEX_SITE_URL,
      applicationID: "convex",
    },
  ],
};
