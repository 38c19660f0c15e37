//! One module per subcommand. Each returns the process exit code.

pub mod eval;
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
