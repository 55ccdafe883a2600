import { httpRouter } from "convex/server";
import { auth } from "./auth";

/** HTTP actions, served on the deployment's site URL (`CONVEX_SITE_URL`): Convex Auth's JWKS, OpenID and OAuth routes. */
const http = httpRouter();
auth.addHttpRoutes(http);
export default http;
