// Tests of `importRules` (the npm package's Node build, pkg/node/), run with `node --test tests/js/`
// after scripts/build-wasm.sh. Expected values come from the vendors' documented examples
// (citations in tests/import_vendors.rs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { cidt, thrown } from "./common.mjs";

const { importRules, compile } = cidt;

const fixture = (name) =>
  readFileSync(new URL(`../data/import/${name}`, import.meta.url), "utf8");

test("importRules returns transforms, their source lines and no warnings", () => {
  const r = importRules("teams", fixture("teams.json"));
  assert.deepEqual(Object.keys(r).sort(), ["lines", "transforms", "warnings"]);
  assert.equal(r.transforms.length, 6);
  assert.deepEqual(r.lines, [2, 2, 2, 8, 8, 8]);
  assert.deepEqual(r.warnings, []);
  assert.deepEqual(r.transforms[2], { type: "stop" });
  const p = compile(r.transforms);
  // New-CsTeamsTranslationRule examples 1 and 2.
  assert.equal(p.apply("2065555555"), "+12065555555");
  assert.equal(p.apply("+12065555555"), "2065555555");
});

test("every format imports its fixture", () => {
  const cases = [
    ["cisco", "cisco.txt", { select: "1" }, "90123", "0123"],
    ["kamailio", "kamailio.csv", { select: 1 }, "0301234567", "0049301234567"],
    ["yeastar", "yeastar.csv", undefined, "02079460000", "+442079460000"],
    ["3cx", "3cx.csv", {}, "02079460000", "+442079460000"],
    ["teams", "teams.json", null, "5555555555", "+15555555555"],
  ];
  for (const [format, file, options, input, output] of cases) {
    const r = importRules(format, fixture(file), options);
    assert.equal(compile(r.transforms).apply(input), output, format);
    assert.equal(r.lines.length, r.transforms.length);
  }
});

test("a strict failure throws an Error whose .errors carry lines", () => {
  const e = thrown(() => importRules("cisco", fixture("cisco.txt"), { select: "2" }));
  assert.ok(e instanceof Error);
  assert.ok(Array.isArray(e.errors));
  assert.equal(e.errors[0].line, 8);
  assert.match(e.errors[0].message, /rejects the call/);
  assert.match(e.message, /^line 8: rule 2 rejects the call/);
});

test("lossy turns it into a warning", () => {
  const r = importRules("cisco", fixture("cisco.txt"), { select: "2", lossy: true });
  assert.equal(r.warnings.length, 1);
  assert.equal(r.warnings[0].line, 8);
  assert.equal(compile(r.transforms).apply("+442079460000"), "02079460000");
});

test("a missing select lists the choices; a whole-input error has line null", () => {
  const e = thrown(() => importRules("cisco", fixture("cisco.txt")));
  assert.equal(e.errors.length, 1);
  assert.equal(e.errors[0].line, null);
  assert.match(e.errors[0].message, /1 \(line 2\), 2 \(line 6\)/);
});

test("unknown formats and bad options are errors with .errors", () => {
  let e = thrown(() => importRules("avaya", "x"));
  assert.match(e.errors[0].message, /expected one of cisco, kamailio, yeastar, 3cx, teams/);
  e = thrown(() => importRules("teams", "[]", { select: {} }));
  assert.match(e.errors[0].message, /select must be a string/);
  e = thrown(() => importRules("teams", "[]", 5));
  assert.match(e.errors[0].message, /options must be an object/);
});

test("malformed input names its line", () => {
  const e = thrown(() => importRules("yeastar", "pattern,strip,prepend\nX.,two,\n"));
  assert.equal(e.errors[0].line, 2);
  assert.match(e.errors[0].message, /`strip`/);
});
