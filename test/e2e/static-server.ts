import {createReadStream} from "node:fs";
import {stat} from "node:fs/promises";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {extname, join, normalize} from "node:path";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".arrow": "application/vnd.apache.arrow.stream",
  ".parquet": "application/vnd.apache.parquet",
  ".csv": "text/csv"
};

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

/** Serves a built Framework site (clean URLs: `/a` is `a.html`, `/a/` is `a/index.html`) on 127.0.0.1. */
export async function serveStatic(root: string): Promise<{origin: string; close: () => Promise<void>}> {
  const server: Server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const base = join(root, normalize(pathname).replace(/^(\.\.[/\\])+/, ""));
    const candidates = pathname.endsWith("/") ? [join(base, "index.html")] : [base, `${base}.html`];
    for (const file of candidates) {
      if (await isFile(file)) {
        response.writeHead(200, {"content-type": contentTypes[extname(file)] ?? "application/octet-stream"});
        createReadStream(file).pipe(response);
        return;
      }
    }
    response.writeHead(404).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const {port} = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  };
}
