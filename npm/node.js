// callerid-transform for Node's ES modules: the CommonJS build that `require` gets (the
// WebAssembly module is loaded synchronously), so `import` and `require` share one instance
// and one `Pipeline` class.
export * from "./node/callerid_transform.cjs";
