// What the JS test files share: the package's Node build (pkg/node/), a helper for thrown
// errors, and the UK rule table. Not a test file itself (`node --test` runs `*.test.mjs`).
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The binding as a Node user loads it with `require`. */
export const cidt = require("../../pkg/node/callerid_transform.cjs");

/** Runs `fn` and returns what it threw (failing if it did not throw). */
export function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected an exception");
}

/** A UK trunk's rules: international numbers kept, 00 to +, national numbers to E.164. */
export const UK_RULES = [
  { type: "if_prefix", value: "+", number: 1 },
  { type: "stop" },
  { type: "if_prefix", value: "00", number: 2 },
  { type: "replace_prefix", value: "00", value2: "+" },
  { type: "stop" },
  { type: "to_e164", value: "44", value2: "0" },
];
