//! Pattern text: `{NAME}` fragments expanded, tables turned into alternations.

use std::collections::BTreeMap;

/// `a|bb|ccc` as a non-capturing group, longest first so the regex prefers 万元 over 万.
pub(super) fn alternation<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut items: Vec<&str> = items.collect();
    items.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    items.dedup();
    if items.is_empty() {
        // Matches nothing: a rule with no units must not match everything.
        return "(?:[^\\s\\S])".to_string();
    }
    let escaped: Vec<String> = items.iter().map(|s| regex::escape(s)).collect();
    format!("(?:{})", escaped.join("|"))
}

/// Replaces `{NAME}` with its definition (recursively) and `{UNIT}` with the rule's units.
/// Regex repetition braces (`{2}`, `{1,3}`) are left alone.
pub(super) fn expand(
    pattern: &str,
    defs: &BTreeMap<String, String>,
    unit: Option<&str>,
) -> Result<String, String> {
    fn go(
        p: &str,
        defs: &BTreeMap<String, String>,
        unit: Option<&str>,
        depth: usize,
    ) -> Result<String, String> {
        if depth > 16 {
            return Err("definitions refer to each other in a loop".to_string());
        }
        let mut out = String::with_capacity(p.len());
        let mut rest = p;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let close = after.find('}');
            let name = close.map(|c| &after[..c]).unwrap_or("");
            let is_name = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
                && name.starts_with(|c: char| c.is_ascii_uppercase());
            match (is_name, close) {
                (true, Some(c)) => {
                    if name == "UNIT" {
                        match unit {
                            Some(u) => out.push_str(u),
                            None => {
                                return Err("{UNIT} is only allowed in a rule pattern".to_string())
                            }
                        }
                    } else {
                        let def = defs
                            .get(name)
                            .ok_or_else(|| format!("{{{name}}} is not defined in [defs]"))?;
                        out.push_str("(?:");
                        out.push_str(&go(def, defs, unit, depth + 1)?);
                        out.push(')');
                    }
                    rest = &after[c + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        Ok(out)
    }
    go(pattern, defs, unit, 0)
}
