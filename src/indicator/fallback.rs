//! The fallback namer: Chinese syntax around a quantity when no indicator rule matches
//! (verb + noun + number, noun + link word + number, number + classifier + noun), and the
//! event a date dates.

use super::phrase::*;
use super::{clean_label, Context, Namer, Naming, MIN_CHARS, READ_CHARS};

impl Namer<'_> {
    pub(super) fn quantity(&self, ctx: &Context) -> Option<Naming> {
        let fb = self.fallback;
        let left = strip_suffixes(ctx.before_plain.trim(), &fb.links);
        // A link word says the name came first (参保人数达2.6万人); a particle alone
        // (新开发了85个公益性岗位) does not.
        let bare = ctx.before_plain.trim().trim_end_matches(['了', '的']);
        let linked = strip_suffixes(bare, &fb.links).len() < bare.len();
        let right = noun_after_linked(ctx.after, fb, ctx.counted);
        let short_right = right.chars().count() <= 2;
        let of_right = ctx.before_plain.trim_end().ends_with('的')
            && (MIN_CHARS..=4).contains(&right.chars().count());
        let (phrase, source) = if of_right {
            // 拿到县里协调的500万元贷款: the words before 的 and the noun after.
            let head = match last_verb(left, fb) {
                Some((at, v)) => &left[at + v.len()..],
                None => left,
            };
            (format!("{}{right}", core_noun(head, fb)), "fallback:verb")
        } else if ctx.counted
            && !linked
            && !right.is_empty()
            && (!short_right
                || ctx.before_plain.trim_end().ends_with('等')
                || item_of_another(ctx.before_plain))
        {
            // 120名农村留守老人: a count names what it counts after the classifier
            // (also a short noun after a list: 东河乡等5个乡镇 → 乡镇),
            // unless a link word says the name came first (参保人数达2.6万人); a verb
            // right before the number says what the count is of (吸纳300名脱贫劳动力 →
            // 吸纳脱贫劳动力).
            match last_verb(left, fb) {
                Some((at, v)) if at + v.len() == left.len() => {
                    (format!("{v}{right}"), "fallback:after")
                }
                _ => (right.to_string(), "fallback:after"),
            }
        } else if let Some(p) = self.verb_phrase(left, right, short_right, ctx.counted) {
            p
        } else {
            let left = core_noun(left, fb);
            if ctx.counted && short_right && !right.is_empty() && left.chars().count() <= 6 {
                // 连通北山9户农户: the place before and the noun after together.
                (format!("{left}{right}"), "fallback:after")
            } else if left.chars().count() >= MIN_CHARS {
                (left.to_string(), "fallback:link")
            } else {
                (right.to_string(), "fallback:after")
            }
        };
        let mut label = clean_label(&phrase, source != "fallback:after");
        // A bare verb is no column name: it takes the previous clause's subject
        // (景区接待游客…,创收2200万元 → 景区接待游客创收), or for money 资金 (自筹资金).
        if let Some(l) = label.clone() {
            if fb.verbs.contains(&l) {
                let subject = prev_subject(ctx.prev_clause, fb);
                label = if subject.chars().count() >= MIN_CHARS {
                    clean_label(&format!("{subject}{l}"), true)
                } else {
                    (ctx.kind == "money").then(|| format!("{l}资金"))
                };
            }
        }
        // A label of one word borrows the previous clause's subject: 纳税 → 预计年产值纳税.
        let label = match label {
            // A count's two-character noun (农户, 群众) is a fine column on its own.
            Some(l) if l.chars().count() <= 2 && !(ctx.counted && source == "fallback:after") => {
                let subject = prev_subject(ctx.prev_clause, fb);
                clean_label(&format!("{subject}{l}"), true)
            }
            Some(l) => Some(l),
            None => clean_label(prev_subject(ctx.prev_clause, fb), true)
                // A headline (2100万元奖励18家科技企业): its words after the numbers.
                .or_else(|| clean_label(longest_part(ctx.after), true)),
        };
        label.map(|label| Naming {
            label,
            source: source.to_string(),
        })
    }

    /// verb + noun + number: 投入农业发展资金900万元 → 农业发展资金; a short noun keeps its
    /// verb (累计拨付金额) and, when one stands before the verb, its subject (低收入群体月收入).
    fn verb_phrase(
        &self,
        left: &str,
        right: &str,
        short_right: bool,
        counted: bool,
    ) -> Option<(String, &'static str)> {
        const ADVERBS: [&str; 6] = ["累计", "直接", "免费", "共", "先后", "已"];
        let fb = self.fallback;
        let (at, verb) = last_verb(left, fb)?;
        let rest = fb.strip_leading(&left[at + verb.len()..]);
        // 培养种植型、加工型等能手: what follows 等 is the head.
        let rest = match rest.rsplit_once('等') {
            Some((_, head)) if head.chars().count() >= MIN_CHARS => head,
            _ => rest,
        };
        let n = longest_part(rest).chars().count();
        if n >= 5 {
            return Some((rest.to_string(), "fallback:verb"));
        }
        // A verb that modifies the noun (补助资金, 帮扶资金) is no verb of the clause: the
        // object of the verb before it names the thing (拨付农村道路养护补助资金 → 农村道路养护补助资金).
        if n >= 1 {
            if let Some((at0, v0)) = last_verb(&left[..at], fb) {
                let object = fb.strip_leading(&left[at0 + v0.len()..]);
                let plain = !object.contains(|c: char| {
                    c.is_ascii_digit() || matches!(c, ',' | '、' | '的' | '及' | '和' | '与')
                });
                if plain && (5..=READ_CHARS).contains(&object.chars().count()) {
                    return Some((object.to_string(), "fallback:verb"));
                }
            }
        }
        let mut head = &left[..at];
        let mut adverb = "";
        for a in ADVERBS {
            if let Some(h) = head.strip_suffix(a) {
                head = h;
                adverb = a;
                break;
            }
        }
        let subject = core_noun(head, fb);
        let subject = if (MIN_CHARS..=6).contains(&subject.chars().count()) {
            subject
        } else {
            ""
        };
        if n >= 1 {
            let full = format!("{subject}{adverb}{verb}{rest}");
            return Some(if full.chars().count() <= 8 {
                (full, "fallback:verb")
            } else {
                (format!("{subject}{rest}"), "fallback:verb")
            });
        }
        if !right.is_empty() {
            // 为合作社带来18万元收益: the object before the verb names a short noun; what
            // is counted or measured takes the verb right before its number instead
            // (计划新增5万亩耕地 → 新增耕地).
            let object = if counted && at + verb.len() == left.len() {
                verb
            } else if short_right {
                subject
            } else {
                ""
            };
            return Some((format!("{object}{right}"), "fallback:after"));
        }
        None
    }

    pub(super) fn date_event(&self, ctx: &Context) -> Option<Naming> {
        let fb = self.fallback;
        let clean = |t: &'_ str| -> String {
            let t = strip_prefixes(t.trim(), &fb.date_noise);
            let t = fb.strip_leading(t);
            let t = strip_suffixes(t, &fb.date_noise);
            of_phrase(t).to_string()
        };
        // A clock time after the date (6月5日8时统计, 3月2日上午10时20分) is part of it.
        let after = skip_clock(strip_prefixes(ctx.after_plain.trim(), &fb.date_noise));
        let mut event = title_event(after).unwrap_or_else(|| clean(after));
        // 艺术学院附属中学正式挂牌: the affiliated school is the subject.
        if let Some((_, school)) = event.split_once("附属") {
            event = school.to_string();
        }
        if event.chars().count() < MIN_CHARS {
            event = clean(ctx.next_clause);
        }
        // An event holds no numbers: 已完成投资2.4亿元 → 已完成投资.
        if let Some(i) = event.find(|c: char| c.is_ascii_digit()) {
            event.truncate(i);
        }
        // 首批光伏组件已于今年5月9日下线: the subject just before the date, else the
        // project the sentence named (光伏组件项目…于2023年6月主体完工).
        let before = strip_suffixes(ctx.before_plain.trim_end(), &fb.date_noise);
        let tail: String = {
            let run: Vec<char> = before
                .chars()
                .rev()
                .take_while(|&c| is_cjk(c))
                .take(5)
                .collect();
            run.into_iter().rev().collect()
        };
        let tail = fb.strip_leading(&tail).to_string();
        let subject = if tail.chars().count() >= MIN_CHARS {
            Some(tail)
        } else {
            subject(ctx.sentence_before)
        };
        if let Some(subject) = subject {
            if !event.is_empty() && !event.contains(subject.as_str()) {
                event = format!("{subject}{event}");
            }
        }
        let event: String = event.chars().take(READ_CHARS).collect();
        if let Some(label) = clean_label(&event, false) {
            return Some(Naming {
                label,
                source: "fallback:date".to_string(),
            });
        }
        let left = strip_suffixes(ctx.before_plain.trim(), &fb.date_noise);
        clean_label(fb.strip_leading(left), true).map(|label| Naming {
            label,
            source: "fallback:date".to_string(),
        })
    }
}

/// Whether the words before a count are the end of the previous item of its list, named
/// after that item's own number (3个小区、12栋住宅楼、460户居民: 栋住宅楼 is the 12's).
fn item_of_another(before: &str) -> bool {
    let before = before.trim_end().trim_end_matches('、');
    before.contains('、')
        && before
            .rsplit('、')
            .next()
            .is_some_and(|item| item.contains(|c: char| c.is_ascii_digit()))
}
