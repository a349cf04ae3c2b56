import {readdirSync, existsSync} from "node:fs";

// Every run folder with a manifest gets its own set of pages (src/[run]/…).
const runs = existsSync("data")
  ? readdirSync("data", {withFileTypes: true})
      .filter((entry) => entry.isDirectory() && existsSync(`data/${entry.name}/manifest.json`))
      .map((entry) => entry.name)
      .sort()
  : [];

export default {
  root: "src",
  title: "operando-notebook",
  // No web fonts: the default theme would load one from an outside host.
  globalStylesheets: [],
  footer: "operando-notebook: literate analysis of operando TOF-SIMS. Works offline.",
  // DuckDB extensions would be downloaded at build time and in the page; pages query Arrow IPC only.
  duckdb: {extensions: {json: null, parquet: null}},
  dynamicPaths: runs.map((run) => `/${run}/`),
  // An inline icon, so the browser does not ask the server for /favicon.ico.
  head: '<link rel="icon" href="data:,">',
  search: false
};
