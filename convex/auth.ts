import { Password } from "@convex-dev/auth/providers/Password";
import { convexAuth } from "@convex-dev/auth/server";

/**
 * Convex Auth: email + password works offline and is the default provider.
 * OAuth providers (GitHub, Google…) can be added to `providers` — see README "Sign-in and accounts".
 * `signIn`/`signOut` are the standard `auth:signIn` / `auth:signOut` actions the React client calls.
 */
export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
  providers: [Password],
});
