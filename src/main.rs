use clap::Parser;
use factx::cmd;
use factx::cmd::cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Rules(c) => cmd::rules::run(c),
        Command::Articles(args) => cmd::articles::run(args),
        Command::Explain(args) => cmd::explain::run(args),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut command = Cli::command();
            clap_complete::generate(*shell, &mut command, "factx", &mut std::io::stdout());
            Ok(cmd::EXIT_OK)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`factx extract seeds/ | head -1`) is the reader's choice, not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::from(cmd::EXIT_OK),
        Err(e) => {
            cmd::report(&e);
            ExitCode::from(cmd::EXIT_USAGE)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<csv::Error>().is_some_and(|ce| {
                matches!(ce.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|je| je.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}
