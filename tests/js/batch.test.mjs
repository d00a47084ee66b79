// Tests of the binding's batch path (src/wasm/batch.rs): `applyText` (lines in, lines out)
// and `applyMany` on large and awkward batches, each item checked against `apply`.
// Run with `node --test tests/js/` after scripts/build-wasm.sh (scripts/test-js.sh).
import { test } from "node:test";
import assert from "node:assert/strict";
import { cidt, UK_RULES } from "./common.mjs";

const { compile } = cidt;

// What `apply` gives for one number, in the shape of an `applyMany` item.
function one(p, n) {
  try {
    return { output: p.apply(n) };
  } catch (e) {
    return { error: e.message, step: e.step };
  }
}

test("applyText: one output line per input line, in order", () => {
  const p = compile(UK_RULES);
  const r = p.applyText("020 7946 0000\n00331234\n+15550100\nanonymous\n");
  assert.deepEqual(r, {
    text: "+442079460000\n+331234\n+15550100\nanonymous\n",
    errors: [],
  });
});

test("applyText: a final newline is kept or not as given; CRLF lines lose the CR", () => {
  const p = compile([{ type: "add_prefix", value: "+" }]);
  assert.equal(p.applyText("1\r\n2").text, "+1\n+2");
  assert.equal(p.applyText("1\n2\n").text, "+1\n+2\n");
  assert.equal(p.applyText("\n").text, "+\n"); // one empty line
  assert.equal(p.applyText("").text, ""); // no line at all
});

test("applyText: a failing number leaves an empty line and an error with its line index", () => {
  const p = compile('{"caller_id_transforms": [{"type": "add_prefix", "value": "00"}]}');
  const long = "1".repeat(255); // 257 characters after the prefix: past the limit of 256
  const r = p.applyText(`1\n${long}\n2`);
  assert.equal(r.text, "001\n\n002");
  assert.equal(r.errors.length, 1);
  const e = one(p, long);
  assert.deepEqual(r.errors[0], { index: 1, error: e.error, step: 0 });
  // An input over the limit fails before any step.
  const r2 = p.applyText("9".repeat(300));
  assert.equal(r2.errors[0].step, null);
  assert.match(r2.errors[0].error, /300/);
});

test("applyText and applyMany agree with apply on non-ASCII and astral numbers", () => {
  const p = compile([
    { type: "remove_chars", value: " -" },
    { type: "if_length", value: "-3", number: 1 },
    { type: "add_suffix", value: "é😀" },
    { type: "add_prefix", value: "☎" },
  ]);
  const inputs = ["020 7946", "é", "😀😀", "", "１２３", "a\u0000b", "x".repeat(256)];
  const expected = inputs.map((n) => one(p, n));
  assert.deepEqual(p.applyMany(inputs), expected);
  const r = p.applyText(inputs.join("\n"));
  const lines = r.text.split("\n");
  assert.equal(lines.length, inputs.length);
  expected.forEach((want, i) => {
    if ("output" in want) assert.equal(lines[i], want.output, inputs[i]);
    else assert.deepEqual(r.errors.find((e) => e.index === i), { index: i, ...want });
  });
});

test("applyMany on 20,000 numbers equals apply number by number", () => {
  const p = compile(UK_RULES);
  const shapes = ["020 7946 ", "00", "+44", "07700 ", "(0161) 496-", "", "anon"];
  const inputs = Array.from({ length: 20_000 }, (_, i) => shapes[i % shapes.length] + String(i));
  const many = p.applyMany(inputs);
  assert.equal(many.length, inputs.length);
  inputs.forEach((n, i) => assert.deepEqual(many[i], one(p, n), n));
  const text = p.applyText(inputs.join("\n")).text.split("\n");
  inputs.forEach((n, i) => assert.equal(text[i], many[i].output, n));
});

test("applyMany still rejects what is not an array of strings", () => {
  const p = compile(UK_RULES);
  assert.throws(() => p.applyMany("0207"), TypeError);
  assert.throws(() => p.applyMany(["1", 2]), /item 1 is not a string/);
  assert.deepEqual(p.applyMany([]), []);
});

test("applyMany: unchanged numbers come back as apply gives them, lone surrogates as U+FFFD", () => {
  const p = compile([]);
  const inputs = ["0207", "\uD800", "a\uDC00b", "é😀", "\uFFFD", "", "\uD83D"];
  assert.deepEqual(p.applyMany(inputs), inputs.map((n) => one(p, n)));
  assert.equal(p.applyMany(["\uD800"])[0].output, "\uFFFD");
  assert.equal(p.applyText("1\n\uD800\n3").text, "1\n\uFFFD\n3");
});

test("applyMany: batches past the join chunk, with and without a newline inside a number", () => {
  const p = compile([{ type: "remove_chars", value: " " }, ...UK_RULES]);
  const inputs = Array.from({ length: 6_000 }, (_, i) => (i % 3 === 0 ? "020 7946 " : "+44 ") + i);
  assert.deepEqual(p.applyMany(inputs), inputs.map((n) => one(p, n)));
  inputs[4_097] = "020\n7946";
  inputs[2_047] = "\n";
  assert.deepEqual(p.applyMany(inputs), inputs.map((n) => one(p, n)));
});

test("batch buffers kept between calls never leak an earlier batch into a later one", () => {
  const p = compile([{ type: "add_suffix", value: "!" }]);
  const long = Array.from({ length: 3_000 }, (_, i) => `long number ${i}`);
  p.applyMany(long);
  assert.deepEqual(p.applyMany(["1", "22"]), [{ output: "1!" }, { output: "22!" }]);
  assert.deepEqual(p.applyMany([]), []);
  assert.deepEqual(p.applyMany([""]), [{ output: "!" }]);
  p.applyText(long.join("\n"));
  assert.deepEqual(p.applyText("7"), { text: "7!", errors: [] });
  assert.deepEqual(p.applyText(""), { text: "", errors: [] });
  // Another pipeline shares the buffers.
  assert.deepEqual(compile([]).applyText("é\n1"), { text: "é\n1", errors: [] });
});

test("applyPacked (the page's batch form) equals apply item by item", () => {
  const p = compile([
    { type: "remove_chars", value: " -" },
    { type: "if_prefix", value: "9", number: 1 },
    { type: "stop" },
    { type: "strip_digits_start", number: 1 },
    { type: "add_prefix", value: "☎" },
  ]);
  // Changed, unchanged (a guard's stop), failing before any step, astral, at the limit.
  const inputs = ["020 7946", "9123", "1", "", "😀1", "x".repeat(300), "0".repeat(256)];
  const { text, ends, codes } = p.applyPacked(inputs);
  assert.equal(ends.length, inputs.length);
  let start = 0;
  inputs.forEach((n, i) => {
    const piece = text.slice(start, ends[i]);
    start = ends[i];
    const want = one(p, n);
    if (want.error !== undefined) {
      assert.deepEqual({ error: piece, step: codes[i] === -1 ? null : codes[i] }, want, n);
    } else {
      assert.equal(piece, want.output, n);
      assert.equal(codes[i], want.output === n ? -3 : -2, n);
    }
  });
});
