//! `importRules` for JavaScript: vendor rule tables (Cisco, Kamailio/OpenSIPS, Yeastar,
//! 3CX, Teams) to transforms, a thin shell over [`crate::import`].

use js_sys::{Error as JsError, Reflect};
use wasm_bindgen::prelude::*;

use super::{set, to_js};
use crate::import::{import, Format, ImportNote, ImportOptions};

#[wasm_bindgen(typescript_custom_section)]
const TS_IMPORT: &str = r#"
/** A vendor rule format `importRules` reads. */
export type ImportFormat = "cisco" | "kamailio" | "yeastar" | "3cx" | "teams";

/** `select`: the Cisco tag or Kamailio dpid when the input has several; `lossy`: turn
 *  what cannot be carried over exactly into warnings instead of errors. */
export interface ImportOptions { select?: string; lossy?: boolean }

/** A note about one source line (1-based; null for the whole input). */
export interface ImportNote { line: number | null; message: string }

/** An imported rule table: transforms, each one's source line, and lossy warnings. */
export interface Imported { transforms: Transform[]; lines: number[]; warnings: ImportNote[] }

/** The `Error` thrown by `importRules`. */
export interface ImportError extends Error { errors: ImportNote[] }

/** Converts a vendor rule table to transforms; throws an `ImportError` listing every
 *  problem (strict failures, malformed input, a missing `select` with the choices). */
export function importRules(format: ImportFormat, text: string, options?: ImportOptions): Imported;
"#;

fn import_error(errors: &[ImportNote]) -> JsValue {
    let message = errors
        .iter()
        .map(ImportNote::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    let err = JsError::new(&message);
    set(&err, "errors", &to_js(errors));
    err.into()
}

fn options(value: &JsValue) -> Result<ImportOptions, JsValue> {
    let mut options = ImportOptions::default();
    if value.is_undefined() || value.is_null() {
        return Ok(options);
    }
    if !value.is_object() {
        return Err(import_error(&[ImportNote {
            line: None,
            message: "options must be an object like {select: \"1\", lossy: true}".into(),
        }]));
    }
    let get =
        |key: &str| Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    let select = get("select");
    if let Some(s) = select.as_string() {
        options.select = Some(s);
    } else if let Some(n) = select.as_f64() {
        options.select = Some(n.to_string());
    } else if !(select.is_undefined() || select.is_null()) {
        return Err(import_error(&[ImportNote {
            line: None,
            message: "options.select must be a string".into(),
        }]));
    }
    options.lossy = get("lossy").is_truthy();
    Ok(options)
}

/// Imports a vendor rule table: `{transforms, lines, warnings}`, or throws an `Error`
/// whose `.errors` lists every problem as `{line, message}`.
#[wasm_bindgen(js_name = importRules, skip_typescript)]
pub fn import_rules(format: &str, text: &str, options_value: JsValue) -> Result<JsValue, JsValue> {
    let Some(format) = Format::from_name(format) else {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        return Err(import_error(&[ImportNote {
            line: None,
            message: format!(
                "unknown format {format:?}; expected one of {}",
                names.join(", ")
            ),
        }]));
    };
    let options = options(&options_value)?;
    import(format, text, &options)
        .map(|imported| to_js(&imported))
        .map_err(|e| import_error(&e.errors))
}
