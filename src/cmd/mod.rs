//! One module per subcommand. Each returns the process exit code.

pub mod articles;
pub mod cli;
pub mod eval;
pub mod explain;
pub mod extract;
pub mod ordered;
pub mod rules;

/// Exit codes, as documented in the README.
pub const EXIT_OK: u8 = 0;
pub const EXIT_SOME_FAILED: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// Prints a one-line error for the user.
pub fn report(err: &anyhow::Error) {
    eprintln!("factx: error: {err:#}");
}

/// The rules the user asked for: the defaults (unless left out) and each directory's.
/// `every_check`: check the built-in files' patterns too ([`crate::RuleSet::load_checked`]).
pub fn load_rules(
    dirs: &[String],
    no_defaults: bool,
    every_check: bool,
) -> Result<crate::RuleSet, crate::rules::RuleErrors> {
    use crate::rules::{default_sources, dir_sources, RuleErrors, RuleSet};
    let mut sources = if no_defaults {
        Vec::new()
    } else {
        default_sources()
    };
    let mut errors = Vec::new();
    for (i, d) in dirs.iter().enumerate() {
        match dir_sources(std::path::Path::new(d), i + 1) {
            Ok(s) => sources.extend(s),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(RuleErrors(errors));
    }
    if every_check {
        RuleSet::load_checked(&sources).map_err(RuleErrors)
    } else {
        RuleSet::load(&sources).map_err(RuleErrors)
    }
}

/// The engine with the chosen rules and, when given, a fixed home province.
pub fn engine(
    province: Option<&str>,
    rules: &crate::cmd::cli::RuleArgs,
) -> anyhow::Result<crate::Engine> {
    let set = load_rules(&rules.dirs, rules.no_default_rules, false)?;
    let engine = crate::Engine::with_rules(set)?;
    match province {
        Some(p) => engine.with_province(p),
        None => Ok(engine),
    }
}

/// The engine with `--ref-date`, when given.
pub fn with_ref_date(engine: crate::Engine, day: Option<&str>) -> anyhow::Result<crate::Engine> {
    use anyhow::Context;
    Ok(match day {
        Some(d) => engine.with_ref_date(
            crate::input::jsonl::parse_iso_date(d)
                .with_context(|| format!("--ref-date {d:?}: write the date as YYYY-MM-DD"))?,
        ),
        None => engine,
    })
}

/// What a document's partial dates resolve against, for `articles` and `explain`.
pub fn reference_line(engine: &crate::Engine, doc: &crate::Document) -> String {
    match engine.reference_date(doc) {
        Some((day, source)) => format!("reference date: {} ({source})", day.iso()),
        None => "reference date: none (partial dates stay partial)".to_string(),
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
