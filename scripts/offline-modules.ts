/**
 * Every browser module that Framework would otherwise download from a CDN, served instead from
 * node_modules at the version in package-lock.json. `entry` is bundled (self-contained, since
 * Framework does not rewrite the imports of a cached file) to the path Framework asks for; `files`
 * are copied as they are (WebAssembly, workers).
 */
export interface OfflineModule {
  /** Package name as in `npm:<name>`. */
  name: string;
  /** Module specifier that esbuild bundles into `output`. */
  entry: string;
  /** The file Framework asks for, relative to `_npm/<name>@<version>/`; `_esm.js` unless it says otherwise. */
  output?: string;
  /** Package files copied beside `_esm.js`, paths relative to the package root. */
  files?: string[];
  /** Where the package is installed, when it is not `node_modules/<name>`. */
  packageDir?: string;
}

export const offlineModules: OfflineModule[] = [
  {name: "@observablehq/plot", entry: "@observablehq/plot"},
  {name: "@observablehq/inputs", entry: "@observablehq/inputs"},
  {name: "d3", entry: "d3"},
  {name: "d3-dsv", entry: "d3-dsv"},
  {name: "htl", entry: "htl"},
  {name: "isoformat", entry: "isoformat"},
  {name: "apache-arrow", entry: "apache-arrow"},
  {
    // Framework pins DuckDB-WASM 1.29.0 (DUCKDB_WASM_VERSION); package.json pins the same version.
    name: "@duckdb/duckdb-wasm",
    entry: "@duckdb/duckdb-wasm",
    files: [
      "dist/duckdb-mvp.wasm",
      "dist/duckdb-eh.wasm",
      "dist/duckdb-browser-mvp.worker.js",
      "dist/duckdb-browser-eh.worker.js"
    ]
  },
  // Framework's client imports react-dom/client for JSX cells, even on pages that have none.
  {name: "react-dom", entry: "react-dom/client", output: "client._esm.js"},
  {name: "parquet-wasm", entry: "parquet-wasm/esm", files: ["esm/parquet_wasm_bg.wasm"]}
];

/**
 * Libraries that Framework's client can import lazily (its "recommended libraries") but that this
 * site does not ship. Framework needs a version for each to write the lazy import's path; a
 * placeholder version directory gives it one without asking the npm registry. A page that really
 * uses one of them fails the build with a message naming it (scripts/offline-guard.mjs).
 */
export const unservedVersion = "0.0.0-not-served-offline";
export const unservedLibraries: string[] = [
  "lodash",
  "arquero",
  "echarts",
  "leaflet",
  "mapbox-gl",
  "react",
  "topojson-client",
  "@observablehq/sample-datasets"
];
