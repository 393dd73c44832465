// ESLint (flat config) with typescript-eslint's type-aware rules; formatting is Prettier's (npm run format).
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "test/.corpus/", "emulators/discord/discord-api-spec/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // a promise nobody awaits or handles loses its error (an unhandled rejection ends the process)
      "@typescript-eslint/no-floating-promises": "error",
      // an async callback where a plain one is expected (event handlers, array callbacks) swallows its failure
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      // Prettier wraps code at 120; strings and comments it cannot wrap are broken by hand at this length
      "max-len": ["error", { code: 140, ignoreUrls: true, ignoreRegExpLiterals: true }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  // the sandbox's page runs in the browser
  { files: ["sandbox/public/**/*.js"], languageOptions: { globals: globals.browser } },
);
