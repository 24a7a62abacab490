//! Value rules about comma-separated lists: `list-format` (`tags`,
//! `device_tags`) and `device-domain-format`.

use super::{Check, DiagnosticExt, Group, PayloadCtx, Rule, RuleDoc};
use crate::diagnostic::Severity;
use crate::secrets::Placeholders;

pub static LIST_FORMAT: Rule = Rule {
    name: "list-format",
    severity: Severity::Warning,
    group: Group::Values,
    server_code: None,
    doc: RuleDoc {
        summary: "`tags` or `device_tags` has an empty item or the same item twice.",
        what: "`tags` and `device_tags` are comma-separated lists (`\"api, app\"`). Reports, at the value, the empty items of a list (a doubled comma `\"a,,b\"`, a leading or trailing comma `\"a, b,\"`), and the items that repeat an earlier one, all in one diagnostic per list. Items are compared without their surrounding blanks and ignoring case: `\"api, API\"` is a duplicate, because tags are labels people filter by and two spellings of one label are a mistake whether the server then keeps one tag or two. The help gives the cleaned list. An empty value or one of blanks only (no tags), a value that is a placeholder, and items that are placeholders (`${TEAM_TAG}`) are not judged.",
        why: "The server splits the list at the commas. An empty item becomes an empty tag or is silently dropped, and a repeated item is stored once or as a second tag that looks the same; either way the list the server keeps is not the list in the file, and searches and filters by tag give surprising results.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"tags\": \"api, app,\"\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"tags\": \"api, app\"\n}\n",
    },
    check: Check::Payload(check_lists),
};

pub static DEVICE_DOMAIN_FORMAT: Rule = Rule {
    name: "device-domain-format",
    severity: Severity::Error,
    group: Group::Values,
    server_code: Some(1029),
    doc: RuleDoc {
        summary: "`device_domain` separates its domains with something other than a bare comma.",
        what: "`device_domain` names one registered domain or a list of them, separated by a bare comma (`\"a.lab,b.lab\"`). Reports, in one diagnostic at the value, blanks around a comma (`\"a.lab, b.lab\"`), a blank inside a domain (`\"a.lab b.lab\"`) and empty items (`\"a.lab,,b.lab\"`, a trailing comma). The help gives the value written correctly. Blanks at the very start or end of the whole value are `surrounding-whitespace`'s. An empty value, a value that is a placeholder and the inside of an item that is a placeholder (`{{ lab_domain }}`) are not judged; blanks between a placeholder and a comma still are.",
        why: "The server looks each domain up exactly as written between the commas, and accepts only domains already registered. ` b.lab` with its blank, or an empty name, is not a registered domain, so the request is refused with error 1029.",
        example: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"device_domain\": \"a.lab, b.lab\"\n}\n",
        use_instead: "{\n  \"username\": \"svc_backup\",\n  \"hostname\": \"db01\",\n  \"ip\": \"10.0.0.5\",\n  \"device_domain\": \"a.lab,b.lab\"\n}\n",
    },
    check: Check::Payload(check_device_domain),
};

/// Where the empty item `i` of a comma-separated value comes from: a
/// leading, trailing or doubled comma (`items` untrimmed or trimmed).
pub(super) fn empty_item_cause(items: &[&str], i: usize) -> String {
    let before = items[..i]
        .iter()
        .rev()
        .map(|s| s.trim())
        .find(|s| !s.is_empty());
    match before {
        None if i == 0 => "a leading comma".to_owned(),
        None => "a doubled comma at the start".to_owned(),
        Some(item) if i + 1 == items.len() => format!("a trailing comma after `{item}`"),
        Some(item) => format!("a doubled comma after `{item}`"),
    }
}

/// `", "` when the value separates its items so, else `","`.
pub(super) fn separator(value: &str) -> &'static str {
    if value.contains(", ") {
        ", "
    } else {
        ","
    }
}

/// What is wrong with a `tags`-like list.
#[derive(Debug, PartialEq, Eq)]
struct ListProblems {
    /// Where each empty item comes from.
    empty: Vec<String>,
    /// Each repeated item (as written) with the earlier item it repeats.
    duplicates: Vec<(String, String)>,
    /// The list without empty and repeated items.
    cleaned: String,
}

fn list_problems(value: &str, placeholders: &Placeholders) -> ListProblems {
    let items: Vec<&str> = value.split(',').map(str::trim).collect();
    let mut empty = Vec::new();
    let mut duplicates = Vec::new();
    let mut kept: Vec<&str> = Vec::new();
    let mut seen: Vec<(String, &str)> = Vec::new();
    for (i, &item) in items.iter().enumerate() {
        if item.is_empty() {
            empty.push(empty_item_cause(&items, i));
            continue;
        }
        if placeholders.matches(item) {
            kept.push(item);
            continue;
        }
        let folded = item.to_lowercase();
        match seen.iter().find(|(f, _)| *f == folded) {
            Some((_, first)) => duplicates.push((item.to_owned(), (*first).to_owned())),
            None => {
                seen.push((folded, item));
                kept.push(item);
            }
        }
    }
    ListProblems {
        empty,
        duplicates,
        cleaned: kept.join(separator(value)),
    }
}

fn check_lists(ctx: &mut PayloadCtx<'_>) {
    let top = ctx.top();
    for key in ["tags", "device_tags"] {
        let Some(value) = top.str(key) else {
            continue;
        };
        if value.trim().is_empty() || ctx.placeholders.matches(value) {
            continue;
        }
        let problems = list_problems(value, ctx.placeholders);
        let ptr = top.ptr(key);
        let help = format!(
            "write `\"{key}\": \"{}\"`: items separated by single commas, each once",
            problems.cleaned
        );
        // One diagnostic per list: the span is the whole value and the help
        // gives the whole cleaned list, so more would say the same thing twice.
        let mut parts = Vec::new();
        if !problems.empty.is_empty() {
            let mut causes: Vec<&str> = Vec::new();
            for cause in &problems.empty {
                if !causes.contains(&cause.as_str()) {
                    causes.push(cause);
                }
            }
            let count = problems.empty.len();
            parts.push(if count == 1 {
                format!("an empty item ({})", causes.join(", "))
            } else {
                format!("{count} empty items ({})", causes.join(", "))
            });
        }
        let mut repeated: Vec<(String, String, usize)> = Vec::new();
        for (item, first) in problems.duplicates {
            match repeated
                .iter_mut()
                .find(|(i, f, _)| *i == item && *f == first)
            {
                Some(entry) => entry.2 += 1,
                None => repeated.push((item, first, 1)),
            }
        }
        for (item, first, times) in &repeated {
            let written = match times + 1 {
                2 => "twice".to_owned(),
                n => format!("{n} times"),
            };
            parts.push(if item == first {
                format!("`{item}` {written}")
            } else {
                format!("`{first}` {written} (also as `{item}`, in another case)")
            });
        }
        if parts.is_empty() {
            continue;
        }
        let label = if repeated.is_empty() {
            "an empty item"
        } else if problems.empty.is_empty() {
            "a repeated item"
        } else {
            "empty and repeated items"
        };
        ctx.at_value(
            &LIST_FORMAT,
            &ptr,
            format!("`{key}` has {}", parts.join(" and ")),
        )
        .label(label)
        .help(help);
    }
}

/// What is wrong with a `device_domain` value, worst first, and the value written correctly.
#[derive(Debug, PartialEq, Eq)]
struct DomainProblems {
    blank_at_comma: bool,
    /// The first item with a blank inside.
    blank_inside: Option<String>,
    /// Where each empty item comes from.
    empty: Vec<String>,
    fixed: String,
}

/// `None` when the value is fine.
fn domain_problems(value: &str, placeholders: &Placeholders) -> Option<DomainProblems> {
    let inner = value.trim();
    let mut problems = DomainProblems {
        blank_at_comma: false,
        blank_inside: None,
        empty: Vec::new(),
        fixed: String::new(),
    };
    let mut kept: Vec<&str> = Vec::new();
    let raws: Vec<&str> = inner.split(',').collect();
    for (i, raw) in raws.iter().enumerate() {
        let item = raw.trim();
        if raw.len() != item.len() {
            problems.blank_at_comma = true;
        }
        if item.is_empty() {
            problems.empty.push(empty_item_cause(&raws, i));
        } else if placeholders.matches(item) {
            kept.push(item);
        } else if item.contains(char::is_whitespace) {
            if problems.blank_inside.is_none() {
                problems.blank_inside = Some(item.to_owned());
            }
            kept.extend(item.split_whitespace());
        } else {
            kept.push(item);
        }
    }
    if !problems.blank_at_comma && problems.blank_inside.is_none() && problems.empty.is_empty() {
        return None;
    }
    problems.fixed = kept.join(",");
    Some(problems)
}

fn check_device_domain(ctx: &mut PayloadCtx<'_>) {
    let top = ctx.top();
    let Some(value) = top.str("device_domain") else {
        return;
    };
    if value.trim().is_empty() || ctx.placeholders.matches(value) {
        return;
    }
    let Some(problems) = domain_problems(value, ctx.placeholders) else {
        return;
    };
    let shown = value.trim();
    let (message, label) = if problems.blank_at_comma {
        (
            format!("`device_domain` `{shown}` has blanks around a comma: separate domains with a bare comma"),
            "blanks become part of the domain name",
        )
    } else if let Some(item) = &problems.blank_inside {
        (
            format!("`device_domain` item `{item}` has a blank inside: separate domains with a bare comma"),
            "a domain name has no blanks",
        )
    } else {
        (
            format!(
                "`device_domain` `{shown}` has an empty item: {}",
                problems.empty.join(", ")
            ),
            "an empty domain name",
        )
    };
    let help = if problems.fixed.is_empty() {
        "write the registered domains separated by bare commas, e.g. `\"device_domain\": \"a.lab,b.lab\"`, or omit `device_domain`".to_owned()
    } else {
        format!("write `\"device_domain\": \"{}\"`", problems.fixed)
    };
    let ptr = top.ptr("device_domain");
    ctx.at_value(&DEVICE_DOMAIN_FORMAT, &ptr, message)
        .label(label)
        .help(help);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists(value: &str) -> ListProblems {
        list_problems(value, &Placeholders::default())
    }

    fn domains(value: &str) -> Option<DomainProblems> {
        domain_problems(value, &Placeholders::default())
    }

    #[test]
    fn list_items() {
        let clean = lists("api, app");
        assert_eq!((clean.empty.len(), clean.duplicates.len()), (0, 0));
        assert_eq!(lists("a,,b").empty, vec!["a doubled comma after `a`"]);
        assert_eq!(lists("a,b,").empty, vec!["a trailing comma after `b`"]);
        assert_eq!(lists(",a").empty, vec!["a leading comma"]);
        assert_eq!(
            lists(" , ,a").empty,
            vec!["a leading comma", "a doubled comma at the start"]
        );
        assert_eq!(
            lists("a,,").empty,
            vec!["a doubled comma after `a`", "a trailing comma after `a`"]
        );
        assert_eq!(lists("a, , ,b").cleaned, "a, b");
        let dup = lists("api, app, API");
        assert_eq!(dup.duplicates, vec![("API".to_owned(), "api".to_owned())]);
        assert_eq!(dup.cleaned, "api, app");
        assert_eq!(lists("a,b,a,a").duplicates.len(), 2);
        assert_eq!(lists("a,b,a").cleaned, "a,b");
        // Placeholders are not compared.
        assert!(lists("${T}, ${T}").duplicates.is_empty());
    }

    #[test]
    fn domain_lists() {
        assert_eq!(domains("a.lab"), None);
        assert_eq!(domains("a.lab,b.lab"), None);
        // Blanks at the ends are surrounding-whitespace's.
        assert_eq!(domains(" a.lab,b.lab "), None);
        assert_eq!(domains("{{ lab }},b.lab"), None);
        let p = domains("a.lab, b.lab").unwrap();
        assert!(p.blank_at_comma);
        assert_eq!(p.fixed, "a.lab,b.lab");
        assert!(domains("a.lab ,b.lab").unwrap().blank_at_comma);
        assert!(domains("{{ lab }} ,b.lab").unwrap().blank_at_comma);
        let p = domains("a.lab b.lab").unwrap();
        assert_eq!(p.blank_inside.as_deref(), Some("a.lab b.lab"));
        assert_eq!(p.fixed, "a.lab,b.lab");
        let p = domains("a.lab,,b.lab,").unwrap();
        assert_eq!(p.empty.len(), 2);
        assert_eq!(p.fixed, "a.lab,b.lab");
    }
}
