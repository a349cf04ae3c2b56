import {existsSync, readdirSync, readFileSync} from "node:fs";

// The runs that bin/build-tables.ts converted (it runs before build and dev), and the pages that
// every run gets (src/[run]/*.md).
const runsIndex = "src/data/runs/index.json";
const runs: {run: string; title: string}[] = existsSync(runsIndex) ? JSON.parse(readFileSync(runsIndex, "utf-8")) : [];
// Runs left out for their problems (src/errors.md lists them); the page is in the sidebar only when there are any.
const errorsFile = "src/data/runs/errors.json";
const problemCount = existsSync(errorsFile) ? (JSON.parse(readFileSync(errorsFile, "utf-8")) as unknown[]).length : 0;
// Two runs of one title are told apart by their ids.
const sidebarName = ({run, title}: {run: string; title: string}) => (runs.filter((r) => r.title === title).length > 1 ? `${title} (${run})` : title);
const pageTitles: Record<string, string> = {
  index: "Overview",
  "figure-1d": "Figure 1(d): charge–discharge",
  "figure-2": "Figure 2: image series",
  "figure-3": "Figure 3: positive electrode",
  "figure-4": "Figure 4: negative electrode",
  supporting: "Supporting series",
  heterogeneity: "Heterogeneity",
  explorer: "Explorer"
};

// In the order of the paper, then any other page of src/[run]/ by name.
const pageOrder = Object.keys(pageTitles);
const runPages = readdirSync("src/[run]")
  .filter((file) => file.endsWith(".md"))
  .map((file) => file.replace(/\.md$/, ""))
  .sort((a, b) => (pageOrder.indexOf(a) + 1 || Infinity) - (pageOrder.indexOf(b) + 1 || Infinity) || a.localeCompare(b));

export default {
  root: "src",
  title: "operando-notebook",
  // npm run build (scripts/build.ts) builds into a temporary folder and swaps it in on success.
  output: process.env.OPERANDO_SITE_OUTPUT ?? "dist",
  pages: [
    ...(problemCount > 0 ? [{name: `Build problems (${problemCount})`, path: "/errors"}] : []),
    ...runs.map(({run, title}) => ({
      name: sidebarName({run, title}),
      open: false,
      pages: runPages.map((page) => ({name: pageTitles[page] ?? page, path: `/${run}/${page === "index" ? "" : page}`}))
    })),
    {name: "The reference model", path: "/reference-model"},
    {name: "Your own data", path: "/your-data"}
  ],
  dynamicPaths: runs.flatMap(({run}) => runPages.map((page) => `/${run}/${page === "index" ? "" : page}`)),
  // No web fonts: the default theme would load one from an outside host.
  globalStylesheets: [],
  // An inline icon, so the browser does not ask the server for /favicon.ico.
  head: '<link rel="icon" href="data:,">',
  footer: "operando-notebook: literate analysis of operando TOF-SIMS. Works offline.",
  // DuckDB extensions would be downloaded at build time and in the page; pages query Arrow IPC only.
  duckdb: {extensions: {json: null, parquet: null}},
  search: false
};
