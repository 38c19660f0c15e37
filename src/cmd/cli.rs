//! Command-line arguments (clap derive only; the work is in `cmd`).

use crate::output::{Format, Header};
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "factx",
    version,
    about = "Turn Chinese regional news into spreadsheet-ready facts",
    long_about = "factx reads news articles and writes one record per fact: kind, value, unit, \
qualifier, the text it came from (raw, sentence, offset, line) and the rule that found it.\n\
Values are exact: money in 元, 万亩 in 亩, dates as ISO text.",
    after_help = "Examples:\n  \
factx extract seeds/                      facts of every .txt/.md under seeds/, as CSV\n  \
cat page.txt | factx extract --format jsonl\n  \
factx extract a.txt b.txt -o facts.csv\n  \
factx eval --gold tests/gold seeds/       score against hand-labelled facts\n  \
factx rules test                          run every rule's examples\n\n\
Exit codes: 0 ok; 1 some documents failed (the rest was written); 2 usage error or an input path that gives nothing to read."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract facts from files, directories or stdin
    #[command(after_help = "Examples:\n  \
factx extract seeds/\n  \
factx extract --format jsonl seeds/000_8649f4011eb7aae2.txt\n  \
cat seeds/*.txt | factx extract -             one document from stdin\n  \
factx extract seeds/ --format excel-csv --header zh -o facts.csv\n  \
factx extract seeds/ --format xlsx -o facts.xlsx\n  \
factx extract seeds/ --format html --gold tests/gold -o review.html\n  \
factx extract --input jsonl --ref-date 2025-11-19 corpus.jsonl --format jsonl\n  \
factx extract seeds/ --fields doc,region,indicator,value,unit --money-unit 万元")]
    Extract(ExtractArgs),
    /// Score extraction against gold facts (precision, recall, F1, qualifier accuracy)
    #[command(after_help = "Examples:\n  \
factx eval --gold tests/gold seeds/\n  \
factx eval --gold tests/gold seeds/ --show-errors\n  \
factx eval --gold tests/gold --gold tests/dev2/gold seeds/ tests/dev2/texts/\n\n\
Gold files are JSON Lines, one per document, named after it (see tests/gold/README.md).\n\
With several --gold, each document is scored against the directory that has its gold (a\n\
document in two is an error): one report per directory, then one over all of them, \"all\"\n\
(--format json: an object with one report per directory and \"all\").")]
    Eval(EvalArgs),
    /// Work with rule files
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  factx completions bash > /etc/bash_completion.d/factx\n  factx completions zsh > ~/.zfunc/_factx\n  factx completions fish > ~/.config/fish/completions/factx.fish"
    )]
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
    /// Show, for each fact in a text, its value, region and which rule or fallback named
    /// its indicator: the rule author's debugger
    #[command(
        after_help = "Examples:\n  factx explain '和林格尔县投入财政衔接资金7081万元'\n  factx explain --file page.txt"
    )]
    Explain(ExplainArgs),
    /// Show how pages are split into articles: start line, home region, title
    #[command(after_help = "Examples:\n  factx articles seeds/000_8649f4011eb7aae2.txt")]
    Articles(ArticlesArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The text to explain
    #[arg(required_unless_present = "file")]
    pub text: Option<String>,
    /// Explain a file instead (`-` for stdin)
    #[arg(long, value_name = "PATH", conflicts_with = "text")]
    pub file: Option<String>,
    /// Home province, as for `extract`
    #[arg(long, value_name = "NAME")]
    pub province: Option<String>,
    /// Publication date (YYYY-MM-DD) for a text that carries none, as for `extract`
    #[arg(long, value_name = "DATE")]
    pub ref_date: Option<String>,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, clap::Args)]
pub struct ArticlesArgs {
    /// Files or directories to read (as for `extract`)
    pub paths: Vec<String>,
    /// Home province of every document, as for `extract`
    #[arg(long, value_name = "NAME")]
    pub province: Option<String>,
    /// Publication date (YYYY-MM-DD) for pages that carry none, as for `extract`
    #[arg(long, value_name = "DATE")]
    pub ref_date: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files or directories to read (directories: every .txt and .md, recursively, sorted);
    /// `-` or nothing reads stdin
    pub paths: Vec<String>,
    /// Output format
    #[arg(short, long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Write to FILE instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<String>,
    /// Home province of every document (内蒙古, 内蒙古自治区 or 150000); settles ambiguous
    /// place names such as 海南区. Default: inferred per document from its place names
    #[arg(long, value_name = "NAME")]
    pub province: Option<String>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// How to read the input: text (each file is a document) or jsonl (each line is
    /// {"id": …, "text": …, "date": …})
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    pub input: InputFormat,
    /// JSON Lines field holding the document id (written as `doc`)
    #[arg(long, value_name = "FIELD", default_value = "id")]
    pub id_field: String,
    /// JSON Lines field holding the text
    #[arg(long, value_name = "FIELD", default_value = "text")]
    pub text_field: String,
    /// JSON Lines field holding the publication date (YYYY-MM-DD), for partial dates
    #[arg(long, value_name = "FIELD", default_value = "date")]
    pub date_field: String,
    /// Publication date (YYYY-MM-DD) of documents that carry none, to resolve partial dates
    /// against (11月17日 → 2025-11-17). A JSON Lines date field or the page's own date line
    /// wins. Without any they stay partial (--11-17)
    #[arg(long, value_name = "DATE")]
    pub ref_date: Option<String>,
    /// With --format html: mark misses and false alarms against the gold facts in DIR
    /// (JSON Lines, as for `factx eval`)
    #[arg(long, value_name = "DIR")]
    pub gold: Option<String>,
    /// Columns to write, in order, comma-separated (default: all)
    #[arg(long, value_name = "LIST")]
    pub fields: Option<String>,
    /// Column names and the kind and qualifier values: en (doc, region, …; money, over) or
    /// zh (文档, 地区, …; 金额, 以上). JSON keys stay English
    #[arg(long, value_enum, default_value_t = Header::En)]
    pub header: Header,
    /// Start CSV with a UTF-8 byte order mark (on by default for excel-csv)
    #[arg(long)]
    pub bom: bool,
    /// Express money in this unit: 元 (default), 万元 or 亿元 (exact)
    #[arg(long, value_name = "UNIT", default_value = "元", value_parser = ["元", "万元", "亿元"])]
    pub money_unit: String,
    /// Text encoding of input files: auto (UTF-8, UTF-16 with BOM, else GB18030/GBK when
    /// it decodes cleanly), utf-8 or gbk
    #[arg(long, value_enum, default_value_t = crate::input::Encoding::Auto)]
    pub encoding: crate::input::Encoding,
    /// Documents processed in parallel (default: all cores); the output order is the
    /// input order whatever the number
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// No progress bar and no summary line
    #[arg(short, long)]
    pub quiet: bool,
    /// Always print the summary line (documents, facts, errors, seconds) on stderr
    #[arg(long)]
    pub stats: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    Text,
    Jsonl,
}

/// Which rules to load.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct RuleArgs {
    /// Load the *.toml rule files of DIR on top of the defaults (repeatable); a rule with
    /// the same id replaces the default one
    #[arg(long = "rules", value_name = "DIR")]
    pub dirs: Vec<String>,
    /// Start from no rules at all (only those of --rules)
    #[arg(long)]
    pub no_default_rules: bool,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Directory of gold JSON Lines files, one per document (repeatable: each document is
    /// scored against the directory that has its gold; one report per directory, then
    /// one over all of them)
    #[arg(long, value_name = "DIR", required = true)]
    pub gold: Vec<String>,
    /// Documents to extract from and score (as for `extract`)
    pub paths: Vec<String>,
    /// List every miss, false alarm and value error
    #[arg(long)]
    pub show_errors: bool,
    /// Report format
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Home province of every document, as for `extract`
    #[arg(long, value_name = "NAME")]
    pub province: Option<String>,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Check rule files without running them: TOML syntax, unknown keys, duplicate ids,
    /// patterns that do not compile or lack a group, examples that do not parse
    #[command(
        after_help = "Examples:\n  factx rules check                 the default rules\n  factx rules check my-rules/       the defaults plus my-rules/*.toml\n\nEach problem is printed as file:line:column: rule \"id\": what to change. Exit code 1 on any."
    )]
    Check(RulesDirs),
    /// Run every rule's examples (text → expected records) and counterexamples
    #[command(
        after_help = "Examples:\n  factx rules test                  every default rule's examples\n  factx rules test my-rules/        the examples of the rules in my-rules/\n\nPrints ok/FAIL per example, a diff for each failure, and 'N passed, N failed'. Exit code 1 on any failure."
    )]
    Test(RulesDirs),
    /// List the loaded rules: id, kind and the file they come from
    List(RulesDirs),
}

#[derive(Debug, Clone, clap::Args)]
pub struct RulesDirs {
    /// Directories of *.toml rule files, loaded on top of the defaults
    pub dirs: Vec<String>,
    /// Leave out the default rules
    #[arg(long)]
    pub no_default_rules: bool,
}
