//! The command line as a user meets it: help, stdin, errors, exit codes, pipes.

use insta_cmd::assert_cmd_snapshot;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

use super::support::factx;

#[test]
fn help_shows_examples() {
    assert_cmd_snapshot!("help", factx().arg("--help"));
    assert_cmd_snapshot!("extract_help", factx().args(["extract", "--help"]));
}

#[test]
fn reads_stdin_as_one_document() {
    assert_cmd_snapshot!(
        "stdin_jsonl",
        factx()
            .args(["extract", "--format", "jsonl", "-"])
            .pass_stdin("在链条的上游,总投资25.6亿元的锂铝采选项目已于今年3月18日试生产。")
    );
}

#[test]
fn csv_is_the_default_and_quotes_fields() {
    assert_cmd_snapshot!(
        "stdin_csv",
        factx()
            .arg("extract")
            .pass_stdin("据测算,该电站预计年收益200余万元,惠及群众1932人。")
    );
}

#[test]
fn missing_file_is_reported_and_the_rest_still_processed() {
    let out = factx()
        .args([
            "extract",
            "no/such/page.txt",
            "seeds/001_37e0b673d0f6a67d.txt",
        ])
        .output()
        .expect("run factx");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(
        stderr.trim(),
        "factx: error: no/such/page.txt: no such file or directory"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("doc,kind,region,"), "{stdout}");
    assert!(
        stdout.contains("seeds/001_37e0b673d0f6a67d.txt,count,"),
        "{stdout}"
    );
}

#[test]
fn directory_without_text_files_is_an_error() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("empty_input_dir");
    std::fs::create_dir_all(&dir).expect("create temp dir");
    std::fs::write(dir.join("notes.pdf"), b"%PDF-1.4").expect("write file");
    let out = factx()
        .arg("extract")
        .arg(&dir)
        .output()
        .expect("run factx");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.ends_with("empty_input_dir: no .txt or .md files in this directory\n"),
        "{stderr}"
    );
}

#[test]
fn closed_pipe_ends_quietly() {
    // Enough input that the output cannot fit in the pipe buffer, so the write must fail.
    let mut child = factx()
        .arg("extract")
        .args(std::iter::repeat_n("seeds/", 40))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run factx");
    let mut first = String::new();
    {
        let stdout = child.stdout.take().expect("piped stdout");
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("read a line");
    } // stdout dropped: the pipe is closed like `| head -1`
    let out = child.wait_with_output().expect("wait for factx");
    assert!(first.starts_with("doc,kind"));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn explain_says_which_rule_named_each_indicator() {
    assert_cmd_snapshot!(
        "explain",
        factx().args([
            "explain",
            "2025年,和林格尔县在盛乐镇等6个乡镇投入衔接资金1615万元,惠及群众1932人。"
        ])
    );
}

/// With more than one job the records are rendered on the worker threads;
/// every format gives the same bytes for any number of jobs, including a JSON array whose
/// first documents have no facts (its first record has no separator).
#[test]
fn output_is_the_same_for_any_number_of_jobs() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("jobs");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let empty = dir.join("no_facts.txt");
    std::fs::write(&empty, "这一页没有数字。\n").expect("write");
    for format in ["jsonl", "json", "csv", "excel-csv"] {
        for fields in [None, Some("value,unit,region")] {
            let run = |jobs: &str| {
                let mut cmd = factx();
                cmd.args(["extract", "--format", format, "--jobs", jobs]);
                if let Some(f) = fields {
                    cmd.args(["--fields", f]);
                }
                cmd.arg(&empty)
                    .args(["seeds/", "seeds/"])
                    .arg(&empty)
                    .args(["seeds/"])
                    .output()
                    .expect("run factx")
                    .stdout
            };
            let one = run("1");
            assert!(one.len() > 10_000, "{format}: records written");
            assert!(one == run("2"), "{format} {fields:?}: 2 jobs differ from 1");
            assert!(one == run("4"), "{format} {fields:?}: 4 jobs differ from 1");
        }
    }
}

/// A page past the streaming limit (1 MiB) is extracted while its facts are written: the
/// records are the same as the library's for the whole page, in place among the others,
/// for any number of jobs and in every text format.
#[test]
fn a_huge_page_streams_the_same_records() {
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_8649f4011eb7aae2.txt"),
    )
    .expect("seed");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("huge_page");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let huge = seed.repeat((1 << 20) / seed.len() + 2);
    assert!(huge.len() > 1 << 20);
    let (small, big) = (dir.join("a_small.txt"), dir.join("b_huge.txt"));
    std::fs::write(&small, &seed).expect("write");
    std::fs::write(&big, &huge).expect("write");

    let engine = factx::Engine::with_default_rules().expect("rules");
    for format in [factx::output::Format::Jsonl, factx::output::Format::Csv] {
        let mut expected = Vec::new();
        let mut writer = factx::output::FactWriter::plain(format, &mut expected).expect("writer");
        for (path, text) in [(&small, &seed), (&big, &huge), (&small, &seed)] {
            let doc = factx::Document::new(path.display().to_string(), text.as_str());
            for fact in engine.extract(&doc) {
                writer.write(&fact).expect("write");
            }
        }
        writer.finish().expect("finish");
        let name = if format == factx::output::Format::Csv {
            "csv"
        } else {
            "jsonl"
        };
        for jobs in ["1", "2"] {
            let out = factx()
                .args(["extract", "--format", name, "--jobs", jobs])
                .args([&small, &big, &small])
                .output()
                .expect("run factx");
            assert_eq!(out.status.code(), Some(0));
            assert!(
                out.stdout.len() > 1 << 20,
                "{name}: the huge page gave its facts"
            );
            assert!(
                out.stdout == expected,
                "{name}, --jobs {jobs}: records differ"
            );
        }
    }
}

#[test]
fn eval_reports_each_gold_set_and_all() {
    let eval = |args: &[&str]| {
        let out = factx().arg("eval").args(args).output().expect("run factx");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        (out.status.code(), stdout, stderr)
    };
    let (code, stdout, stderr) = eval(&[
        "--gold",
        "tests/gold",
        "--gold",
        "tests/dev2/gold",
        "--format",
        "json",
        "seeds/",
        "tests/dev2/texts/",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let keys: Vec<&String> = json.as_object().expect("an object").keys().collect();
    assert_eq!(keys.len(), 3, "{keys:?}");
    // In the order given, "all" last.
    let at = |key: &str| stdout.find(&format!("\n  \"{key}\": {{")).expect(key);
    assert!(at("tests/gold") < at("tests/dev2/gold") && at("tests/dev2/gold") < at("all"));
    let scored = |key: &str| json[key]["scored_docs"].as_array().expect(key).len();
    assert_eq!(
        (
            scored("tests/gold"),
            scored("tests/dev2/gold"),
            scored("all")
        ),
        (3, 22, 25)
    );
    assert_eq!(json["all"]["gold_facts"], 126 + 284);
    assert_eq!(json["all"]["input_docs"], 27);
    assert_eq!(
        json["all"]["docs_without_gold"].as_array().map(Vec::len),
        Some(2)
    );

    let (code, stdout, stderr) = eval(&[
        "--gold",
        "tests/gold",
        "--gold",
        "tests/dev2/gold",
        "seeds/",
        "tests/dev2/texts/",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with("== tests/gold ==\nscored 3 of 3 input documents\n"));
    assert!(stdout.contains("\n\n== tests/dev2/gold ==\nscored 22 of 22 input documents\n"));
    assert!(stdout.contains("\n\n== all ==\nscored 25 of 27 input documents (no gold: "));

    // One --gold: the report as it always was.
    let (code, stdout, stderr) = eval(&["--gold", "tests/gold", "--format", "json", "seeds/"]);
    assert_eq!(code, Some(0), "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(json["scored_docs"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["input_docs"], 5);

    // A document with gold in two directories.
    let (code, _, stderr) = eval(&["--gold", "tests/gold", "--gold", "tests/gold/", "seeds/"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr.trim(),
        "factx: error: document 000_8649f4011eb7aae2.txt has gold in two gold sets: tests/gold and tests/gold/"
    );
}
