//! WebAssembly binding (wasm-bindgen): `compile`, `validate`, `lint`, `types` and the
//! `Pipeline` class for JavaScript, a thin shell over the crate.
//!
//! Results cross the boundary as plain JS objects (serde-wasm-bindgen, JSON-compatible:
//! `None` becomes `null`, maps become objects). Errors are thrown as JS `Error`s carrying
//! structured fields: `.errors` (every configuration error) from `compile`, `.step` and
//! `.kind` from `apply`. `applyMany` and `applyText` cross the boundary once per batch (see
//! [`batch`]): the numbers go in as one string, the results come out as one string (plus
//! offsets, from which a small JS helper builds `applyMany`'s result objects).

mod batch;

mod cases;
mod import;
mod page;

use js_sys::{Array, Error as JsError, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{ApplyError, ConfigError, ConfigErrorKind, Error, PipelineBuilder, Report};

/// The TypeScript declarations of the values that cross the boundary (typescript_tests.rs
/// checks the unions against the Rust enums), embedded by `TS_SECTION` below.
#[allow(dead_code)] // rustc does not count the custom section's const evaluation as a use
const TS_TYPES: &str = r#"
/** A member of a transform object. */
export type Field = "type" | "value" | "value2" | "number";

/** The class of a configuration error. */
export type ConfigErrorKind =
  | "json" | "config_too_large" | "shape" | "too_many_transforms" | "unknown_type"
  | "unknown_field" | "wrong_type" | "missing" | "out_of_range" | "too_long"
  | "invalid_regex" | "invalid_replacement" | "invalid_pattern" | "invalid_length"
  | "invalid_country_code" | "invalid_trunk_prefix" | "guard_range";

/** One configuration error: which transform (0-based), which field, what was expected. */
export interface ConfigError {
  index: number | null;
  field: Field | null;
  kind: ConfigErrorKind;
  message: string;
}

/** Which lint fired. */
export type LintCode =
  | "unused_field" | "no_op" | "unreachable" | "cancels_out" | "overwritten" | "repeated_anchor";

/** One warning about one transform (0-based index). */
export interface Lint {
  index: number;
  code: LintCode;
  field: Field | null;
  message: string;
}

/** What `validate` and `lint` return: every error and every warning. */
export interface Report {
  errors: ConfigError[];
  warnings: Lint[];
}

/** One transform object of the wire format. */
export interface Transform {
  type: string;
  value?: string | null;
  value2?: string | null;
  number?: number | null;
}

/** A configuration: JSON text, an array of transforms, or a trunk object. */
export type Config =
  | string
  | Transform[]
  | { caller_id_transforms: Transform[] | null; [member: string]: unknown };

/** What one transform did during a trace. */
export type StepStatus =
  | "changed" | "unchanged" | "skipped" | "guard_held" | "guard_failed" | "stopped"
  | "not_reached" | "error";

/** One row of a trace. */
export interface TraceStep {
  index: number;
  type: string;
  before: string;
  after: string;
  status: StepStatus;
}

/** A number traced through a pipeline: `output` on success, `error` and `step` on failure. */
export interface Trace {
  input: string;
  steps: TraceStep[];
  output?: string;
  error?: string;
  step?: number | null;
}

/** How a type uses one field. */
export interface FieldInfo {
  use: "unused" | "optional" | "required";
  hint: string;
  placeholder: string;
}

/** Metadata for one transform type. */
export interface TypeInfo {
  name: string;
  group: "api" | "extended" | "guard";
  summary: string;
  value: FieldInfo;
  value2: FieldInfo;
  number: FieldInfo;
}

/** One item of `applyMany`'s result. */
export type ApplyResult = { output: string } | { error: string; step: number | null };

/** What `applyText` returns: one output line per input line (empty where the number
 * failed, a final newline when the input had one), and every failure by 0-based line. */
export interface ApplyTextResult {
  text: string;
  errors: { index: number; error: string; step: number | null }[];
}

/** The `Error` thrown by `compile`. */
export interface CompileError extends Error {
  errors: ConfigError[];
}

/** The `Error` thrown by `Pipeline.apply`. */
export interface ApplyError extends Error {
  step: number | null;
  kind: "input_too_long" | "step_too_long";
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_SECTION: &str = TS_TYPES;

#[wasm_bindgen(inline_js = r#"
const UNCHANGED = -3;
const OK = -2;
const ENCODER = new TextEncoder();
const DECODER = new TextDecoder("utf-8", { ignoreBOM: true });
// Node's Buffer turns ASCII bytes into a string several times faster than TextDecoder.
const NODE_BUFFER =
  typeof globalThis.process === "object" && globalThis.process?.versions?.node
    && typeof globalThis.Buffer === "function" ? globalThis.Buffer : null;
function decode(bytes, ascii) {
  if (ascii && NODE_BUFFER !== null) {
    return NODE_BUFFER.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  }
  return DECODER.decode(bytes);
}
export function utf16Length(s) {
  if (typeof s !== "string") throw new TypeError("applyText expects a string");
  return s.length;
}
export function encodeInto(s, bytes) {
  return ENCODER.encodeInto(s, bytes).written;
}
export function joinedLength(numbers) {
  if (!Array.isArray(numbers)) throw new TypeError("applyMany expects an array of strings");
  const n = numbers.length;
  let units = n > 0 ? n - 1 : 0;
  for (let i = 0; i < n; i++) {
    const s = numbers[i];
    if (typeof s !== "string") throw new TypeError(`applyMany: item ${i} is not a string`);
    units += s.length;
  }
  return units;
}
// The numbers joined by "\n", encoded into `bytes` a slice of the array at a time (one
// join of 100,000 strings costs more than 50 joins of 2,000 and never makes the whole text).
const CHUNK = 2048;
export function encodeJoined(numbers, bytes) {
  const n = numbers.length;
  let at = 0;
  for (let i = 0; i < n; i += CHUNK) {
    if (i > 0) bytes[at++] = 10;
    const part = numbers.slice(i, i + CHUNK).join("\n");
    at += ENCODER.encodeInto(part, at === 0 ? bytes : bytes.subarray(at)).written;
  }
  return at;
}
export function numberLengths(numbers, lens) {
  for (let i = 0; i < lens.length; i++) lens[i] = numbers[i].length;
  return numbers.join("");
}
export function buildResults(numbers, bytes, ascii, ends, codes) {
  const text = decode(bytes, ascii);
  const n = codes.length;
  const out = new Array(n);
  let start = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (c === UNCHANGED) {
      out[i] = { output: numbers[i] };
      continue;
    }
    const end = ends[i];
    const s = text.slice(start, end);
    start = end;
    out[i] = c === OK ? { output: s } : { error: s, step: c === -1 ? null : c };
  }
  return out;
}
export function textResult(bytes, ascii, errors) {
  return { text: decode(bytes, ascii), errors };
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = utf16Length, catch)]
    fn utf16_length(s: &JsValue) -> Result<u32, JsValue>;
    #[wasm_bindgen(js_name = encodeInto)]
    fn encode_into(s: &JsValue, bytes: &mut [u8]) -> u32;
    #[wasm_bindgen(js_name = joinedLength, catch)]
    fn joined_length(numbers: &JsValue) -> Result<u32, JsValue>;
    #[wasm_bindgen(js_name = encodeJoined)]
    fn encode_joined(numbers: &JsValue, bytes: &mut [u8]) -> u32;
    #[wasm_bindgen(js_name = numberLengths)]
    fn number_lengths(numbers: &JsValue, lens: &mut [u32]) -> JsValue;
    #[wasm_bindgen(js_name = buildResults)]
    fn build_results(
        numbers: &JsValue,
        text: &[u8],
        ascii: bool,
        ends: &[u32],
        codes: &[i32],
    ) -> Array;
    #[wasm_bindgen(js_name = textResult)]
    fn text_result(text: &[u8], ascii: bool, errors: &JsValue) -> JsValue;
}

/// A JS string as UTF-8 in `buf`, encoded by `encode` (`TextEncoder.encodeInto` straight
/// into WebAssembly memory: wasm-bindgen's own string passing copies ASCII one character at
/// a time in JavaScript, which costs more than the rest of a batch) given its length in
/// UTF-16 code units. `buf` only grows, so a warm one is neither allocated nor zeroed again.
/// Lone surrogates become U+FFFD.
fn read_utf8(
    units: u32,
    buf: &mut Vec<u8>,
    encode: impl FnOnce(&mut [u8]) -> u32,
) -> Result<&str, JsValue> {
    // At most 3 bytes per UTF-16 code unit.
    let cap = units as usize * 3;
    if buf.len() < cap {
        buf.resize(cap, 0);
    }
    let written = encode(&mut buf[..cap]) as usize;
    std::str::from_utf8(&buf[..written]).map_err(|e| JsError::new(&e.to_string()).into())
}

/// A JS string as UTF-8 in `buf` (see [`read_utf8`]).
fn read_string<'b>(s: &JsValue, buf: &'b mut Vec<u8>) -> Result<&'b str, JsValue> {
    read_utf8(utf16_length(s)?, buf, |bytes| encode_into(s, bytes))
}

/// The numbers of a JS array of strings, read in one crossing (joined by `\n`, or cut by
/// their lengths when some number holds a `\n` itself): `f` gets them in order, their count
/// and their total UTF-8 bytes. Strings cross as UTF-8 (lone surrogates become U+FFFD).
fn with_numbers<R>(
    numbers: &JsValue,
    f: impl for<'a> FnOnce(&mut batch::Numbers<'a>, usize, usize) -> R,
) -> Result<R, JsValue> {
    let units = joined_length(numbers)?;
    let n = numbers.unchecked_ref::<Array>().length() as usize; // an array: checked above
    batch::with_buffer(&batch::INPUT, |buf| {
        let text = read_utf8(units, buf, |bytes| encode_joined(numbers, bytes))?;
        if let Some(lines) = batch::split_lines(text, n) {
            return Ok(f(&mut batch::Numbers::Lines(lines), n, text.len()));
        }
        let mut lens = vec![0u32; n];
        let joined = read_string(&number_lengths(numbers, &mut lens), buf)?;
        let mut split = batch::Numbers::Split(batch::Split::new(joined, &lens));
        Ok(f(&mut split, n, joined.len()))
    })
}

const SERIALIZER: serde_wasm_bindgen::Serializer =
    serde_wasm_bindgen::Serializer::json_compatible();

fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    // The crate's types serialize to strings, numbers, arrays and maps only: this cannot fail.
    value.serialize(&SERIALIZER).unwrap_or(JsValue::NULL)
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// The configuration as JSON text: a string is taken as it is, anything else goes through
/// `JSON.stringify`.
fn config_text(config: &JsValue) -> Result<String, Error> {
    if let Some(text) = config.as_string() {
        return Ok(text);
    }
    let shape = |why: &str| {
        Error::Config(vec![ConfigError {
            index: None,
            field: None,
            kind: ConfigErrorKind::Shape,
            message: format!(
                "the configuration must be JSON text, an array of transforms or a trunk object; {why}"
            ),
        }])
    };
    match js_sys::JSON::stringify(config) {
        Ok(text) => text
            .as_string()
            .ok_or_else(|| shape("got a value JSON cannot represent")),
        Err(e) => {
            let why = JsError::from(e).message();
            Err(shape(&format!(
                "JSON.stringify failed: {}",
                String::from(why)
            )))
        }
    }
}

fn config_error(e: &Error) -> JsValue {
    let err = JsError::new(&e.to_string());
    set(&err, "errors", &to_js(&e.errors()));
    err.into()
}

/// The `.kind` of a thrown apply error: the variant's serde tag (typescript_tests.rs checks).
fn apply_error_kind(e: &ApplyError) -> &'static str {
    match e {
        ApplyError::InputTooLong { .. } => "input_too_long",
        ApplyError::StepTooLong { .. } => "step_too_long",
    }
}

fn apply_error(e: &ApplyError) -> JsValue {
    let err = JsError::new(&e.to_string());
    let kind = apply_error_kind(e);
    let step = e.step().map_or(JsValue::NULL, |s| JsValue::from(s as u32));
    set(&err, "step", &step);
    set(&err, "kind", &JsValue::from_str(kind));
    err.into()
}

/// Compiles a configuration (JSON text, an array of transforms, or a trunk object with
/// `caller_id_transforms`) into a `Pipeline`.
///
/// # Errors
///
/// Throws an `Error` whose message lists every problem and whose `.errors` is an array of
/// `{index, field, kind, message}`.
#[wasm_bindgen]
pub fn compile(
    #[wasm_bindgen(unchecked_param_type = "Config")] config: &JsValue,
) -> Result<JsPipeline, JsValue> {
    let text = config_text(config).map_err(|e| config_error(&e))?;
    PipelineBuilder::new()
        .from_json(&text)
        .map(|inner| JsPipeline { inner })
        .map_err(|e| config_error(&e))
}

fn check(config: &JsValue) -> Report {
    match config_text(config) {
        Ok(text) => PipelineBuilder::new().check(&text),
        Err(e) => Report {
            errors: e.errors(),
            warnings: Vec::new(),
        },
    }
}

/// Checks a configuration without compiling it: `{errors, warnings}`, never throws.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn validate(#[wasm_bindgen(unchecked_param_type = "Config")] config: &JsValue) -> JsValue {
    to_js(&check(config))
}

/// The linter's view of a configuration: the same `{errors, warnings}` as [`validate`].
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn lint(#[wasm_bindgen(unchecked_param_type = "Config")] config: &JsValue) -> JsValue {
    to_js(&check(config))
}

/// Every transform type: name, group, summary, and how it uses `value`, `value2`, `number`.
#[wasm_bindgen(unchecked_return_type = "TypeInfo[]")]
pub fn types() -> JsValue {
    to_js(crate::types())
}

/// A compiled pipeline (`Pipeline` in JavaScript); made by [`compile`].
#[wasm_bindgen(js_name = Pipeline)]
pub struct JsPipeline {
    inner: crate::Pipeline,
}

#[wasm_bindgen(js_class = Pipeline)]
impl JsPipeline {
    /// Applies the pipeline to one number.
    ///
    /// # Errors
    ///
    /// Throws an `Error` with `.step` (0-based index, or `null` when the input itself is too
    /// long) and `.kind` on the length limit.
    pub fn apply(&self, number: &str) -> Result<String, JsValue> {
        self.inner.apply(number).map_err(|e| apply_error(&e))
    }

    /// Applies the pipeline to every number of an array, in one call:
    /// `[{output} | {error, step}]`, item by item equal to `apply`.
    ///
    /// # Errors
    ///
    /// Throws a `TypeError` when `numbers` is not an array of strings.
    #[wasm_bindgen(js_name = applyMany, unchecked_return_type = "ApplyResult[]")]
    pub fn apply_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] numbers: &JsValue,
    ) -> Result<Array, JsValue> {
        batch::with_buffer(&batch::RESULTS, |r| {
            with_numbers(numbers, |numbers, n, bytes| {
                r.fill_numbers(&self.inner, numbers, n, bytes)
            })?;
            Ok(build_results(
                numbers,
                r.text.as_bytes(),
                r.ascii,
                &r.ends,
                &r.codes,
            ))
        })
    }

    /// Applies the pipeline to every line of `text` (lines end at `\n`; a `\r` before it
    /// is dropped): `{text, errors}`, the output one line per input line (empty where the
    /// number failed) and the failures as `{index, error, step}`.
    ///
    /// # Errors
    ///
    /// Throws a `TypeError` when `text` is not a string.
    #[wasm_bindgen(js_name = applyText, unchecked_return_type = "ApplyTextResult")]
    pub fn apply_text(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
    ) -> Result<JsValue, JsValue> {
        batch::with_buffer(&batch::TEXT_RESULTS, |r| {
            batch::with_buffer(&batch::INPUT, |buf| {
                r.fill(&self.inner, read_string(text, buf)?);
                Ok::<(), JsValue>(())
            })?;
            Ok(text_result(r.text.as_bytes(), r.ascii, &to_js(&r.errors)))
        })
    }

    /// Every transform's effect on one number: `{input, steps: [{index, type, before, after,
    /// status}], output}` or, on failure, `error` and `step` instead of `output`.
    #[wasm_bindgen(unchecked_return_type = "Trace")]
    pub fn trace(&self, number: &str) -> JsValue {
        to_js(&self.inner.trace(number))
    }

    /// The pipeline in plain English, one line per transform, guarded blocks indented.
    pub fn explain(&self) -> String {
        self.inner.explain()
    }

    /// `explain` as separate lines.
    #[wasm_bindgen(js_name = explainLines)]
    pub fn explain_lines(&self) -> Vec<String> {
        self.inner.explain_lines()
    }
}
