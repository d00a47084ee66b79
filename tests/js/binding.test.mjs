// Tests of the WebAssembly binding's JS API (the npm package's Node build, pkg/node/), run with
// `node --test tests/js/` after scripts/build-wasm.sh. See scripts/test-js.sh.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cidt, thrown, UK_RULES } from "./common.mjs";

const { compile, validate, lint, types } = cidt;

const here = new URL(".", import.meta.url);
const vectors = JSON.parse(readFileSync(new URL("vectors.json", here), "utf8")).cases;

test("every public vector gives the expected output or error kind", () => {
  assert.ok(vectors.length >= 30);
  for (const v of vectors) {
    for (const config of [v.transforms, JSON.stringify(v.transforms)]) {
      if (v.error === "config") {
        const e = thrown(() => compile(config));
        assert.ok(e instanceof Error, v.name);
        assert.ok(Array.isArray(e.errors) && e.errors.length > 0, v.name);
        assert.equal(validate(config).errors.length, e.errors.length, v.name);
        continue;
      }
      const p = compile(config);
      if (v.error === "apply") {
        const e = thrown(() => p.apply(v.input));
        assert.ok(["input_too_long", "step_too_long"].includes(e.kind), v.name);
        assert.ok("step" in e, v.name);
        const [item] = p.applyMany([v.input]);
        assert.deepEqual(item, { error: e.message, step: e.step }, v.name);
        const t = p.trace(v.input);
        assert.equal(t.error, e.message, v.name);
        assert.equal(t.step, e.step, v.name);
      } else {
        assert.equal(p.apply(v.input), v.expect, v.name);
        assert.deepEqual(p.applyMany([v.input]), [{ output: v.expect }], v.name);
        assert.equal(p.trace(v.input).output, v.expect, v.name);
      }
      p.free();
    }
  }
});

test("the too-long vector fails before any step, with kind input_too_long", () => {
  const v = vectors.find((c) => c.name === "too long input");
  const e = thrown(() => compile(v.transforms).apply(v.input));
  assert.equal(e.kind, "input_too_long");
  assert.equal(e.step, null);
  assert.match(e.message, /limit is 256/);
});

test("a step that would pass the length limit names the step", () => {
  const p = compile([
    { type: "add_prefix", value: "1" },
    { type: "add_suffix", value: "x".repeat(200) },
  ]);
  const e = thrown(() => p.apply("9".repeat(100)));
  assert.equal(e.kind, "step_too_long");
  assert.equal(e.step, 1);
  assert.match(e.message, /^transform 2 \(`add_suffix`\)/);
  assert.equal(p.apply("9"), "19" + "x".repeat(200));
});

test("compile reports every configuration error at once, with index, field, kind, message", () => {
  const config = [
    { type: "add_prefx", value: "1" },
    { type: "strip_digits_start" },
    { type: "regex_replace", value: "(", value2: "" },
    { type: "add_prefix", value: "+", colour: "red" },
  ];
  const e = thrown(() => compile(config));
  assert.ok(e instanceof Error);
  assert.match(e.message, /^4 configuration errors\n {2}transform 1, field `type`: unknown type/);
  assert.deepEqual(
    e.errors.map((x) => [x.index, x.field, x.kind]),
    [
      [0, "type", "unknown_type"],
      [1, "number", "missing"],
      [2, "value", "invalid_regex"],
      [3, null, "unknown_field"],
    ].sort((a, b) => a[0] - b[0]),
  );
  for (const x of e.errors) {
    assert.deepEqual(Object.keys(x).sort(), ["field", "index", "kind", "message"]);
    assert.equal(typeof x.message, "string");
    assert.ok(x.message.length > 0);
  }
  assert.match(e.errors[0].message, /did you mean `add_prefix`/);
});

test("a JSON syntax error is one error of kind json with no index", () => {
  const e = thrown(() => compile('[{"type": "add_prefix",\n "value": }]'));
  assert.deepEqual(e.errors, [{ index: null, field: null, kind: "json", message: e.message }]);
  assert.match(e.message, /^invalid JSON at line 2, column \d+/);
});

test("a value that is neither JSON text nor an object is a shape error", () => {
  for (const bad of [undefined, () => 1, Symbol("x")]) {
    const e = thrown(() => compile(bad));
    assert.equal(e.errors.length, 1);
    assert.equal(e.errors[0].kind, "shape");
  }
  assert.equal(thrown(() => compile(42)).errors[0].kind, "shape");
  assert.equal(thrown(() => compile({ transforms: [] })).errors[0].kind, "shape");
  const circular = [];
  circular.push(circular);
  assert.equal(thrown(() => compile(circular)).errors[0].kind, "shape");
});

test("compile takes JSON text, an array, or a trunk object (other members ignored)", () => {
  const trunk = { id: 7, name: "trunk", caller_id_transforms: UK_RULES };
  for (const config of [UK_RULES, JSON.stringify(UK_RULES), trunk, JSON.stringify(trunk)]) {
    const p = compile(config);
    assert.equal(p.apply("020 7946 0000"), "+442079460000");
    assert.equal(p.apply("00331234"), "+331234");
    assert.equal(p.apply("+15550100"), "+15550100");
    assert.equal(p.apply("anonymous"), "anonymous");
    p.free();
  }
  assert.equal(compile({ caller_id_transforms: null }).apply("123"), "123");
});

test("applyMany equals apply item by item", () => {
  const p = compile([
    { type: "remove_chars", value: " -" },
    { type: "if_length", value: "-4", number: 1 },
    { type: "add_suffix", value: "y".repeat(253) },
    ...UK_RULES,
  ]);
  const numbers = [
    "020 7946 0000", "", "anonymous", "+44 20 7946 0000", "0044-20", "12", "1234",
    "12345", "x".repeat(256), "9".repeat(257), "é 0😀1", "\u{1F600}", "\uD800 0", "0\n1",
    "00", "0", "+", "\u0000",
  ];
  for (let i = 0; i < 200; i++) numbers.push(String(i * 7919).padStart(i % 13, "0"));
  const many = p.applyMany(numbers);
  assert.equal(many.length, numbers.length);
  numbers.forEach((n, i) => {
    let expected;
    try {
      expected = { output: p.apply(n) };
    } catch (e) {
      expected = { error: e.message, step: e.step };
    }
    assert.deepEqual(many[i], expected, JSON.stringify(n));
  });
  assert.ok(many.some((r) => "error" in r && r.step === null));
  assert.ok(many.some((r) => "error" in r && r.step === 2));
  assert.deepEqual(p.applyMany([]), []);
});

test("applyMany rejects what is not an array of strings", () => {
  const p = compile(UK_RULES);
  assert.throws(() => p.applyMany("0207"), TypeError);
  assert.throws(() => p.applyMany(["1", 2]), /item 1 is not a string/);
});

test("trace has the documented shape and statuses (first-match rule table)", () => {
  const p = compile(UK_RULES);
  const t = p.trace("020 7946 0000");
  assert.deepEqual(t, {
    input: "020 7946 0000",
    steps: [
      { index: 0, type: "if_prefix", before: "020 7946 0000", after: "020 7946 0000", status: "guard_failed" },
      { index: 1, type: "stop", before: "020 7946 0000", after: "020 7946 0000", status: "skipped" },
      { index: 2, type: "if_prefix", before: "020 7946 0000", after: "020 7946 0000", status: "guard_failed" },
      { index: 3, type: "replace_prefix", before: "020 7946 0000", after: "020 7946 0000", status: "skipped" },
      { index: 4, type: "stop", before: "020 7946 0000", after: "020 7946 0000", status: "skipped" },
      { index: 5, type: "to_e164", before: "020 7946 0000", after: "+442079460000", status: "changed" },
    ],
    output: "+442079460000",
  });
  const statuses = (n) => p.trace(n).steps.map((s) => s.status);
  assert.deepEqual(statuses("+1555"), ["guard_held", "stopped", "not_reached", "not_reached", "not_reached", "not_reached"]);
  assert.deepEqual(statuses("00331234"), ["guard_failed", "skipped", "guard_held", "changed", "stopped", "not_reached"]);
  assert.deepEqual(statuses("anonymous"), ["guard_failed", "skipped", "guard_failed", "skipped", "skipped", "unchanged"]);
});

// The CLI to compare traces with: $CIDT, or else the debug build (scripts/test-js.sh builds it).
const cli = process.env.CIDT || new URL("../../target/debug/cidt", import.meta.url).pathname;

test("trace equals `cidt trace --json` for the same configuration and number", {
  skip: existsSync(cli) ? false : `no CLI at ${cli} (build it with cargo build --bin cidt)`,
}, () => {
  const cases = [];
  const inputs = ["020 7946 0000", "00331234", "+15550100", "", "anonymous", "é😀 0", "-1", "9".repeat(257)];
  for (const v of vectors.filter((c) => !c.error)) {
    for (const n of [v.input, ...inputs]) cases.push([v.transforms, n]);
  }
  const failing = [{ type: "add_prefix", value: "1".repeat(200) }, { type: "add_suffix", value: "2".repeat(60) }];
  for (const n of ["1", "12345"]) cases.push([failing, n]);
  for (const n of inputs) cases.push([{ caller_id_transforms: UK_RULES }, n]);
  assert.ok(cases.length > 200);
  for (const [config, number] of cases) {
    const json = JSON.stringify(config);
    const run = spawnSync(cli, ["trace", "--json", "-t", json, "--", number], { encoding: "utf8" });
    assert.ok(run.status === 0 || run.status === 1, `cidt exited ${run.status}: ${run.stderr}`);
    const p = compile(config);
    assert.deepEqual(p.trace(number), JSON.parse(run.stdout), `${json} on ${JSON.stringify(number)}`);
    p.free();
  }
});

test("trace of a failing number has error and step instead of output", () => {
  const p = compile([{ type: "set_if_empty", value: "x" }, { type: "add_prefix", value: "1".repeat(200) }, { type: "add_prefix", value: "1".repeat(100) }]);
  const t = p.trace("5");
  assert.equal("output" in t, false);
  assert.equal(t.step, 2);
  assert.deepEqual(t.steps.map((s) => s.status), ["unchanged", "changed", "error"]);
  assert.equal(t.steps[2].after, t.steps[2].before);
  const long = p.trace("5".repeat(300));
  assert.equal(long.step, null);
  assert.deepEqual(long.steps.map((s) => s.status), ["not_reached", "not_reached", "not_reached"]);
});

test("explain and explainLines describe one transform a line, guarded blocks indented", () => {
  const p = compile(UK_RULES);
  const lines = p.explainLines();
  assert.equal(lines.length, UK_RULES.length);
  assert.equal(p.explain(), lines.join("\n"));
  assert.match(lines[0], /^1\. /);
  assert.match(lines[1], /^ +2\. /);
  assert.match(lines[5], /^6\. /);
});

test("validate and lint return every error and every warning without throwing", () => {
  const config = [
    { type: "strip_digits_end", number: 0 },
    { type: "add_prefix", value: "+1", number: 5 },
    { type: "stop" },
    { type: "add_prefix", value: "1" },
  ];
  for (const check of [validate, lint]) {
    for (const c of [config, JSON.stringify(config), { caller_id_transforms: config }]) {
      const r = check(c);
      assert.deepEqual(r.errors, []);
      assert.deepEqual(
        r.warnings.map((w) => [w.index, w.code, w.field]),
        [
          [0, "no_op", null],
          [1, "unused_field", "number"],
          [3, "unreachable", null],
        ],
      );
      for (const w of r.warnings) {
        assert.deepEqual(Object.keys(w).sort(), ["code", "field", "index", "message"]);
      }
    }
  }
  const bad = validate([{ type: "add_prefx" }, { type: "strip_digits_end", number: 0 }]);
  assert.deepEqual(bad.errors.map((e) => e.kind), ["unknown_type"]);
  assert.deepEqual(bad.warnings.map((w) => w.code), ["no_op"]);
  assert.deepEqual(validate("[").errors.map((e) => e.kind), ["json"]);
  assert.deepEqual(validate(undefined).errors.map((e) => e.kind), ["shape"]);
});

test("types lists every type of SPEC v1 with its group and field use", () => {
  const t = types();
  const names = t.map((x) => x.name);
  assert.deepEqual(names, [
    "add_prefix", "add_suffix", "replace", "strip_digits_start", "strip_digits_end",
    "keep_digits_start", "keep_digits_end", "strip_prefix", "strip_suffix", "replace_prefix",
    "ensure_prefix", "set", "set_if_empty", "remove_chars", "digits_only", "regex_replace",
    "mask", "to_e164", "from_e164",
    "if_prefix", "if_suffix", "if_pattern", "if_regex", "if_length", "stop",
  ]);
  const group = (g) => t.filter((x) => x.group === g).map((x) => x.name);
  assert.deepEqual(group("api"), ["add_prefix", "add_suffix", "replace", "strip_digits_start", "strip_digits_end"]);
  assert.deepEqual(group("guard"), ["if_prefix", "if_suffix", "if_pattern", "if_regex", "if_length", "stop"]);
  assert.equal(group("extended").length, 14);
  for (const x of t) {
    assert.deepEqual(Object.keys(x).sort(), ["group", "name", "number", "summary", "value", "value2"]);
    assert.ok(x.summary.length > 0);
    for (const f of [x.value, x.value2, x.number]) {
      assert.deepEqual(Object.keys(f).sort(), ["hint", "placeholder", "use"]);
      assert.ok(["unused", "optional", "required"].includes(f.use));
      if (f.use !== "unused") assert.ok(f.hint.length > 0, x.name);
    }
  }
  const byName = Object.fromEntries(t.map((x) => [x.name, x]));
  assert.equal(byName.strip_digits_start.number.use, "required");
  assert.equal(byName.add_prefix.value.use, "required");
  assert.equal(byName.replace.value2.use, "optional");
  // Every type compiles from its placeholders.
  for (const x of t) {
    const tr = { type: x.name };
    for (const f of ["value", "value2"]) if (x[f].use !== "unused") tr[f] = x[f].placeholder;
    if (x.number.use !== "unused") tr.number = Number(x.number.placeholder);
    const config = x.group === "guard" && x.name !== "stop" ? [tr, { type: "stop" }] : [tr];
    compile(config).free();
  }
});

test("a freed pipeline can no longer be used", () => {
  const p = compile(UK_RULES);
  p.free();
  assert.throws(() => p.apply("1"));
});
