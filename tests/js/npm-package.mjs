// The npm package as a user gets it: `npm pack pkg`, install the tarball into a scratch project
// in a temp dir, and use it from an ES module, a CommonJS script and a plain page in Chromium
// (playwright-core, Debian's chromium). Run by scripts/test-npm-package.sh after the build
// (named without `.test.` so `node --test tests/js/` does not pick it up).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PKG = join(ROOT, "pkg");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

// UK numbers to E.164 (SPEC §4.4, to_e164 with cc 44 and trunk prefix 0), as a first-match table.
const RULES = [
  { type: "if_prefix", value: "+", number: 1 },
  { type: "stop" },
  { type: "to_e164", value: "44", value2: "0" },
];
// Worked out by hand: 0 dropped and +44 added; an E.164 number stops at the first rule; a word
// passes through to_e164 unchanged.
const EXPECTED = { "020 7946 0000": "+442079460000", "+331234": "+331234", anonymous: "anonymous" };

// What every consumer prints: results, a configuration error's details, and the type table.
const PROBE = `
const p = compile(${JSON.stringify(JSON.stringify(RULES))});
const results = Object.fromEntries(${JSON.stringify(Object.keys(EXPECTED))}.map((n) => [n, p.apply(n)]));
let error = null;
try { compile([{ type: "add_prefx", value: "1" }]); } catch (e) { error = e.errors[0]; }
const out = { results, error, types: types().length, many: p.applyMany(["0207", "x".repeat(300)]) };
`;

function checkProbe(out, who) {
  assert.deepEqual(out.results, EXPECTED, who);
  assert.equal(out.error.index, 0, who);
  assert.equal(out.error.field, "type", who);
  assert.equal(out.error.kind, "unknown_type", who);
  assert.match(out.error.message, /add_prefix/, who);
  assert.ok(out.types >= 25, who);
  assert.equal(out.many[0].output, "+44207", who);
  assert.equal(out.many[1].step, null, who);
}

let dir;
let app;
let tarball;

before(() => {
  assert.ok(existsSync(join(PKG, "package.json")), "pkg/ is missing: run scripts/build-wasm.sh");
  dir = mkdtempSync(join(tmpdir(), "cidt-npm-"));
  const packed = JSON.parse(
    execFileSync(NPM, ["pack", PKG, "--pack-destination", dir, "--json"], { encoding: "utf8" }),
  )[0];
  tarball = packed;
  app = join(dir, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "scratch", private: true }));
  execFileSync(NPM, ["install", "--no-audit", "--no-fund", "--no-package-lock", join(dir, packed.filename)], {
    cwd: app,
    stdio: ["ignore", "ignore", "inherit"],
  });
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the package's version is the crate's", () => {
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
  const crate = cargo.match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms)[1];
  assert.equal(JSON.parse(readFileSync(join(ROOT, "npm", "package.json"), "utf8")).version, crate);
  assert.equal(tarball.version, crate);
  assert.equal(tarball.name, "callerid-transform");
});

test("the tarball holds the package's files and nothing else", () => {
  const files = tarball.files.map((f) => f.path).sort();
  for (const f of [
    "package.json", "README.md", "LICENSE-MIT", "LICENSE-APACHE", "index.js", "index.d.ts", "node.js",
    "node/callerid_transform.cjs", "node/callerid_transform.d.cts",
    "web/callerid_transform.js", "web/callerid_transform.d.ts", "web/callerid_transform_bg.wasm",
  ]) {
    assert.ok(files.includes(f), `${f} missing from ${files}`);
  }
  // One .wasm, shared by the Node and browser builds.
  assert.deepEqual(files.filter((f) => f.endsWith(".wasm")), ["web/callerid_transform_bg.wasm"]);
  for (const f of files) {
    assert.match(f, /^(package\.json|README\.md|LICENSE-(MIT|APACHE)|index\.(js|d\.ts)|node\.js|(node|web)\/.+)$/, f);
  }
  // The README is the JavaScript one.
  assert.match(readFileSync(join(app, "node_modules/callerid-transform/README.md"), "utf8"), /npm install callerid-transform/);
});

test("an ES module imports it (Node)", () => {
  writeFileSync(join(app, "esm.mjs"), `import { compile, types, Pipeline } from "callerid-transform";
import { createRequire } from "node:module";
${PROBE}
// import and require share one build: one Pipeline class.
out.sameClass = createRequire(import.meta.url)("callerid-transform").Pipeline === Pipeline;
console.log(JSON.stringify(out));`);
  const out = JSON.parse(execFileSync(process.execPath, ["esm.mjs"], { cwd: app, encoding: "utf8" }));
  checkProbe(out, "esm");
  assert.equal(out.sameClass, true);
});

test("a CommonJS script requires it (Node)", () => {
  writeFileSync(join(app, "cjs.cjs"), `"use strict";
const { compile, types } = require("callerid-transform");
${PROBE}
console.log(JSON.stringify(out));`);
  const out = JSON.parse(execFileSync(process.execPath, ["cjs.cjs"], { cwd: app, encoding: "utf8" }));
  checkProbe(out, "cjs");
});

test("the CommonJS build loads without require(esm) or warnings", () => {
  // Node older than 20.19 cannot require an ES module; the package must not need it.
  // (Node 20.19 and later can, so the second check is the one that holds the line there.)
  const r = spawnSync(process.execPath, ["-e", "require('callerid-transform')"], { cwd: app, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, "");
  const src = readFileSync(join(app, "node_modules/callerid-transform/node/callerid_transform.cjs"), "utf8");
  for (const [, req] of src.matchAll(/require\(String\.raw`([^`]+)`\)/g)) assert.match(req, /\.cjs$/, req);
});

const MIME = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

test("a plain page in Chromium imports it through an import map", async () => {
  writeFileSync(join(app, "index.html"), `<!doctype html><meta charset="utf-8"><title>scratch</title><link rel="icon" href="data:,">
<script type="importmap">{"imports": {"callerid-transform": "./node_modules/callerid-transform/index.js",
  "callerid-transform/init": "./node_modules/callerid-transform/web/callerid_transform.js"}}</script>
<script type="module">
import { compile, types } from "callerid-transform";
import init, { compile as compileInit } from "callerid-transform/init";
${PROBE}
await init();
out.init = compileInit("[]").apply("x");
window.probe = out;
</script>`);
  const server = createServer(async (req, res) => {
    try {
      const file = normalize(join(app, decodeURIComponent(new URL(req.url, "http://x").pathname)));
      if (!file.startsWith(app + sep)) throw new Error("outside");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const profile = mkdtempSync(join(tmpdir(), "cidt-npm-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await context.newPage();
    const problems = [];
    page.on("console", (m) => ["error", "warning"].includes(m.type()) && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await page.waitForFunction(() => window.probe, null, { timeout: 30000 }).catch((e) => {
      throw new Error(`${e.message}; page problems: ${JSON.stringify(problems)}`);
    });
    const out = await page.evaluate(() => window.probe);
    checkProbe(out, "browser");
    assert.equal(out.init, "x");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await new Promise((ok) => server.close(ok));
  }
});

test("TypeScript finds the types from ES modules, CommonJS and bundlers", () => {
  const probe = (load) => `${load}
const p: Pipeline = compile([{ type: "add_prefix", value: "+1" }]);
const kind: ConfigErrorKind = "unknown_type";
const out: string = p.apply("4155550100");
void kind; void out;
`;
  writeFileSync(join(app, "esm.mts"), probe(`import { compile, type Pipeline, type ConfigErrorKind } from "callerid-transform";`));
  writeFileSync(join(app, "cjs.cts"), probe(`import cidt = require("callerid-transform");
const { compile } = cidt;
type Pipeline = cidt.Pipeline;
type ConfigErrorKind = cidt.ConfigErrorKind;`));
  writeFileSync(join(app, "bundler.ts"), probe(`import { compile, type Pipeline, type ConfigErrorKind } from "callerid-transform";
import init from "callerid-transform/init";
void init;`));
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const common = ["--noEmit", "--strict", "--lib", "ES2022,ESNext.Disposable,DOM", "--skipLibCheck", "false"];
  for (const [files, module, resolution] of [
    [["esm.mts", "cjs.cts"], "node16", "node16"],
    [["bundler.ts"], "esnext", "bundler"],
  ]) {
    const r = spawnSync(process.execPath, [tsc, ...common, "--module", module, "--moduleResolution", resolution, ...files], {
      cwd: app,
      encoding: "utf8",
    });
    assert.equal(r.status, 0, `tsc --moduleResolution ${resolution}: ${r.stdout}${r.stderr}`);
  }
});
