import {fileURLToPath} from "node:url";

/** `../shared/fixtures/` beside the project root: real instrument files from other labs, read in place. */
export const SHARED_FIXTURES = fileURLToPath(new URL("../../shared/fixtures/", import.meta.url));
