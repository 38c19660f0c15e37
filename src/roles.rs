//! Place roles (`rules/roles.toml`): cue words around a place mention that make it a
//! market, source, partner, donor, event name or an institution's owner rather than where
//! the facts around it happened.

use anyhow::{Context, Result};
use serde::Deserialize;

const FILE: &str = "rules/roles.toml";

/// One cue: `before` ends right before the mention, `after` starts within `window`
/// characters after it (no clause punctuation between). Either may be empty.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleCue {
    pub role: String,
    #[serde(default)]
    pub before: Vec<String>,
    #[serde(default)]
    pub after: Vec<String>,
    #[serde(default)]
    pub window: usize,
    /// Words right before the mention that cancel the cue (在阿拉善左旗第八小学: a place,
    /// not a school's name).
    #[serde(default)]
    pub unless_before: Vec<String>,
    #[serde(default)]
    pub examples: Vec<RoleExample>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleExample {
    pub text: String,
    pub place: String,
    /// The role `place` gets; empty for none (a subject).
    pub role: String,
}

#[derive(Deserialize)]
struct RoleFile {
    role: Vec<RoleCue>,
}

#[derive(Debug, Clone)]
pub struct Roles {
    pub cues: Vec<RoleCue>,
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '。' | '!' | '?' | '\n' | '(' | ')' | '“' | '”'
    )
}

impl Roles {
    /// The roles compiled into the binary.
    pub fn embedded() -> Result<Roles> {
        Roles::parse(include_str!("../rules/roles.toml"), FILE)
    }

    pub fn parse(text: &str, name: &str) -> Result<Roles> {
        let file: RoleFile =
            toml::from_str(text).with_context(|| format!("{name}: not a role file"))?;
        for (i, cue) in file.role.iter().enumerate() {
            if cue.before.is_empty() && cue.after.is_empty() {
                anyhow::bail!(
                    "{name}: role #{} ({}) has neither `before` nor `after`",
                    i + 1,
                    cue.role
                );
            }
        }
        Ok(Roles { cues: file.role })
    }

    /// The role of a mention (a chain of adjacent mentions) at `start..end` of `text`:
    /// `before` is read before `start`, `after` from `end`.
    pub fn role_of(&self, text: &str, start: usize, end: usize) -> Option<&str> {
        let head = &text[..start];
        let tail = &text[end..];
        self.cues.iter().find_map(|cue| {
            let before_ok = (cue.before.is_empty()
                || cue.before.iter().any(|w| head.ends_with(w.as_str())))
                && !cue.unless_before.iter().any(|w| head.ends_with(w.as_str()));
            let after_ok = cue.after.is_empty()
                || tail
                    .char_indices()
                    .take(cue.window + 1)
                    .take_while(|&(_, c)| !is_clause_break(c))
                    .any(|(i, _)| cue.after.iter().any(|w| tail[i..].starts_with(w.as_str())));
            (before_ok && after_ok).then_some(cue.role.as_str())
        })
    }
}
