import type { UserIdentity } from "convex/server";
import { z } from "zod";

const claimsSchema = z
  .object({
    sub: z.string(),
    iss: z.string(),
    name: z.string().optional(),
    given_name: z.string().optional(),
    family_name: z.string().optional(),
    email: z.string().optional(),
    email_verified: z.boolean().optional(),
    picture: z.string().optional(),
  })
  .loose();

/**
 * The identity a user JWT claims. The embedded backend is a local development server: it does NOT verify
 * the signature, it only reads the claims so functions see the same `ctx.auth` shape as on a deployment.
 */
export function identityFromToken(token: string): Partial<UserIdentity> {
  const payload = token.split(".")[1];
  if (!payload) throw new Error("Could not parse the auth token: expected a JWT.");
  let claims: z.infer<typeof claimsSchema>;
  try {
    claims = claimsSchema.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    throw new Error("Could not parse the auth token: its payload needs string `sub` and `iss` claims.");
  }
  return {
    subject: claims.sub,
    issuer: claims.iss,
    tokenIdentifier: `${claims.iss}|${claims.sub}`,
    name: claims.name,
    givenName: claims.given_name,
    familyName: claims.family_name,
    email: claims.email,
    emailVerified: claims.email_verified,
    pictureUrl: claims.picture,
  };
}
