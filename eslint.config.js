// ESLint flat config (`npm run lint`). TypeScript's recommended rules everywhere plus the type-aware promise rules;
// Convex's recommended rules for convex/; React's rules of hooks for the dashboard.
import js from "@eslint/js";
import convexPlugin from "@convex-dev/eslint-plugin";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["node_modules/", "dist/", ".data/", "test-results/", "convex/_generated/", "tests/corpus/", "data/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: {
      // Each file is typed by the nearest tsconfig (the root one, or convex/tsconfig.json for the functions).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Every promise is awaited or explicitly `void`ed, and never handed to a callback that ignores it.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // A subscription's `unsubscribe` is declared before the callback that reads it and assigned once after.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      // Input sanitizers (lib/inputLimits.ts) match control characters on purpose.
      "no-control-regex": "off",
    },
  },
  ...convexPlugin.configs.recommended,
  {
    files: ["**/convex/**/*.ts"],
    rules: {
      // Providers receive their env from the action that builds them and parse it with zod (lib/providers/), and the
      // embedded backend runs these modules in Node with the same variables; Convex's `env` object is not generated
      // offline by scripts/codegen.ts.
      "@convex-dev/no-process-env": "off",
    },
  },
  {
    files: ["convex/**/*.ts"],
    ignores: ["convex/model/errors.ts"],
    rules: {
      // User-actionable errors go through userError (convex/model/errors.ts), so every code is one of lib/errorCodes.ts.
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='ConvexError']", message: "Throw userError({ code, message }) from convex/model/errors.ts." },
      ],
    },
  },
  {
    // The embedded backend's fixture app keeps the older one-argument `db.get(id)` style on purpose: the runtime
    // must serve both.
    files: ["tests/fixtures/**"],
    rules: { "@convex-dev/explicit-table-ids": "off" },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
);
