//! The binding's rule-testing functions: `Pipeline.outcome` (which transforms decided),
//! `runCases` (case files) and `diff` (impact diffs), thin shells over `Outcome`, `CaseFile`
//! and `Diff`.

use js_sys::{Array, Error as JsError, TypeError};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{set, to_js, JsPipeline};
use crate::{CaseFile, Diff, DiffSummary, Outcome};

#[wasm_bindgen(typescript_custom_section)]
const TS_CASES: &str = r#"
/** Why applying failed, in `Outcome` and `diff` results: `step` is 0-based, `null` when the input itself is too long. */
export interface OutcomeError {
  step: number | null;
  kind: "input_too_long" | "step_too_long";
  message: string;
}

/** `Pipeline.outcome`: the result and the transforms (0-based) that decided it. */
export interface Outcome {
  output: string | null;
  error: OutcomeError | null;
  /** Transforms that ran and changed the number, in order. */
  changed: number[];
  /** The `stop` that ended the run, if one did. */
  stoppedAt: number | null;
}

/** One case of a case file, run. */
export interface CaseResult {
  line: number;
  input: string;
  /** The output it had to give; `null`: it had to fail. */
  expect: string | null;
  ok: boolean;
  output: string | null;
  error: string | null;
  changed: number[];
  stoppedAt: number | null;
}

/** What `runCases` returns. */
export interface CaseRun {
  passed: number;
  failed: number;
  cases: CaseResult[];
}

/** One malformed line of a case file. */
export interface CaseFileError {
  line: number;
  message: string;
}

/** The `Error` thrown by `runCases` for a malformed case file. */
export interface CaseFileParseError extends Error {
  errors: CaseFileError[];
}

/** One side of a kept example: the output, or why it failed. */
export interface DiffResult {
  output: string | null;
  error: OutcomeError | null;
}

/** Differences decided by the same transforms on each side. */
export interface DiffGroup {
  /** The transforms that decided the old result: those that changed it, then the stop or the failing step. */
  old: number[];
  new: number[];
  /** The overflow group (past 256 groups): `old` and `new` are empty. */
  other: boolean;
  count: number;
  /** The first 20 differences of the group. */
  examples: Array<{ input: string; old: DiffResult; new: DiffResult }>;
}

/** What `diff` returns: totals, groups (largest first) and every difference in input order. */
export interface DiffReport {
  seen: number;
  unchanged: number;
  different: number;
  newlyFailing: number;
  newlyFixed: number;
  groups: DiffGroup[];
  differences: Array<{ input: string; old: Outcome; new: Outcome }>;
}
"#;

#[wasm_bindgen(js_class = Pipeline)]
impl JsPipeline {
    /// The result of one number and the transforms that decided it:
    /// `{output, error, changed, stoppedAt}`, never throws.
    #[wasm_bindgen(unchecked_return_type = "Outcome")]
    pub fn outcome(&self, number: &str) -> JsValue {
        to_js(&self.inner.outcome(number))
    }
}

/// Runs a case file (either form) against a pipeline: `{passed, failed, cases}`.
///
/// Throws an `Error` whose `.errors` is `[{line, message}]` when the file is malformed.
#[wasm_bindgen(js_name = runCases, unchecked_return_type = "CaseRun")]
pub fn run_cases(pipeline: &JsPipeline, text: &str) -> Result<JsValue, JsValue> {
    let file = CaseFile::parse(text).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        let err = JsError::new(&format!("malformed case file\n  {}", lines.join("\n  ")));
        set(&err, "errors", &to_js(&errors));
        JsValue::from(err)
    })?;
    Ok(to_js(&file.run(&pipeline.inner)))
}

#[derive(Serialize)]
struct DiffReport {
    #[serde(flatten)]
    summary: DiffSummary,
    differences: Vec<OwnedDifference>,
}

#[derive(Serialize)]
struct OwnedDifference {
    input: String,
    old: Outcome,
    new: Outcome,
}

/// Runs two pipelines over the numbers: totals, the differences grouped by the transforms
/// that decided them (largest group first) and every difference, in order.
///
/// Throws a `TypeError` unless `numbers` is an array of strings.
#[wasm_bindgen(js_name = diff, unchecked_return_type = "DiffReport")]
pub fn diff(
    old: &JsPipeline,
    new: &JsPipeline,
    #[wasm_bindgen(unchecked_param_type = "string[]")] numbers: &JsValue,
) -> Result<JsValue, JsValue> {
    if !Array::is_array(numbers) {
        return Err(TypeError::new("diff expects an array of strings").into());
    }
    let mut diff = Diff::new(&old.inner, &new.inner);
    let mut differences = Vec::new();
    for (i, item) in Array::from(numbers).iter().enumerate() {
        let Some(number) = item.as_string() else {
            return Err(TypeError::new(&format!("diff: item {i} is not a string")).into());
        };
        if let Some(d) = diff.push(&number) {
            differences.push(OwnedDifference {
                input: d.input.to_string(),
                old: d.old.clone(),
                new: d.new.clone(),
            });
        }
    }
    Ok(to_js(&DiffReport {
        summary: diff.summary(),
        differences,
    }))
}
