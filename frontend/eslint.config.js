// ESLint (flat config): JavaScript's and typescript-eslint's recommended rules, and React's rules of hooks
// (`npm run lint`, run by `make test`; warnings fail it too).
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist", "node_modules", "src/api/schema.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      // the rules of hooks; the plugin's React Compiler rules stay off, as the app is not compiled by it
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      // `_name` marks what a destructuring leaves out on purpose
      // `f?.(await x())` skips the await (and the request) when `f` is missing
      "no-restricted-syntax": ["error", {
        selector: "CallExpression[optional=true] > AwaitExpression",
        message: "An optional call skips its arguments: await into a variable first, then call.",
      }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  { files: ["scripts/**", "*.config.*"], languageOptions: { globals: { ...globals.node } } },
  // a test's stand-ins for sockets and wire messages are as loose as the case needs
  { files: ["src/**/*.test.ts"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
);
