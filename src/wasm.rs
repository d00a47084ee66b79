//! WebAssembly binding (wasm-bindgen): placeholder, replaced by the binding.
