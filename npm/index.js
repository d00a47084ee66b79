// callerid-transform for browsers and bundlers: the WebAssembly module is fetched and
// instantiated once, when this module is imported (top-level await), so every export is ready
// to call. Without top-level await, import "callerid-transform/init" and call its default
// export (`await init()`) yourself.
import init from "./web/callerid_transform.js";

await init();

export * from "./web/callerid_transform.js";
