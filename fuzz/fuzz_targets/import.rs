//! Arbitrary bytes as vendor rule tables, in every format, strict and lossy: importing never
//! panics, errors and warnings always say something (with a line inside the input when they
//! have one), and what imports compiles and applies to a few numbers.
#![no_main]

use callerid_transform::import::{import, Format, ImportOptions};
use callerid_transform::Pipeline;
use libfuzzer_sys::fuzz_target;

const NUMBERS: &[&str] = &["", "+442079460000", "02079460000", "999", "anonymous", "\u{e9}\u{1f4de}1"];

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format and the options; the rest is the text.
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let format = Format::ALL[usize::from(selector) % Format::ALL.len()];
    let options = ImportOptions {
        lossy: selector & 0x08 != 0,
        select: (selector & 0x10 != 0).then(|| "1".to_string()),
    };
    let lines = text.lines().count().max(1);
    match import(format, &text, &options) {
        Ok(imported) => {
            assert_eq!(imported.lines.len(), imported.transforms.len());
            assert!(imported.lines.iter().all(|&l| l >= 1 && l <= lines));
            for w in &imported.warnings {
                assert!(options.lossy, "a strict import warned: {w}");
                assert!(!w.message.is_empty());
            }
            let pipeline = Pipeline::from_transforms(&imported.transforms)
                .unwrap_or_else(|e| panic!("imported transforms do not compile: {e}"));
            assert!(pipeline.lint().iter().all(|l| l.index < imported.transforms.len()));
            let _ = pipeline.explain();
            for n in NUMBERS {
                let _ = pipeline.apply(n);
            }
        }
        Err(e) => {
            assert!(!e.errors.is_empty());
            for n in &e.errors {
                assert!(!n.message.is_empty());
                if let Some(line) = n.line {
                    assert!(line >= 1 && line <= lines + 1, "line {line} of {lines}: {}", n.message);
                }
            }
        }
    }
});
