//! `folio check`: every rule fires on a bundle made to break it and stays
//! quiet on the clean one; the command's output formats and exit codes.

use folio::check::{check_bundle_text, check_page_text};
use folio::diagnostic::{Rule, Severity};

use crate::common::run::{folio, stderr, stdout};

/// A small bundle that breaks no rule.
const CLEAN: &str = r#"{
  "format": "folio-bundle/1",
  "id": "b",
  "articles": [
    {
      "id": "a1",
      "title": "Talks resume in Baku",
      "published": "2020-06-03T15:33:00",
      "author": "Cavid Veliyev",
      "paragraphs": [
        "The ministers met on Monday[^1] and again on Tuesday[^2].",
        "Nothing was agreed, officials said (privately)."
      ],
      "citations": [
        {"id": "1", "source": "Mod.gov.az", "date": "2020-05-23", "raw": "Mod.gov.az, May 23", "url": "https://mod.gov.az/en/news/1"},
        {"id": "2", "source": "Trend.az", "date": "2020-02-24", "raw": "Trend.az, February 24, 2020"}
      ]
    },
    {"id": "a2", "title": "Second", "paragraphs": ["Short."]}
  ],
  "news_line": [
    {"time": "2020-06-03T15:00:00", "headline": "Ministers meet again", "article": "a2"},
    {"time": "2020-06-03T12:00:00", "headline": "Markets open higher", "url": "https://example.org/markets"},
    {"time": "2020-06-02T09:30:00", "headline": "Weather turns cold"}
  ]
}"#;

fn rules_in(text: &str) -> Vec<&'static str> {
    check_bundle_text(text, "b.json", "")
        .into_iter()
        .map(|f| f.rule.name())
        .collect()
}

fn broken(from: &str, to: &str) -> String {
    assert_eq!(CLEAN.matches(from).count(), 1, "{from}");
    CLEAN.replace(from, to)
}

#[test]
fn the_clean_bundle_is_clean() {
    assert_eq!(rules_in(CLEAN), Vec::<&str>::new());
}

#[test]
fn every_rule_fires_on_its_own_slip() {
    let cases: Vec<(&str, String)> = vec![
        ("schema", broken("\"id\": \"b\"", "\"id\": 7")),
        (
            "duplicate-article-id",
            broken("\"id\": \"a2\"", "\"id\": \"a1\""),
        ),
        (
            "duplicate-citation-id",
            broken(
                "{\"id\": \"2\", \"source\": \"Trend.az\"",
                "{\"id\": \"1\", \"source\": \"Trend.az\"",
            ),
        ),
        (
            "marker-without-citation",
            broken("Tuesday[^2]", "Tuesday[^9]"),
        ),
        (
            "dangling-news-link",
            broken("\"article\": \"a2\"", "\"article\": \"a9\""),
        ),
        ("uncited-citation", broken("Tuesday[^2]", "Tuesday")),
        (
            "numbering-order",
            broken(
                "Monday[^1] and again on Tuesday[^2]",
                "Monday[^2] and again on Tuesday[^1]",
            ),
        ),
        (
            "citation-after-article",
            broken("\"date\": \"2020-05-23\"", "\"date\": \"2020-07-23\""),
        ),
        (
            "citation-date",
            broken("Trend.az, February 24, 2020", "Trend.az, February, 24 2020"),
        ),
        (
            "citation-date",
            broken("Mod.gov.az, May 23", "Mod.gov.az, 05.04.2020"),
        ),
        (
            "raw-mismatch",
            broken("Mod.gov.az, May 23", "Mfa.gov.az, May 23"),
        ),
        (
            "news-order",
            broken("2020-06-03T12:00:00", "2020-06-03T18:00:00"),
        ),
        (
            "news-duplicate",
            broken("Markets open higher\"", "Ministers meet again\"")
                .replace("T12:00:00", "T15:00:00"),
        ),
        (
            "news-future",
            broken("2020-06-03T15:00:00", "2021-06-03T15:00:00"),
        ),
        ("empty-headline", broken("Weather turns cold", " ")),
        (
            "bad-url",
            broken("https://mod.gov.az/en/news/1", "javascript:alert(1)"),
        ),
        (
            "bad-url",
            broken("https://example.org/markets", "https://example.org/a b"),
        ),
        ("empty-paragraph", broken("\"Short.\"", "\"  \"")),
        ("double-space", broken("Nothing was", "Nothing  was")),
        ("unbalanced-brackets", broken("(privately)", "(privately")),
        (
            "unbalanced-quotes",
            broken("officials said", "officials \\\"said"),
        ),
        (
            "invisible-char",
            broken("Nothing was", "Nothing\\u200b was"),
        ),
        (
            "backtick-apostrophe",
            broken("Markets open", "Market`s open"),
        ),
        ("mojibake", broken("Markets open", "Itâ€™s open")),
        (
            "repeated-word",
            broken("Nothing was agreed", "Nothing was was agreed"),
        ),
        (
            "spelling",
            broken("Nothing was agreed", "Nothing was agred"),
        ),
    ];
    let mut covered: Vec<&str> = cases.iter().map(|c| c.0).collect();
    for (rule, text) in &cases {
        let found = rules_in(text);
        assert!(found.contains(rule), "{rule} not found in {found:?}");
    }
    // Every rule that applies to bundles has a case.
    covered.push("import");
    for r in Rule::CHECKS {
        assert!(covered.contains(&r.name()), "no test for {r}");
    }
}

#[test]
fn findings_name_the_line_column_and_path() {
    let text = broken("Nothing was agreed", "Nothing was  agreed");
    let f = &check_bundle_text(&text, "b.json", "")[0];
    assert_eq!(f.rule, Rule::DoubleSpace);
    assert_eq!(f.severity(), Severity::Warning);
    assert_eq!(f.json_path(), "articles[0].paragraphs[1]");
    let line = text
        .lines()
        .position(|l| l.contains("was  agreed"))
        .unwrap()
        + 1;
    let column = text
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("  agreed")
        .unwrap()
        + 1;
    assert_eq!((f.line, f.column), (line, column));
    assert_eq!(
        f.compiler_line(),
        format!(
            "b.json:{line}:{column}: warning[double-space]: 2 spaces in a row (at articles[0].paragraphs[1])"
        )
    );
    // After an escape in the same string, columns still count the file's characters.
    let text = broken("Nothing was agreed", "N\\u00f6thing was  agreed");
    let f = &check_bundle_text(&text, "b.json", "")[0];
    let column = text
        .lines()
        .nth(f.line - 1)
        .unwrap()
        .find("  agreed")
        .unwrap()
        + 1;
    assert_eq!(f.column, column);
}

#[test]
fn every_type_error_is_reported_not_just_the_first() {
    let text = broken("\"title\": \"Second\"", "\"title\": 2").replace(
        "\"headline\": \"Weather turns cold\"",
        "\"headline\": false",
    );
    let found: Vec<String> = check_bundle_text(&text, "b.json", "")
        .into_iter()
        .map(|f| f.json_path())
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("articles[1]"), "{found:?}");
    assert!(found[1].starts_with("news_line[2]"), "{found:?}");
}

#[test]
fn the_house_word_list_and_learned_names_quiet_spelling() {
    let text = broken("Nothing was agreed", "Nothing was agred");
    let found = check_bundle_text(&text, "b.json", "# house\nagred\n");
    assert!(found.is_empty(), "{found:?}");
    // Veliyev (the author) and Baku (in a title) are not reported.
    assert!(rules_in(&broken("Nothing was", "Veliyev said nothing was")).is_empty());
}

#[test]
fn the_seed_page_is_checked_line_by_line() {
    let page = include_str!("../sample-data/seed-page.txt");
    let found: Vec<String> = check_page_text(page, "seed-page.txt", "")
        .into_iter()
        .filter(|f| f.rule != Rule::Spelling || f.message.contains("origionally"))
        .map(|f| format!("{}:{} {} {}", f.line, f.column, f.rule, f.message))
        .collect();
    assert_eq!(
        found,
        [
            "13:671 double-space 2 spaces (some no-break or typographic) in a row",
            "17:792 import lenient date in \"Turan.az, April, 21 2020\"",
            "19:369 backtick-apostrophe a backtick used as an apostrophe: write ’ or '",
            "21:17 spelling `origionally` is not in the word list",
            "83:22 backtick-apostrophe a backtick used as an apostrophe: write ’ or '",
        ]
    );
}

#[test]
fn the_command_exits_by_severity_and_prints_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.json");
    std::fs::write(&clean, CLEAN).unwrap();
    let warn = dir.path().join("warn.json");
    std::fs::write(&warn, broken("Nothing was", "Nothing  was")).unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, broken("Tuesday[^2]", "Tuesday[^2][^9]")).unwrap();
    let path = |p: &std::path::Path| p.to_str().unwrap().to_string();

    let o = folio(&["check", &path(&clean)]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "checked 1 file: 0 errors, 0 warnings, 0 notes\n"
    );

    let o = folio(&["check", &path(&warn)]);
    assert_eq!(o.status.code(), Some(0), "warnings alone pass");
    let o = folio(&["check", "--deny-warnings", &path(&warn)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("warning[double-space]"));
    let o = folio(&[
        "check",
        "--deny-warnings",
        "--allow",
        "double-space",
        &path(&warn),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    let o = folio(&["check", &path(&warn), &path(&bad)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).ends_with("checked 2 files: 1 error, 1 warning, 0 notes\n"));

    let o = folio(&["check", "--format", "json", &path(&bad)]);
    assert_eq!(o.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    let f = &lines[0];
    assert_eq!(f["rule"], "marker-without-citation");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["path"], "articles[0].paragraphs[0]");
    for key in ["file", "line", "column", "message"] {
        assert!(!f[key].is_null(), "{key}");
    }

    let o = folio(&["check", "--allow", "no-such-rule", &path(&clean)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--list-rules"));
    // An error cannot be allowed: the file would pass, and the reader
    // refuses it (review of issue 16).
    for rule in ["schema", "marker-without-citation", "duplicate-article-id"] {
        let o = folio(&["check", "--allow", rule, &path(&bad)]);
        assert_eq!(o.status.code(), Some(2), "{rule}");
        assert!(
            stderr(&o).contains("an error cannot be allowed"),
            "{}",
            stderr(&o)
        );
    }
    let o = folio(&["check", &path(&dir.path().join("missing.json"))]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_shipped_samples_check_clean() {
    let o = folio(&[
        "check",
        "--deny-warnings",
        "sample-data/seed.json",
        "sample-data/showcase.json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn the_readme_lists_every_rule() {
    let readme = include_str!("../README.md");
    for r in Rule::CHECKS {
        assert!(
            readme.contains(&format!("| `{}` | {} |", r.name(), r.severity().label())),
            "README lacks rule {r}"
        );
    }
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn on_any_page(page in "(\\PC|\\n|\\(|\\)|\\[\\^[0-9]\\]){0,400}") {
            for f in check_page_text(&page, "p", "") {
                prop_assert!(f.line >= 1 && f.column >= 1);
            }
        }

        #[test]
        fn on_any_edit_of_a_bundle(at in 0usize..2000, cut in 0usize..40, insert in "\\PC{0,8}") {
            let mut text = CLEAN.to_string();
            let mut start = at.min(text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + cut).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.replace_range(start..end, &insert);
            for f in check_bundle_text(&text, "b", "") {
                prop_assert!(f.line >= 1 && f.column >= 1);
                prop_assert!(f.line <= text.lines().count().max(1) + 1);
            }
        }
    }
}

/// Issue 16, item 5: what the reader refuses is an error, not a page.
#[test]
fn files_the_reader_refuses_are_errors_not_pages() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("list.json", "[1,2]"),
        ("list.txt", "[1, 2]\n"),
        ("empty.json", ""),
        ("empty.txt", ""),
        ("blank.txt", "  \n\n"),
        ("hello.json", "hello"),
    ];
    for (name, text) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let o = folio(&["check", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stdout(&o));
        assert!(
            stdout(&o).contains("1 error") || stderr(&o).contains("error:"),
            "{name}: {}{}",
            stdout(&o),
            stderr(&o)
        );
    }
    // A page is still checked as a page.
    let page = dir.path().join("page.txt");
    std::fs::write(&page, "A short page of text.\n").unwrap();
    let o = folio(&["check", page.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(
        folio::check::check_as(b"", "e.txt"),
        Err(folio::check::Unreadable::Empty)
    );
}

/// A bundle of one line (minified), `n` articles with a finding or two in
/// each paragraph.
fn one_line_bundle(n: usize) -> String {
    let mut s = String::from(r#"{"format":"folio-bundle/1","id":"b","articles":["#);
    for a in 0..n {
        if a > 0 {
            s.push(',');
        }
        s.push_str(&format!(
            r#"{{"id":"a{a}","title":"Talks  resume","paragraphs":["The ministers  met on Monday and  agreed (nothing.","Officials said the the talks will resume."]}}"#
        ));
    }
    s.push_str("]}");
    s
}

/// Issue 16, item 15: placing findings in a one-line file is linear (it
/// counted each column from the line's start: quadratic). Counted, not
/// timed: the bytes read to find the lines and columns of thousands of
/// findings on one line stay within twice the text (counting each from the
/// line's start would read thousands of times the text).
#[test]
fn checking_one_line_json_is_linear() {
    use folio::bundle::load::place_reading;
    for n in [1_000, 4_000] {
        let text = one_line_bundle(n);
        let found = check_bundle_text(&text, "b.json", "");
        assert!(found.len() >= 5 * n, "{}", found.len());
        let (placed, read) = place_reading(found.clone(), &text);
        assert!(
            read <= 2 * text.len(),
            "{read} bytes read to place {} findings in {} bytes",
            found.len(),
            text.len()
        );
        let at = |d: &[folio::diagnostic::Diagnostic]| -> Vec<(usize, usize)> {
            d.iter().map(|f| (f.line, f.column)).collect()
        };
        assert_eq!(at(&placed), at(&found));
        // Placed exactly, on one line.
        let last = found.last().unwrap();
        let column = text.rfind("the the").unwrap() + 5;
        assert_eq!((last.line, last.column), (1, column), "{last:?}");
    }
}

/// Issue 16, item 15: `--allow` skips an allowed rule's work. Not timed:
/// the passes over the bundle that the rules in effect need are what runs,
/// and a rule alone finds just what it finds among all the others (so no
/// rule's pass is skipped while it is on).
#[test]
fn an_allowed_rule_does_no_work() {
    use folio::check::bundle_rules::Passes;
    use folio::check::{RuleSet, check_bundle_text_of};
    let but = |kept: &[Rule]| -> RuleSet {
        let allowed: Vec<Rule> = (Rule::CHECKS.iter().copied())
            .filter(|r| !kept.contains(r))
            .collect();
        RuleSet::allowing(&allowed)
    };
    let none = Passes {
        first: false,
        learn: false,
        news: false,
        text: false,
    };
    assert_eq!(Passes::of(&but(&[Rule::Schema])), none);
    let all = Passes::of(&RuleSet::all());
    assert_eq!(
        all,
        Passes {
            first: true,
            learn: true,
            news: true,
            text: true
        }
    );
    assert_eq!(
        Passes::of(&RuleSet::allowing(&[Rule::Spelling])),
        Passes {
            learn: false,
            ..all
        }
    );
    assert_eq!(
        Passes::of(&but(&[Rule::Spelling])),
        Passes {
            learn: true,
            text: true,
            ..none
        }
    );
    // Each rule alone finds what it finds among all: its pass runs.
    let mut text = serde_json::to_string(&crate::common::seed()).unwrap();
    text = text
        .replacen("Aliyev’s", "Aliyev`s", 1)
        .replacen(". ", ".  ", 3)
        .replacen(" the ", " the the ", 1)
        .replacen("https:", "ftp:", 1);
    let every = check_bundle_text_of(&text, "b.json", "", &RuleSet::all());
    let mut found: Vec<&str> = every.iter().map(|f| f.rule.name()).collect();
    found.sort();
    found.dedup();
    assert!(found.len() >= 4, "{found:?}");
    for &rule in Rule::CHECKS {
        let alone = check_bundle_text_of(&text, "b.json", "", &but(&[rule]));
        let among: Vec<_> = every.iter().filter(|f| f.rule == rule).cloned().collect();
        assert_eq!(alone, among, "{rule:?}");
    }
    let spelling_off = RuleSet::allowing(&[Rule::Spelling]);
    let text = broken("Nothing was agreed", "Nothing  was agred");
    let rules: Vec<Rule> = check_bundle_text_of(&text, "b.json", "", &spelling_off)
        .into_iter()
        .map(|f| f.rule)
        .collect();
    assert_eq!(rules, [Rule::DoubleSpace]);
}

/// Issue 16, item 16: the finding is at the marker, not the paragraph.
#[test]
fn marker_without_citation_points_at_the_marker() {
    let text = broken("Tuesday[^2]", "Tuesday[^2][^9]");
    let found = check_bundle_text(&text, "b.json", "");
    let f = found
        .iter()
        .find(|f| f.rule == Rule::MarkerWithoutCitation)
        .unwrap();
    let line = text.lines().nth(f.line - 1).unwrap();
    let column = line.find("[^9]").unwrap() + 1;
    assert_eq!(f.column, column, "{line}");
}

/// Issue 16, item 16: an escape in any string is flagged, not only in prose.
#[test]
fn invisible_characters_are_flagged_in_every_string() {
    for (from, to, path) in [
        (
            "\"source\": \"Trend.az\"",
            "\"source\": \"Trend\\u001b.az\"",
            "articles[0].citations[1].source",
        ),
        (
            "\"raw\": \"Trend.az, February 24, 2020\"",
            "\"raw\": \"Trend.az,\\u202e February 24, 2020\"",
            "articles[0].citations[1].raw",
        ),
        ("\"id\": \"b\"", "\"id\": \"b\\u200b\"", "id"),
        ("\"id\": \"a2\"", "\"id\": \"a\\u001b2\"", "articles[1].id"),
    ] {
        let mut text = broken(from, to);
        if path == "articles[1].id" {
            text = text.replace("\"article\": \"a2\"", "\"article\": \"a\\u001b2\"");
        }
        let found: Vec<(String, Rule)> = check_bundle_text(&text, "b.json", "")
            .into_iter()
            .map(|f| (f.json_path(), f.rule))
            .collect();
        assert!(
            found.contains(&(path.to_string(), Rule::InvisibleChar)),
            "{path}: {found:?}"
        );
    }
}

/// Issue 16, item 16: a soft hyphen is inside its word for spelling.
#[test]
fn a_soft_hyphen_does_not_split_a_word() {
    let text = broken("Nothing was agreed", "Nothing was agr\\u00ADeed");
    assert_eq!(rules_in(&text), ["invisible-char"]);
    let page = "Nothing was agr\u{AD}eed, officials said.\n";
    let found: Vec<&str> = check_page_text(page, "p.txt", "")
        .into_iter()
        .filter(|f| f.rule != Rule::Import)
        .map(|f| f.rule.name())
        .collect();
    assert_eq!(found, ["invisible-char"]);
}

/// Issue 16, item 16: the text output shows the line and a caret; compact
/// and JSON stay one line per finding.
#[test]
fn text_output_shows_the_source_line_with_a_caret() {
    let dir = tempfile::tempdir().unwrap();
    let warn = dir.path().join("warn.json");
    let text = broken("Nothing was agreed", "Nothing was  agreed");
    std::fs::write(&warn, &text).unwrap();
    let o = folio(&["check", warn.to_str().unwrap()]);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].contains("warning[double-space]"), "{out}");
    let n = text
        .lines()
        .position(|l| l.contains("was  agreed"))
        .unwrap()
        + 1;
    let source = text.lines().nth(n - 1).unwrap();
    assert_eq!(lines[2], format!("{n} | {source}"), "{out}");
    let caret = lines[3].find('^').unwrap();
    assert_eq!(&lines[2][caret..caret + 3], "  a", "{out}");
    let o = folio(&["check", "--format", "compact", warn.to_str().unwrap()]);
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));

    // A one-line bundle: cut to 80 columns around the column, escapes shown
    // safely.
    let long = dir.path().join("long.json");
    let text = one_line_bundle(50).replacen("Talks  resume", "Talks\\u001b resume", 1);
    std::fs::write(&long, &text).unwrap();
    let o = folio(&["check", "--allow", "spelling", long.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(!out.contains('\u{1b}'), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if l.starts_with("1 | ") {
            assert!(unicode_width::UnicodeWidthStr::width(*l) <= 80, "{l}");
            let caret = lines[i + 1].find('^').unwrap();
            assert!(caret < l.len(), "{l}\n{}", lines[i + 1]);
        }
    }
    assert!(out.contains("1 | "), "{out}");
}
