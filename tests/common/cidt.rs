//! Running the `cidt` binary from the CLI tests (tests/cli*.rs, which need the `cli` feature):
//! arguments and stdin in, the process's output, its text and its exit code out.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The binary under test, built by cargo for the integration tests.
pub const CIDT: &str = env!("CARGO_BIN_EXE_cidt");

/// Runs `cidt args...` in the package's root, feeding `stdin` (then closing it).
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(CIDT)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn cidt");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    // Write from a thread so a large input cannot deadlock against a full stdout pipe; the
    // tool may exit without reading stdin, so a write error is not a failure.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("wait for cidt");
    writer.join().unwrap();
    output
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// The exit code; the process must have exited normally, without a panic.
pub fn code(o: &Output) -> i32 {
    let code = o
        .status
        .code()
        .expect("cidt exited normally, not by a signal");
    assert!(!stderr(o).contains("panicked"), "{}", stderr(o));
    code
}
