//! The browser page's part of the binding: guard-block structure of a (possibly invalid)
//! configuration, the nearest known type name for a typo, and batch forms of `apply` (packed)
//! and of the core's "which transforms decided", so that the page holds no rule semantics of
//! its own and never makes one JS object per number.

use wasm_bindgen::prelude::*;

use js_sys::{Int32Array, Object, Reflect, Uint32Array};

use super::batch::utf16_len;
use super::{config_text, to_js, with_numbers, JsPipeline};
use crate::limits::Limits;
use crate::{block_structure, wire, Outcome};

#[wasm_bindgen(typescript_custom_section)]
const TS_PAGE: &str = r#"
/** Where one transform sits among the guarded blocks (see `blocks`). */
export interface BlockInfo {
  /** How many guards govern it (0 = top level). */
  depth: number;
  /** The innermost guard governing it, 0-based, or null. */
  guard: number | null;
  /** For a guard, the index of the last transform it governs; null for other types. */
  end: number | null;
}
"#;

/// The guard-block structure of a configuration, one `{depth, guard, end}` per transform.
///
/// Works while the configuration is still invalid: members with a wrong JSON type are left
/// out, unknown types are not guards, ranges past the end are cut. JSON that cannot be read
/// as a list of transforms at all gives `[]`.
#[wasm_bindgen(unchecked_return_type = "BlockInfo[]")]
pub fn blocks(#[wasm_bindgen(unchecked_param_type = "Config")] config: &JsValue) -> JsValue {
    let transforms = config_text(config)
        .ok()
        .and_then(|text| wire::parse_config(&text, &Limits::default()).ok())
        .map(|(transforms, _)| transforms)
        .unwrap_or_default();
    to_js(&block_structure(&transforms))
}

/// The known type name nearest to `name` (a likely typo), or `undefined`.
#[wasm_bindgen(js_name = nearestType)]
pub fn nearest_type(name: &str) -> Option<String> {
    crate::kind::nearest_name(name).map(str::to_owned)
}

/// `applyPacked`'s code for a number the pipeline left as it was.
const UNCHANGED: i32 = -3;
/// `applyPacked`'s code for a number the pipeline changed.
const CHANGED: i32 = -2;

#[wasm_bindgen(js_class = Pipeline)]
impl JsPipeline {
    /// `applyMany` for large batches, packed: `{text, ends, codes}`. Result `i` (the output,
    /// or the error message) is `text.slice(ends[i - 1] ?? 0, ends[i])` (UTF-16 offsets);
    /// `codes[i]` is -3 for unchanged, -2 for changed, -1 for an error before any step and
    /// `k >= 0` for an error at step `k`. No object per number is made.
    ///
    /// # Errors
    ///
    /// An `Error` when `numbers` is not an array of strings.
    #[wasm_bindgen(
        js_name = applyPacked,
        unchecked_return_type = "{text: string, ends: Uint32Array, codes: Int32Array}"
    )]
    pub fn apply_packed(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] numbers: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (text, ends, codes) = with_numbers(numbers, |numbers, n, bytes| {
            let mut text = String::with_capacity(bytes + n * 4);
            let mut ends = Vec::with_capacity(n);
            let mut codes = Vec::with_capacity(n);
            let mut out = String::with_capacity(64);
            let mut end = 0u32;
            for number in numbers {
                let message;
                let (piece, code) = match self.inner.apply_view(number, &mut out) {
                    Ok(output) if output == number => (output, UNCHANGED),
                    Ok(output) => (output, CHANGED),
                    Err(e) => {
                        message = e.to_string();
                        (message.as_str(), e.step().map_or(-1, |s| s as i32))
                    }
                };
                end += utf16_len(piece);
                text.push_str(piece);
                ends.push(end);
                codes.push(code);
            }
            (text, ends, codes)
        })?;
        let result = Object::new();
        let put =
            |key: &str, value: &JsValue| Reflect::set(&result, &JsValue::from_str(key), value);
        put("text", &JsValue::from_str(&text))?;
        put("ends", &Uint32Array::from(ends.as_slice()).into())?;
        put("codes", &Int32Array::from(codes.as_slice()).into())?;
        Ok(result.into())
    }

    /// For every number of an array, the transforms that decided its result
    /// ([`Outcome::decided`](crate::Outcome::decided): those that changed it, then the `stop`
    /// that ended the run or the step that failed), for a whole batch in one call.
    ///
    /// Returned flat, as one `Uint32Array`: for each number in order, a count `k` followed by
    /// `k` 0-based transform indices.
    ///
    /// # Errors
    ///
    /// An `Error` when `numbers` is not an array of strings.
    pub fn decisions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] numbers: &JsValue,
    ) -> Result<Vec<u32>, JsValue> {
        with_numbers(numbers, |numbers, n, _| {
            let mut flat = Vec::with_capacity(n * 2);
            let mut outcome = Outcome::new();
            for number in numbers {
                self.inner.outcome_into(number, &mut outcome);
                let at = flat.len();
                flat.push(0);
                flat.extend(outcome.decided().map(|i| i as u32));
                flat[at] = (flat.len() - at - 1) as u32;
            }
            flat
        })
    }
}
