/**
 * Token verification, as a Convex deployment does it before a function sees `ctx.auth`: a user token must be a JWT
 * signed by a key of the JWKS of a provider listed in the app's convex/auth.config.ts, with that provider's issuer
 * (`domain`) and audience (`applicationID`), and not expired. Anything else is refused: a forged, re-signed,
 * expired or foreign token never becomes an identity.
 *
 * Only providers this backend serves itself can be checked (Convex Auth at `CONVEX_SITE_URL`, whose JWKS is the
 * `JWKS` env var): the embedded backend runs offline and cannot fetch another issuer's keys.
 */
import type { UserIdentity } from "convex/server";
import { createLocalJWKSet, errors, jwtVerify, type JWTPayload } from "jose";

export type AuthProviderConfig = { domain?: string; applicationID?: string };

export class TokenRefused extends Error {}

export type TokenVerifier = (token: string) => Promise<Partial<UserIdentity>>;

/** Claims → the `UserIdentity` shape Convex builds (tokenIdentifier = "iss|sub"). */
export function identityFromClaims(claims: JWTPayload & Record<string, unknown>): Partial<UserIdentity> {
  const text = (key: string) => (typeof claims[key] === "string" ? (claims[key] as string) : undefined);
  return {
    subject: claims.sub,
    issuer: claims.iss,
    tokenIdentifier: `${claims.iss}|${claims.sub}`,
    name: text("name"),
    givenName: text("given_name"),
    familyName: text("family_name"),
    email: text("email"),
    emailVerified: typeof claims.email_verified === "boolean" ? claims.email_verified : undefined,
    pictureUrl: text("picture"),
  };
}

/**
 * A verifier for the providers of auth.config.ts. `localJwks` maps an issuer this backend serves to its JWKS JSON.
 * Clock skew allowed: 5 s (Convex Auth's tokens live one hour).
 */
export function createTokenVerifier(providers: AuthProviderConfig[], localJwks: Record<string, string>): TokenVerifier {
  const trusted = providers.flatMap((provider) => {
    const jwks = provider.domain ? localJwks[provider.domain] : undefined;
    if (!provider.domain || !provider.applicationID || !jwks) return [];
    return [{ issuer: provider.domain, audience: provider.applicationID, keys: createLocalJWKSet(JSON.parse(jwks)) }];
  });
  return async (token) => {
    if (trusted.length === 0) throw new TokenRefused("This app accepts no sign-in tokens (no provider in convex/auth.config.ts).");
    let lastError: unknown;
    for (const provider of trusted) {
      try {
        const { payload } = await jwtVerify(token, provider.keys, {
          issuer: provider.issuer,
          audience: provider.audience,
          requiredClaims: ["sub", "exp", "iat"],
          clockTolerance: 5,
        });
        return identityFromClaims(payload);
      } catch (error) {
        lastError = error;
      }
    }
    throw new TokenRefused(`Could not verify the auth token: ${describe(lastError)}`);
  };
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "it has expired.";
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey)
    return "its signature is not from this backend's keys.";
  if (error instanceof errors.JWTClaimValidationFailed) return `its "${error.claim}" claim is not accepted.`;
  if (error instanceof errors.JOSEError) return "it is not a valid signed JWT.";
  return "it is not a valid signed JWT.";
}

/** Refuses every token: the state of a backend before its verifier is configured. */
export const refuseAllTokens: TokenVerifier = async () => {
  throw new TokenRefused("This backend verifies no tokens.");
};
