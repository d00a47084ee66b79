// Tests of the binding's rule-testing functions (pkg/node/): Pipeline.outcome, runCases and
// diff, with the shapes the preview page codes against. Run by scripts/test-js.sh.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { cidt, thrown, UK_RULES as UK } from "./common.mjs";

const { compile, runCases, diff } = cidt;

// The same table with a new first rule: 0800 numbers stay national.
const UK_NEW = [{ type: "if_prefix", value: "0800", number: 1 }, { type: "stop" }, ...UK];

test("outcome names the transforms that decided (0-based)", () => {
  const p = compile(UK);
  assert.deepEqual(p.outcome("00331234"), {
    output: "+331234", error: null, changed: [3], stoppedAt: 4,
  });
  assert.deepEqual(p.outcome("+15550100"), {
    output: "+15550100", error: null, changed: [], stoppedAt: 1,
  });
  assert.deepEqual(p.outcome("020 7946 0000"), {
    output: "+442079460000", error: null, changed: [5], stoppedAt: null,
  });
  p.free();
});

test("outcome reports a failure as {step, kind, message}", () => {
  const p = compile([{ type: "add_prefix", value: "+44" }, { type: "add_suffix", value: "9".repeat(250) }]);
  assert.deepEqual(p.outcome("0207"), {
    output: null,
    error: { step: 1, kind: "step_too_long", message: "transform 2 (`add_suffix`) would make the number longer than 256 characters" },
    changed: [0],
    stoppedAt: null,
  });
  const long = p.outcome("1".repeat(300));
  assert.deepEqual(long.error, { step: null, kind: "input_too_long", message: "input is 300 characters long; the limit is 256" });
  assert.deepEqual(long.changed, []);
});

test("outcome agrees with trace and apply", () => {
  const p = compile(UK);
  for (const n of ["", "0", "00", "+", "0044 20 7946 0000", "anonymous", "é0207", "+44"]) {
    const o = p.outcome(n);
    const t = p.trace(n);
    assert.equal(o.output, p.apply(n));
    assert.deepEqual(o.changed, t.steps.filter((s) => s.status === "changed").map((s) => s.index));
    const stop = t.steps.find((s) => s.status === "stopped");
    assert.equal(o.stoppedAt, stop ? stop.index : null);
  }
});

test("runCases runs the text form and reports every case", () => {
  const p = compile(UK);
  const text = [
    "# UK numbers",
    "020 7946 0000 => +442079460000",
    "",
    "00331234 => +33",
    '"" => ""',
    "0800 => error",
  ].join("\n");
  const run = runCases(p, text);
  assert.equal(run.passed, 2);
  assert.equal(run.failed, 2);
  assert.deepEqual(run.cases[0], {
    line: 2, input: "020 7946 0000", expect: "+442079460000", ok: true,
    output: "+442079460000", error: null, changed: [5], stoppedAt: null,
  });
  assert.deepEqual(run.cases[1], {
    line: 4, input: "00331234", expect: "+33", ok: false,
    output: "+331234", error: null, changed: [3], stoppedAt: 4,
  });
  assert.equal(run.cases[2].ok, true);
  assert.deepEqual(run.cases[3], {
    line: 6, input: "0800", expect: null, ok: false,
    output: "+44800", error: null, changed: [5], stoppedAt: null,
  });
});

test("runCases accepts the JSON form; a number that must fail and does passes", () => {
  const p = compile([{ type: "add_prefix", value: "+" }]);
  const text = JSON.stringify([
    { input: "1", expect: "+1" },
    { input: "2".repeat(256), expect: null },
  ], null, 1);
  const run = runCases(p, text);
  assert.deepEqual([run.passed, run.failed], [2, 0]);
  assert.equal(run.cases[1].line, 6);
  assert.match(run.cases[1].error, /would make the number longer than 256/);
});

test("runCases throws with .errors = [{line, message}] for a malformed file", () => {
  const p = compile(UK);
  const e = thrown(() => runCases(p, "1 => 1\nno arrow\n2 => 2 # comment\n"));
  assert.ok(e instanceof Error);
  assert.deepEqual(e.errors.map((x) => x.line), [2, 3]);
  assert.match(e.errors[0].message, /no `=>`/);
  assert.match(e.errors[1].message, /contains `#`/);
  assert.match(e.message, /line 2: /);
});

test("diff totals, groups and differences", () => {
  const [oldP, newP] = [compile(UK), compile(UK_NEW)];
  const numbers = ["020 7946 0000", "0800 123 456", "+442079460000", "0800123", "0033 1 23"];
  const d = diff(oldP, newP, numbers);
  assert.deepEqual(
    [d.seen, d.unchanged, d.different, d.newlyFailing, d.newlyFixed],
    [5, 3, 2, 0, 0],
  );
  assert.equal(d.groups.length, 1);
  assert.deepEqual(d.groups[0].old, [5]);
  assert.deepEqual(d.groups[0].new, [1]);
  assert.equal(d.groups[0].count, 2);
  assert.equal(d.groups[0].other, false);
  assert.deepEqual(d.groups[0].examples[0], {
    input: "0800 123 456",
    old: { output: "+44800123456", error: null },
    new: { output: "0800 123 456", error: null },
  });
  assert.deepEqual(d.differences.map((x) => x.input), ["0800 123 456", "0800123"]);
  assert.deepEqual(d.differences[1], {
    input: "0800123",
    old: { output: "+44800123", error: null, changed: [5], stoppedAt: null },
    new: { output: "0800123", error: null, changed: [], stoppedAt: 1 },
  });
});

test("diff counts newly failing numbers and agrees with apply item by item", () => {
  const oldP = compile([]);
  const newP = compile([{ type: "add_prefix", value: "+44" }]);
  const numbers = ["1".repeat(253), "1".repeat(254), "", "é"];
  const d = diff(oldP, newP, numbers);
  assert.deepEqual([d.seen, d.different, d.newlyFailing, d.newlyFixed], [4, 4, 1, 0]);
  for (const x of d.differences) {
    let want;
    try {
      want = newP.apply(x.input);
    } catch (e) {
      want = null;
    }
    assert.equal(x.new.output, want);
  }
  assert.equal(diff(oldP, newP, []).seen, 0);
  assert.throws(() => diff(oldP, newP, ["1", 2]), /item 1 is not a string/);
  assert.throws(() => diff(oldP, newP, "12"), TypeError);
});

test("the TypeScript declarations cover the new functions", () => {
  const dts = readFileSync(new URL("../../pkg/node/callerid_transform.d.cts", import.meta.url), "utf8");
  for (const want of [
    /outcome\(number: string\): Outcome;/,
    /export function runCases\(pipeline: Pipeline, text: string\): CaseRun;/,
    /export function diff\(old_pipeline: Pipeline, new_pipeline: Pipeline, numbers: string\[\]\): DiffReport;/,
    /export interface DiffReport/,
    /export interface CaseFileParseError extends Error/,
  ]) {
    assert.match(dts, want);
  }
});
