//! Whatever scrapers produce: other encodings, binaries, empty and truncated files, broken
//! rule files. Every case asserts the exact message and exit code; no document is lost.

use std::path::{Path, PathBuf};
use std::process::Command;

fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("reliability")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn extract(args: &[&str], paths: &[&Path]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_factx"))
        .arg("extract")
        .args(args)
        .args(paths)
        .output()
        .expect("run factx");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const FIELDS: [&str; 4] = ["--format", "jsonl", "--fields", "value,unit"];

#[test]
fn gbk_file_is_decoded_with_a_note() {
    let d = dir("gbk");
    // "投资100元。" in GBK.
    std::fs::write(d.join("gbk.txt"), b"\xcd\xb6\xd7\xca100\xd4\xaa\xa1\xa3").expect("write");
    let (code, out, err) = extract(&FIELDS, &[&d.join("gbk.txt")]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "{\"value\":100,\"unit\":\"元\"}\n");
    assert_eq!(
        err,
        format!(
            "factx: note: {}: not UTF-8; read as GB18030/GBK\n",
            d.join("gbk.txt").display()
        )
    );
}

#[test]
fn utf16_with_bom_is_read() {
    let d = dir("utf16");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "惠及群众1932人。".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    std::fs::write(d.join("utf16.txt"), bytes).expect("write");
    let (code, out, err) = extract(&FIELDS, &[&d.join("utf16.txt")]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
    assert_eq!(out, "{\"value\":1932,\"unit\":\"人\"}\n");
}

#[test]
fn pdf_is_an_error_and_the_run_goes_on() {
    let d = dir("pdf");
    std::fs::write(
        d.join("a.pdf.txt"),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n\x00\x01",
    )
    .expect("write");
    std::fs::write(d.join("b.txt"), "投入资金5万元。").expect("write");
    let (code, out, err) = extract(&FIELDS, &[&d]);
    assert_eq!(code, Some(1));
    assert_eq!(
        err,
        format!(
            "factx: error: {}: a binary file (PDF, image or archive?), not text; convert it to text first\n",
            d.join("a.pdf.txt").display()
        )
    );
    assert_eq!(out, "{\"value\":50000,\"unit\":\"元\"}\n");
}

#[test]
fn empty_file_is_a_document_without_facts() {
    let d = dir("empty");
    std::fs::write(d.join("empty.txt"), b"").expect("write");
    let (code, out, err) = extract(&["--stats"], &[&d.join("empty.txt")]);
    assert_eq!(code, Some(0));
    assert_eq!(out.lines().count(), 1, "only the header: {out}");
    assert!(
        err.starts_with("factx: 1 documents (0 with facts), 0 facts, 0 errors, "),
        "{err}"
    );
}

#[test]
fn truncated_utf8_keeps_what_is_there() {
    let d = dir("truncated");
    let mut bytes = "带动就业300人。投资".as_bytes().to_vec();
    bytes.extend(&"资".as_bytes()[..2]);
    std::fs::write(d.join("cut.txt"), bytes).expect("write");
    let (code, out, err) = extract(&FIELDS, &[&d.join("cut.txt")]);
    assert_eq!(code, Some(0));
    assert_eq!(out, "{\"value\":300,\"unit\":\"人\"}\n");
    assert_eq!(
        err,
        format!(
            "factx: warning: {}:1: the file ends inside a UTF-8 character (truncated?); the incomplete character was dropped\n",
            d.join("cut.txt").display()
        )
    );
}

#[test]
fn undecodable_bytes_name_the_file_line_and_byte() {
    let d = dir("garbage");
    std::fs::write(
        d.join("bad.txt"),
        b"line one\n\xff\xff\xff\xff more text here",
    )
    .expect("write");
    let (code, _, err) = extract(&FIELDS, &[&d.join("bad.txt")]);
    assert_eq!(code, Some(1));
    assert_eq!(
        err,
        format!(
            "factx: error: {}:2: not valid UTF-8 (byte 9) nor GB18030; convert the file to UTF-8 (e.g. iconv -f GB18030 -t UTF-8) or give --encoding\n",
            d.join("bad.txt").display()
        )
    );
}

#[test]
fn a_malformed_rule_file_stops_before_any_work() {
    let d = dir("badrule");
    std::fs::write(
        d.join("x.toml"),
        "[[rule]]\nid = \"x\"\npattern = '(?P<num>[0-9]+)(?P<unit>{UNIT}'\nunits = [\"吨\"]\n",
    )
    .expect("write");
    let rules = d.display().to_string();
    let (code, out, err) = extract(&["--rules", &rules], &[Path::new("seeds")]);
    assert_eq!(code, Some(2));
    assert_eq!(out, "");
    assert!(
        err.starts_with(&format!(
            "factx: error: {}:3:11: rule \"x\": pattern does not compile:",
            d.join("x.toml").display()
        )),
        "{err}"
    );
}

#[test]
fn a_mix_of_good_and_bad_files_loses_nothing() {
    let d = dir("mix");
    std::fs::write(d.join("1.txt"), "投入资金5万元。").expect("write");
    std::fs::write(d.join("2.txt"), b"%PDF-1.4\x00").expect("write");
    std::fs::write(d.join("3.txt"), "惠及群众12人。").expect("write");
    std::fs::write(d.join("4.txt"), b"\xff\xfe\xff").expect("write");
    std::fs::write(d.join("5.txt"), "").expect("write");
    let (code, out, err) = extract(
        &["--stats", "--format", "jsonl", "--fields", "doc,value"],
        &[&d],
    );
    assert_eq!(code, Some(1));
    let docs: Vec<&str> = out.lines().collect();
    assert_eq!(docs.len(), 2, "{out}");
    assert!(docs[0].contains("1.txt") && docs[0].contains("50000"));
    assert!(docs[1].contains("3.txt") && docs[1].contains(":12}"));
    let errors: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("factx: error: "))
        .collect();
    assert_eq!(errors.len(), 2, "{err}");
    assert!(
        errors[0].contains("2.txt") && errors[1].contains("4.txt"),
        "{err}"
    );
    assert!(
        err.contains("factx: 3 documents (2 with facts), 2 facts, 2 errors, "),
        "{err}"
    );
}

#[test]
fn a_number_too_long_to_be_one_is_reported() {
    let d = dir("longnumber");
    std::fs::write(
        d.join("n.txt"),
        format!("标题\n投入{}元。", "1".repeat(100_000)),
    )
    .expect("write");
    let (code, out, err) = extract(&FIELDS, &[&d.join("n.txt")]);
    assert_eq!(code, Some(0));
    assert_eq!(out, "");
    assert_eq!(
        err,
        format!(
            "factx: warning: {}:2: a run of 100000 digits is too long to be a number; it gives no fact\n",
            d.join("n.txt").display()
        )
    );
}
