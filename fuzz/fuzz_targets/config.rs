//! Arbitrary bytes as configuration JSON: compiling never panics (failures are `Err`), and a
//! pipeline that compiles can be applied, traced, explained and linted without panicking.
#![no_main]

use callerid_transform::{Error, Pipeline, StepStatus};
use libfuzzer_sys::fuzz_target;

const NUMBERS: &[&str] = &[
    "",
    "+442079460000",
    "020 7946 0000",
    "anonymous",
    "0591012345",
    "+1 (415) 555-0100",
    "\u{0}\u{7f}\u{e9}\u{260e}\u{1f4de}",
];

fuzz_target!(|data: &[u8]| {
    let json = String::from_utf8_lossy(data);
    check(&json, Pipeline::builder());
    // Tight limits reach the length-limit paths with short inputs.
    check(&json, Pipeline::builder().max_length(12).max_value_len(8));
});

fn check(json: &str, builder: callerid_transform::PipelineBuilder) {
    let report = builder.check(json);
    let pipeline = match builder.from_json(json) {
        Ok(p) => p,
        Err(e) => {
            // Every failure says something; `check` agrees that the configuration is bad.
            assert!(!e.to_string().is_empty());
            assert!(
                !report.errors.is_empty(),
                "from_json failed but check found no error"
            );
            if let Error::Config(errors) = &e {
                assert!(!errors.is_empty());
                for err in errors {
                    assert!(!err.message.is_empty());
                }
            }
            return;
        }
    };
    assert!(
        report.errors.is_empty(),
        "compiled but check reports {:?}",
        report.errors
    );
    let n = pipeline.transforms().len();
    for lint in pipeline.lint() {
        assert!(
            lint.index < n,
            "lint index {} past {n} transforms",
            lint.index
        );
    }
    let _ = pipeline.explain();
    let limit = pipeline.limits().max_length;
    let mut buf = String::new();
    for input in NUMBERS.iter().copied().chain(std::iter::once(json)) {
        let result = pipeline.apply(input);
        let into = pipeline.apply_into(input, &mut buf).map(|()| buf.clone());
        assert_eq!(result, into, "apply and apply_into disagree on {input:?}");
        if let Ok(out) = &result {
            assert!(
                out.chars().count() <= limit,
                "output {out:?} passes the limit"
            );
        }
        let trace = pipeline.trace(input);
        assert_eq!(
            trace.result, result,
            "trace and apply disagree on {input:?}"
        );
        if input.chars().count() <= limit {
            assert_eq!(trace.steps.len(), n);
            for (i, step) in trace.steps.iter().enumerate() {
                assert_eq!(step.index, i);
                if step.status == StepStatus::Changed {
                    assert_ne!(step.before, step.after);
                }
            }
        }
    }
    // What compiled from JSON compiles again from its own transforms, to the same results.
    let again = Pipeline::builder()
        .limits(*pipeline.limits())
        .from_transforms(pipeline.transforms())
        .expect("a compiled pipeline's transforms compile again");
    for input in NUMBERS {
        assert_eq!(again.apply(input), pipeline.apply(input));
    }
}
