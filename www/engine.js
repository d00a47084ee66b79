// The one place the page imports the WebAssembly engine (www/pkg, wasm-bindgen --target web,
// built by scripts/build-wasm.sh). The page (app.js) and its worker (worker.js) both load it
// through `loadEngine`, so the import path lives here only.

const ENGINE_PATH = './pkg/callerid_transform.js';

/** Loads and initialises the engine; resolves to its module (compile, lint, types, blocks...). */
export async function loadEngine() {
  const engine = await import(ENGINE_PATH);
  await engine.default();
  return engine;
}
