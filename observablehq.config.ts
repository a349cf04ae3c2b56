import {existsSync, readdirSync, readFileSync} from "node:fs";

// The runs that bin/build-tables.ts converted (it runs before build and dev), and the pages that
// every run gets (src/[run]/*.md).
// OPERANDO_SITE_ROOT and OPERANDO_SITE_OUTPUT build another copy of the pages (a test's own site); default src/, dist/.
const siteRoot = process.env.OPERANDO_SITE_ROOT ?? "src";
const runsIndex = `${siteRoot}/data/runs/index.json`;
const runs: {run: string; title: string}[] = existsSync(runsIndex) ? JSON.parse(readFileSync(runsIndex, "utf-8")) : [];
// Runs left out for their problems (src/errors.md lists them); the page is in the sidebar only when there are any.
const errorsFile = `${siteRoot}/data/runs/errors.json`;
const problemCount = existsSync(errorsFile) ? (JSON.parse(readFileSync(errorsFile, "utf-8")) as unknown[]).length : 0;
// Two runs of one title are told apart by their ids.
const sidebarName = ({run, title}: {run: string; title: string}) => (runs.filter((r) => r.title === title).length > 1 ? `${title} (${run})` : title);
const pageTitles: Record<string, string> = {
  index: "Overview",
  "figure-1d": "Figure 1(d): charge–discharge",
  "figure-2": "Figure 2: image series",
  "figure-3": "Figure 3",
  "figure-4": "Figure 4",
  "figure-s2": "Figure S2: mass spectrum",
  supporting: "Supporting series",
  heterogeneity: "Heterogeneity",
  components: "Multivariate components",
  "dead-time": "Detector dead time",
  clocks: "The two clocks",
  explorer: "Explorer"
};

// In the order of the paper, then any other page of src/[run]/ by name.
const pageOrder = Object.keys(pageTitles);
const runPages = readdirSync(`${siteRoot}/[run]`)
  .filter((file) => file.endsWith(".md"))
  .map((file) => file.replace(/\.md$/, ""))
  .sort((a, b) => (pageOrder.indexOf(a) + 1 || Infinity) - (pageOrder.indexOf(b) + 1 || Infinity) || a.localeCompare(b));

// The files of a run that pages read (written by the build, docs/data-model.md): the gzip copies of its tables and
// JSON files, and its pixels/ folder of stack files, segmentations and their lists, all gzip. The files themselves
// (and the Parquet copies) are for other tools, not pages.
function runFolderFiles(run: string): string[] {
  const folder = `${siteRoot}/data/runs/${run}`;
  if (!existsSync(folder)) return [];
  const gzipFiles = (dir: string) => (existsSync(`${folder}/${dir}`) ? readdirSync(`${folder}/${dir}`).filter((file) => file.endsWith(".gz")) : []);
  return [...gzipFiles("."), ...gzipFiles("pixels").map((file) => `pixels/${file}`)];
}

// Figures 3 and 4 are named by the region each shows in this run (its roles.json, written by the build).
function pageName(run: string, page: string): string {
  const name = pageTitles[page] ?? page;
  const figure = page === "figure-3" ? "figure3" : page === "figure-4" ? "figure4" : null;
  const rolesFile = `${siteRoot}/data/runs/${run}/roles.json`;
  if (!figure || !existsSync(rolesFile)) return name;
  const region = JSON.parse(readFileSync(rolesFile, "utf-8"))[figure]?.region;
  const manifest = JSON.parse(readFileSync(`${siteRoot}/data/runs/${run}/manifest.json`, "utf-8"));
  const label = manifest.regions?.find((r: {id: string; label?: string}) => r.id === region)?.label ?? region;
  return label ? `${name}: ${label}` : name;
}

export default {
  root: siteRoot,
  title: "operando-notebook",
  // npm run build (scripts/build.ts) builds into a temporary folder and swaps it in on success.
  output: process.env.OPERANDO_SITE_OUTPUT ?? "dist",
  pages: [
    ...(problemCount > 0 ? [{name: `Build problems (${problemCount})`, path: "/errors"}] : []),
    ...runs.map(({run, title}) => ({
      name: sidebarName({run, title}),
      open: false,
      pages: runPages.map((page) => ({name: pageName(run, page), path: `/${run}/${page === "index" ? "" : page}`}))
    })),
    // A test's own site leaves out the reference model's page (it reads the reference run).
    ...(existsSync(`${siteRoot}/reference-model.md`) ? [{name: "The reference model", path: "/reference-model"}] : []),
    {name: "Your own data", path: "/your-data"}
  ],
  // The pages, and each run's files, which the site serves as they are so that a page fetches, by name, only the
  // files it uses (src/components/run-files.ts); the build then moves them under _file/, where the preview serves
  // them too (scripts/site-run-files.ts).
  dynamicPaths: runs.flatMap(({run}) => [
    ...runPages.map((page) => `/${run}/${page === "index" ? "" : page}`),
    ...runFolderFiles(run).map((file) => `/data/runs/${run}/${file}`)
  ]),
  // The default theme with self-hosted fonts (src/style.css); no web font from an outside host.
  style: "style.css",
  globalStylesheets: [],
  // An inline icon, so the browser does not ask the server for /favicon.ico.
  head: '<link rel="icon" href="data:,">',
  footer: "operando-notebook: literate analysis of operando TOF-SIMS. Works offline.",
  // DuckDB extensions would be downloaded at build time and in the page; pages query Arrow IPC only.
  duckdb: {extensions: {json: null, parquet: null}},
  search: false
};
