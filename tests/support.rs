//! What several test modules share: one engine with the default rules, built once, and
//! the built binary.

use factx::{Document, Engine, Fact};
use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

pub fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::with_default_rules().expect("default rules compile"))
}

/// The facts of `text` as one document.
pub fn facts(text: &str) -> Vec<Fact> {
    engine().extract(&Document::new("t", text))
}

/// The built binary, run from the crate root (where `seeds/` and `tests/` are).
pub fn factx() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factx"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// The binary run with `args` and `stdin` as its input, to its end.
pub fn factx_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = factx()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run factx");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}
