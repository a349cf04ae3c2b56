// Loaded with `node --import` into `observable build` and `observable preview`: any request that would
// leave this machine fails at once with a message that names the module and why, instead of a CDN
// download (or a network error after a long wait on an offline lab PC).
const realFetch = globalThis.fetch;
process.env.OBSERVABLE_TELEMETRY_DISABLE = "true";

// A registry URL is `<name>` or `<name>/<dist-tag>`, and a scoped name has a slash of its own.
function packageName(path) {
  const parts = path.split("/");
  return parts.slice(0, parts[0].startsWith("@") ? 2 : 1).join("/");
}

function explain(url) {
  const npm = /^https:\/\/cdn\.jsdelivr\.net\/npm\/(.+)$/.exec(url.href);
  if (npm) return `npm module "${npm[1]}" is not in the offline cache; add its package to scripts/offline-modules.ts (and package.json) so that it is bundled from node_modules`;
  const registry = /^https:\/\/registry\.npmjs\.org\/(.+)$/.exec(url.href);
  if (registry) return `the version of npm module "${packageName(decodeURIComponent(registry[1]))}" is not in the offline cache; add its package to scripts/offline-modules.ts (and package.json)`;
  if (url.hostname.includes("duckdb")) return `DuckDB extension ${url.pathname} would be downloaded; extensions are disabled in observablehq.config.ts`;
  return `${url.href} is outside this machine`;
}

globalThis.fetch = async (input, init) => {
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
  if (["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) return realFetch(input, init);
  const message = `offline build: ${explain(url)}`;
  console.error(`error: ${message}`);
  throw new Error(message);
};
