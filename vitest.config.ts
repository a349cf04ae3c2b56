import {fileURLToPath} from "node:url";
import {defineConfig} from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Tests import the TypeScript sources of the local packages, not their compiled dist/.
export default defineConfig({
  resolve: {
    alias: [
      {find: /^@operando\/lib\/(.*)$/, replacement: `${root}lib/$1.ts`},
      {find: /^@operando\/loaders\/(.*)$/, replacement: `${root}loaders/$1.ts`}
    ]
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 300_000
  }
});
