// Assembles the npm package `callerid-transform` in pkg/ from wasm-bindgen's two outputs and the
// hand-written files in npm/ (called by scripts/build-wasm.sh; not meant to be run alone).
//
//   pkg/web/         --target web: ES module glue + the .wasm (browsers, bundlers; www/pkg copy)
//   pkg/.node-raw/   --target nodejs: CommonJS glue (becomes pkg/node/, sharing web's .wasm)
//
// The CommonJS glue `require`s wasm-bindgen's inline-JS snippets, which are ES modules; they
// are rewritten to CommonJS here so no Node version has to `require` an ES module.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PKG = join(ROOT, "pkg");
const RAW = join(PKG, ".node-raw");
const GLUE = "callerid_transform";

function fail(message) {
  console.error(`assemble-npm: ${message}`);
  process.exit(1);
}

// The npm version is the crate's (tests/js/npm-package.mjs checks it too).
const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
const crateVersion = cargo.match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms)?.[1];
const manifest = JSON.parse(readFileSync(join(ROOT, "npm", "package.json"), "utf8"));
if (!crateVersion || manifest.version !== crateVersion) {
  fail(`npm/package.json version ${manifest.version} differs from the crate's ${crateVersion}`);
}

for (const f of ["package.json", "README.md", "index.js", "node.js"]) {
  copyFileSync(join(ROOT, "npm", f), join(PKG, f));
}
for (const f of ["LICENSE-MIT", "LICENSE-APACHE"]) copyFileSync(join(ROOT, f), join(PKG, f));

/** Every file under `dir`, as paths relative to it. */
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path).map((p) => join(name, p)) : [name];
  });
}

/** An inline-JS snippet (an ES module of exported functions/classes/consts) as CommonJS. */
function snippetToCommonJs(source, name) {
  const names = [];
  const body = source.replace(
    /^export\s+(async\s+function\*?|function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/gm,
    (_, kind, id) => {
      names.push(id);
      return `${kind} ${id}`;
    },
  );
  if (/^\s*(export|import)\b/m.test(body)) {
    fail(`${name}: a form of export/import this script cannot turn into CommonJS`);
  }
  return `"use strict";\n${body}\nmodule.exports = { ${names.join(", ")} };\n`;
}

// pkg/node: the CommonJS glue, its snippets as .cjs, and the web build's .wasm.
const node = join(PKG, "node");
mkdirSync(node, { recursive: true });
let glue = readFileSync(join(RAW, `${GLUE}.js`), "utf8");
const wasmPath = "`${__dirname}/" + GLUE + "_bg.wasm`";
if (glue.split(wasmPath).length !== 2) fail(`the nodejs glue does not load ${wasmPath} exactly once`);
glue = glue.replace(wasmPath, "`${__dirname}/../web/" + GLUE + "_bg.wasm`");
for (const file of walk(RAW).filter((f) => f.startsWith("snippets") && f.endsWith(".js"))) {
  const cjs = file.replace(/\.js$/, ".cjs");
  mkdirSync(dirname(join(node, cjs)), { recursive: true });
  writeFileSync(join(node, cjs), snippetToCommonJs(readFileSync(join(RAW, file), "utf8"), file));
  const request = `./${file}`;
  if (!glue.includes(request)) fail(`the nodejs glue does not require ${request}`);
  glue = glue.split(request).join(`./${cjs}`);
}
writeFileSync(join(node, `${GLUE}.cjs`), glue);

// Types: the nodejs declarations are the API every entry point shares (no init functions).
const types = readFileSync(join(RAW, `${GLUE}.d.ts`), "utf8");
writeFileSync(join(node, `${GLUE}.d.cts`), types);
writeFileSync(join(PKG, "index.d.ts"), types);

rmSync(RAW, { recursive: true, force: true });
console.log(`npm package assembled in ${relative(ROOT, PKG)}/ (callerid-transform@${manifest.version})`);
