//! One module per subcommand. Each returns the process exit code.

pub mod articles;
pub mod eval;
pub mod explain;
pub mod extract;
pub mod rules;

/// Exit codes, as documented in the README.
pub const EXIT_OK: u8 = 0;
pub const EXIT_SOME_FAILED: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// Prints a one-line error for the user.
pub fn report(err: &anyhow::Error) {
    eprintln!("factx: error: {err:#}");
}

/// The engine with the default rules and, when given, a fixed home province.
pub fn engine(province: Option<&str>) -> anyhow::Result<crate::Engine> {
    let engine = crate::Engine::with_default_rules()?;
    match province {
        Some(p) => engine.with_province(p),
        None => Ok(engine),
    }
}

/// The exit code of a run over inputs: paths that gave nothing to read are a usage error,
/// documents that could not be read a partial failure.
pub fn exit_code(path_errors: usize, failed_docs: usize) -> u8 {
    if path_errors > 0 {
        EXIT_USAGE
    } else if failed_docs > 0 {
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    }
}
