//! The user rule set in examples/user-rules/: its examples pass, it extracts its new
//! indicators from its articles (snapshot), and a broken example fails readably.

use insta_cmd::assert_cmd_snapshot;

use super::support::factx;

#[test]
fn user_rule_examples_pass() {
    let out = factx()
        .args(["rules", "test", "examples/user-rules/rules"])
        .output()
        .expect("run factx");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.ends_with("6 passed, 0 failed\n"), "{stdout}");
}

#[test]
fn user_rules_extract_their_indicators() {
    assert_cmd_snapshot!(
        "user_rules_extract",
        factx().args([
            "extract",
            "--format",
            "jsonl",
            "--rules",
            "examples/user-rules/rules",
            "examples/user-rules/articles/",
        ])
    );
}

#[test]
fn a_broken_example_fails_with_a_diff() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("broken_user_rules");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let good = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/user-rules/rules/grain.toml"
    ))
    .expect("user rules");
    let broken = good.replace("value = 1550, unit = \"斤\"", "value = 1555, unit = \"斤\"");
    assert_ne!(good, broken);
    std::fs::write(dir.join("grain.toml"), broken).expect("write");
    let out = factx()
        .args(["rules", "test"])
        .arg(&dir)
        .output()
        .expect("run factx");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("FAIL "), "{stdout}");
    assert!(
        stdout.contains("- want value=1555 value_max=- unit=斤 qualifier=- raw=亩产1550斤"),
        "{stdout}"
    );
    assert!(
        stdout
            .contains("+ got  [grain.yield_per_mu raw=亩产1550斤 value=1550 unit=斤 qualifier=-]"),
        "{stdout}"
    );
    assert!(stdout.ends_with("5 passed, 1 failed\n"), "{stdout}");
}

#[test]
fn no_default_rules_starts_from_the_users_rules_only() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("only_user_rules");
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("tons.toml"),
        "[[unit]]\nsurface = \"万吨\"\nkind = \"weight\"\nunit = \"吨\"\nscale = \"10000\"\n\n\
         [[rule]]\nid = \"tons\"\nunits = [\"吨\"]\npattern = '(?P<num>[0-9]+)(?P<unit>{UNIT})'\n\
         examples = [{ text = \"产量60万吨\", value = 600000, unit = \"吨\" }]\n",
    )
    .expect("write");
    let out = factx()
        .args([
            "extract",
            "--format",
            "jsonl",
            "--no-default-rules",
            "--rules",
        ])
        .arg(&dir)
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all("年产60万吨,投资8亿元,带动就业300人。".as_bytes())?;
            child.wait_with_output()
        })
        .expect("run factx");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    // Only the user's rule ran: no money, no count.
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("\"rule\":\"tons\""), "{stdout}");
    assert!(stdout.contains("\"value\":600000"), "{stdout}");
}
