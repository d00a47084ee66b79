//! WebAssembly binding (wasm-bindgen): `compile`, `validate`, `lint`, `types` and the
//! `Pipeline` class for JavaScript, a thin shell over the crate.
//!
//! Results cross the boundary as plain JS objects (serde-wasm-bindgen, JSON-compatible:
//! `None` becomes `null`, maps become objects). Errors are thrown as JS `Error`s carrying
//! structured fields: `.errors` (every configuration error) from `compile`, `.step` and
//! `.kind` from `apply`. `applyMany` crosses the boundary once per batch: the numbers go in
//! as one joined string plus their lengths, the results come out as one string plus offsets,
//! and a small JS helper builds the result objects on the JS side.

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
const ENCODER = new TextEncoder();
export function numbersLength(numbers) {
  if (!Array.isArray(numbers)) throw new TypeError("applyMany expects an array of strings");
  return numbers.length;
}
export function packNumbers(numbers, lens) {
  const n = lens.length;
  for (let i = 0; i < n; i++) {
    const s = numbers[i];
    if (typeof s !== "string") throw new TypeError(`applyMany: item ${i} is not a string`);
    lens[i] = s.length;
  }
  return ENCODER.encode(numbers.join(""));
}
export function buildResults(text, ends, codes) {
  const n = ends.length;
  const out = new Array(n);
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = ends[i];
    const s = text.slice(start, end);
    start = end;
    const c = codes[i];
    out[i] = c === -2 ? { output: s } : { error: s, step: c === -1 ? null : c };
  }
  return out;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = numbersLength, catch)]
    fn numbers_length(numbers: &JsValue) -> Result<u32, JsValue>;
    #[wasm_bindgen(js_name = packNumbers, catch)]
    fn pack_numbers(numbers: &JsValue, lens: &mut [u32]) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(js_name = buildResults)]
    fn build_results(text: &str, ends: &[u32], codes: &[i32]) -> Array;
}

/// `applyMany`'s code for a success; `-1` is an error before any step, `k >= 0` an error at step `k`.
const OK: i32 = -2;

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
        let n = numbers_length(numbers)? as usize;
        let mut lens = vec![0u32; n];
        // UTF-8 from `TextEncoder` (lone surrogates become U+FFFD, one UTF-16 unit as well).
        let joined = String::from_utf8(pack_numbers(numbers, &mut lens)?)
            .map_err(|e| JsValue::from(JsError::new(&e.to_string())))?;
        let mut text = String::with_capacity(joined.len() + n * 4);
        let mut ends = Vec::with_capacity(n);
        let mut codes = Vec::with_capacity(n);
        let mut out = String::with_capacity(64);
        let mut end = 0u32; // in UTF-16 code units, as JS counts
        let mut push = |piece: &str, code: i32| {
            end += utf16_len(piece);
            text.push_str(piece);
            ends.push(end);
            codes.push(code);
        };
        for number in Split::new(&joined, &lens) {
            match self.inner.apply_into(number, &mut out) {
                Ok(()) => push(&out, OK),
                Err(e) => push(&e.to_string(), e.step().map_or(-1, |s| s as i32)),
            }
        }
        Ok(build_results(&text, &ends, &codes))
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

fn utf16_len(s: &str) -> u32 {
    if s.is_ascii() {
        s.len() as u32
    } else {
        s.chars().map(|c| c.len_utf16() as u32).sum()
    }
}

/// Splits the joined numbers back apart by their lengths in UTF-16 code units.
struct Split<'a> {
    rest: &'a str,
    lens: std::slice::Iter<'a, u32>,
    ascii: bool,
}

impl<'a> Split<'a> {
    fn new(joined: &'a str, lens: &'a [u32]) -> Split<'a> {
        // UTF-8 bytes >= UTF-16 units for every character, equal only for ASCII.
        let units: u64 = lens.iter().map(|&l| u64::from(l)).sum();
        Split {
            rest: joined,
            lens: lens.iter(),
            ascii: joined.len() as u64 == units,
        }
    }
}

impl<'a> Iterator for Split<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let units = *self.lens.next()? as usize;
        let cut = if self.ascii {
            units
        } else {
            let mut seen = 0;
            self.rest
                .char_indices()
                .find(|&(_, c)| {
                    let at_end = seen >= units;
                    seen += c.len_utf16();
                    at_end
                })
                .map_or(self.rest.len(), |(i, _)| i)
        };
        let (number, rest) = self.rest.split_at(cut.min(self.rest.len()));
        self.rest = rest;
        Some(number)
    }
}

#[cfg(test)]
mod typescript_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_by_utf16_lengths() {
        let parts = ["+44", "", "é1", "😀x", "abc"];
        let joined = parts.concat();
        let lens: Vec<u32> = parts.iter().map(|p| utf16_len(p)).collect();
        assert_eq!(Split::new(&joined, &lens).collect::<Vec<_>>(), parts);
        let ascii = ["12", "", "345"];
        let lens: Vec<u32> = ascii.iter().map(|p| p.len() as u32).collect();
        assert_eq!(
            Split::new(&ascii.concat(), &lens).collect::<Vec<_>>(),
            ascii
        );
    }
}
