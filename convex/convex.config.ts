import rateLimiter from "@convex-dev/rate-limiter/convex.config.js";
import workflow from "@convex-dev/workflow/convex.config.js";
import { defineApp } from "convex/server";

const app = defineApp();
app.use(workflow);
// Named explicitly: scripts/codegen.ts derives a default name from the package path, not the component.
app.use(rateLimiter, { name: "rateLimiter" });
export default app;
