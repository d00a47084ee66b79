// Node benchmark of the WebAssembly binding (not a test): a UK first-match rule table applied
// to 100,000 numbers with Pipeline.applyMany and Pipeline.applyText (the batch path: one
// boundary crossing per batch) and with Pipeline.apply (one per number), against the same
// rules in plain JavaScript written the way a web developer would (String methods and
// RegExp). The boundary's own cost is the batch calls on an empty pipeline; since applyMany
// hands back the caller's own string for a number left unchanged, it is also measured with a
// one-transform pipeline that changes every number (add_suffix), where every result is a new
// string. Usage: scripts/build-wasm.sh && node scripts/bench-js.mjs [count]
// (CIDT_PKG=dir loads another build's nodejs glue, e.g. a copy of pkg/ built another way.)
import { createRequire } from "node:module";
import assert from "node:assert/strict";

const require = createRequire(import.meta.url);
const { compile } = require(
  process.env.CIDT_PKG ? `${process.env.CIDT_PKG}/node/callerid_transform.cjs` : "../pkg/node/callerid_transform.cjs",
);

const RULES = [
  { type: "remove_chars", value: " -()." },
  { type: "set_if_empty", value: "anonymous" },
  { type: "if_prefix", value: "+", number: 1 },
  { type: "stop" },
  { type: "if_prefix", value: "00", number: 2 },
  { type: "replace_prefix", value: "00", value2: "+" },
  { type: "stop" },
  { type: "if_pattern", value: "_0ZXXXXXXXXX", number: 2 },
  { type: "replace_prefix", value: "0", value2: "+44" },
  { type: "stop" },
];

// The same rules, by hand.
function ukRulesJs(number) {
  let s = number.replace(/[ \-().]/g, "");
  if (s === "") s = "anonymous";
  if (s.startsWith("+")) return s;
  if (s.startsWith("00")) return "+" + s.slice(2);
  if (/^0[1-9]\d{9}$/.test(s)) return "+44" + s.slice(1);
  return s;
}

// Deterministic caller IDs in the shapes a UK trunk sees.
function numbers(count) {
  let seed = 42;
  const rand = (n) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const digits = (n) => Array.from({ length: n }, () => rand(10)).join("");
  const shapes = [
    () => `020 ${digits(4)} ${digits(4)}`,
    () => `07${digits(3)} ${digits(6)}`,
    () => `01${digits(9)}`,
    () => `+44 ${digits(10)}`,
    () => `+1 (${digits(3)}) ${digits(3)}-${digits(4)}`,
    () => `00${digits(11)}`,
    () => `0044-${digits(3)}-${digits(7)}`,
    () => "anonymous",
    () => "",
    () => digits(4 + rand(8)),
  ];
  return Array.from({ length: count }, () => shapes[rand(shapes.length)]());
}

// Median ns per run of each function, the runs interleaved so that a busy machine slows
// every contender alike.
function time(fns, reps) {
  for (const fn of fns) fn(); // warm up
  const runs = fns.map(() => []);
  for (let i = 0; i < reps; i++) {
    fns.forEach((fn, k) => {
      const t0 = process.hrtime.bigint();
      fn();
      runs[k].push(Number(process.hrtime.bigint() - t0));
    });
  }
  return runs.map((r) => r.sort((x, y) => x - y)[Math.floor(r.length / 2)]);
}

const count = Number(process.argv[2] ?? 100_000);
const input = numbers(count);
const pipeline = compile(RULES);

// Same answers first.
const many = pipeline.applyMany(input);
input.forEach((n, i) => assert.equal(many[i].output, ukRulesJs(n), n));
const text = input.join("\n");
const lines = pipeline.applyText(text).text.split("\n");
input.forEach((n, i) => assert.equal(lines[i], ukRulesJs(n), n));

const reps = 15;
let sink = 0;
const empty = compile([]); // what crossing the boundary and building the results cost alone
const suffix = compile([{ type: "add_suffix", value: ";" }]); // every number changed
const [tMany, tApply, tJs, tEmpty, tText, tEmptyText, tSuffix, tSuffixText] = time([
  () => {
    sink += pipeline.applyMany(input).length;
  },
  () => {
    for (let i = 0; i < input.length; i++) sink += pipeline.apply(input[i]).length;
  },
  () => {
    const out = new Array(input.length);
    for (let i = 0; i < input.length; i++) out[i] = ukRulesJs(input[i]);
    sink += out.length;
  },
  () => {
    sink += empty.applyMany(input).length;
  },
  () => {
    sink += pipeline.applyText(text).text.length;
  },
  () => {
    sink += empty.applyText(text).text.length;
  },
  () => {
    sink += suffix.applyMany(input).length;
  },
  () => {
    sink += suffix.applyText(text).text.length;
  },
], reps);

const per = (t) => (t / count).toFixed(1);
console.log(`UK rule table (${RULES.length} transforms), ${count} numbers, median of ${reps} runs, Node ${process.version}`);
console.log(`wasm applyMany : ${per(tMany)} ns/number (array in, result objects out)`);
console.log(`wasm applyText : ${per(tText)} ns/number (lines in, lines out)`);
console.log(`wasm apply     : ${per(tApply)} ns/number (one call per number)`);
console.log(`plain JS       : ${per(tJs)} ns/number (String methods + RegExp)`);
console.log(`boundary cost (empty pipeline): applyMany ${per(tEmpty)} ns/number, applyText ${per(tEmptyText)} ns/number (target <= 40)`);
console.log(`  the same as a share of plain JS's time: applyMany ${(tEmpty / tJs).toFixed(2)}, applyText ${(tEmptyText / tJs).toFixed(2)}`);
console.log(`  every number changed (one add_suffix): applyMany ${per(tSuffix)} ns/number, applyText ${per(tSuffixText)} ns/number`);
console.log(`plain JS / applyMany = ${(tJs / tMany).toFixed(2)}x faster (target >= 3); plain JS / applyText = ${(tJs / tText).toFixed(2)}x; apply / plain JS = ${(tApply / tJs).toFixed(2)}x the time`);
if (sink === 0) console.log("");
