// parquet-wasm in a page, initialised once, its WebAssembly from Framework's npm cache (as FileAttachment.parquet
// does): the downloads write Parquet with it, and the run's stack files are read with it.
let parquetModule: Promise<typeof import("npm:parquet-wasm")> | undefined;

export function parquetWasm(): Promise<typeof import("npm:parquet-wasm")> {
  return (parquetModule ??= import("npm:parquet-wasm").then(async (parquet) => {
    await parquet.default(import.meta.resolve("npm:parquet-wasm/esm/parquet_wasm_bg.wasm"));
    return parquet;
  }));
}
