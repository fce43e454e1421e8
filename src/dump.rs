//! Articles as plain text or Markdown, for pipes and files: `folio dump`, and
//! `folio BUNDLE` when its output is not a terminal.
//!
//! The text is the reader's own layout (same reflow, same numbered markers,
//! same Sources), without the screen around it, so what is piped is what is
//! read. Everything from the bundle is neutralised as on screen.

use crate::bundle::{Article, Bundle, NewsEntry};
use crate::footnotes::{Notes, note_text};
use crate::glyphs::Glyphs;
use crate::layout::article::{LayoutOptions, layout_article};
use crate::layout::runs_text;
use crate::links::markdown_target;
use crate::sanitize::clean;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DumpOptions {
    /// Columns of text; `None`: a paragraph is one line.
    pub width: Option<usize>,
    pub format: Format,
    pub glyphs: Glyphs,
}

/// A width no paragraph reaches: one line per paragraph.
const UNWRAPPED: usize = 1 << 24;

/// `articles` of `bundle` (all of them when empty), then its news line.
pub fn dump(bundle: &Bundle, articles: &[usize], opts: DumpOptions) -> String {
    let chosen: Vec<&Article> = if articles.is_empty() {
        bundle.articles.iter().collect()
    } else {
        articles
            .iter()
            .filter_map(|&i| bundle.articles.get(i))
            .collect()
    };
    let mut out = String::new();
    // Markdown footnote labels are the document's: with several articles,
    // article 2's first note is `[^2-1]`, not a second `[^1]`.
    let several = chosen.len() > 1;
    for (i, a) in chosen.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match opts.format {
            Format::Text => text(a, opts, &mut out),
            Format::Markdown => markdown(a, opts.glyphs, several.then_some(i + 1), &mut out),
        }
    }
    if articles.is_empty() && !bundle.news_line.is_empty() {
        out.push('\n');
        news(&bundle.news_line, opts, &mut out);
    }
    out
}

fn text(article: &Article, opts: DumpOptions, out: &mut String) {
    let width = opts.width.unwrap_or(UNWRAPPED).max(1);
    let layout = layout_article(
        article,
        &Notes::number(article),
        // The pane's margins are left out below: the text gets the width.
        width.saturating_add(4),
        LayoutOptions {
            glyphs: opts.glyphs,
            measure: width,
            centre: false,
            hyphenate: false,
            justify: false,
            links_whole: true,
        },
    );
    let rule_width = width.min(76);
    for line in &layout.lines {
        let mut t = runs_text(&line.runs);
        // A rule as wide as the text, not as a page that is never shown.
        if t.chars().all(|c| c == opts.glyphs.rule()) && t.chars().count() > rule_width {
            t = std::iter::repeat_n(opts.glyphs.rule(), rule_width).collect();
        }
        out.push_str(t.trim_end());
        out.push('\n');
    }
}

/// The footnote label of note `n`: `n` as the reader numbers it, prefixed
/// with the article's number in the dump (`2-1`) when there are several, so
/// labels are unique in the document. Renderers that number footnotes
/// themselves (GitHub, GitLab, pandoc, markdown-it) show the same either
/// way; in the source, and where labels are shown, `2-5` still reads as the
/// reader's note 5 of article 2.
fn label(article: Option<usize>, n: usize) -> String {
    match article {
        Some(a) => format!("{a}-{n}"),
        None => n.to_string(),
    }
}

fn markdown(article: &Article, g: Glyphs, number: Option<usize>, out: &mut String) {
    let notes = Notes::number(article);
    out.push_str(&format!("# {}\n\n", clean(&article.title, g)));
    let mut meta = Vec::new();
    if let Some(c) = article.category.as_deref().filter(|c| !c.is_empty()) {
        meta.push(clean(c, g).into_owned());
    }
    if let Some(p) = article.published {
        meta.push(p.format("%Y-%m-%d %H:%M").to_string());
    }
    if let Some(a) = article.author.as_deref().filter(|a| !a.is_empty()) {
        meta.push(format!("by {}", clean(a, g)));
    }
    if let Some(o) = article.origin.as_deref().filter(|o| !o.is_empty()) {
        meta.push(format!("originally published in {}", clean(o, g)));
    }
    if !meta.is_empty() {
        out.push_str(&format!("*{}*\n\n", meta.join(" · ")));
    }
    if let Some(url) = article.url.as_deref().filter(|u| !u.is_empty()) {
        out.push_str(&format!("{}\n\n", markdown_target(&clean(url, g))));
    }
    for p in &article.paragraphs {
        // Markers renumbered as the reader numbers them.
        let mut text = String::new();
        for seg in crate::bundle::markers::segments(p) {
            match seg {
                crate::bundle::markers::Segment::Text(r) => {
                    text.push_str(&clean(p.get(r).unwrap_or_default(), g));
                }
                crate::bundle::markers::Segment::Marker { whole, id } => {
                    let id = p.get(id).unwrap_or_default();
                    match notes.of(id) {
                        Some(n) => text.push_str(&format!("[^{}]", label(number, n))),
                        None => text.push_str(&clean(p.get(whole).unwrap_or_default(), g)),
                    }
                }
            }
        }
        out.push_str(&text);
        out.push_str("\n\n");
    }
    if !article.related.is_empty() {
        out.push_str("## Related\n\n");
        for r in &article.related {
            out.push_str(&format!("- {}\n", clean(r, g)));
        }
        out.push('\n');
    }
    for n in 1..=notes.len() {
        if let Some(c) = notes.citation(article, n) {
            let text = clean(&note_text(c), g).into_owned();
            let n = label(number, n);
            match c.url.as_deref().filter(|u| !u.is_empty()) {
                Some(url) => out.push_str(&format!(
                    "[^{n}]: [{}]({})\n",
                    escape_brackets(&text),
                    markdown_target(&clean(url, g))
                )),
                None => out.push_str(&format!("[^{n}]: {text}\n")),
            }
        }
    }
}

/// Link text with `[` and `]` escaped, so it cannot end the link early.
fn escape_brackets(text: &str) -> String {
    text.replace('[', "\\[").replace(']', "\\]")
}

fn news(entries: &[NewsEntry], opts: DumpOptions, out: &mut String) {
    let g = opts.glyphs;
    match opts.format {
        Format::Text => out.push_str("News line\n\n"),
        Format::Markdown => out.push_str("## News line\n\n"),
    }
    let mut day = None;
    for e in entries {
        let date = e.time.date();
        if day != Some(date) {
            if day.is_some() {
                out.push('\n');
            }
            day = Some(date);
            let heading = crate::bundle::model::long_date(date);
            match opts.format {
                Format::Text => out.push_str(&format!("{heading}\n")),
                Format::Markdown => out.push_str(&format!("### {heading}\n\n")),
            }
        }
        let headline = clean(&e.headline, g);
        match opts.format {
            Format::Text => {
                // Wrapped under itself, the time standing out on the left.
                let room = opts.width.unwrap_or(UNWRAPPED).saturating_sub(9).max(10);
                for (i, line) in textwrap::wrap(&headline, room).iter().enumerate() {
                    let time = if i == 0 {
                        e.time.format("%H:%M").to_string()
                    } else {
                        String::new()
                    };
                    out.push_str(&format!("  {time:5}  {line}\n"));
                }
            }
            Format::Markdown => {
                let time = e.time.format("%H:%M");
                match e.url.as_deref().filter(|u| !u.is_empty()) {
                    Some(url) => out.push_str(&format!(
                        "- {time} [{}]({})\n",
                        escape_brackets(&headline),
                        markdown_target(&clean(url, g))
                    )),
                    None => out.push_str(&format!("- {time} {headline}\n")),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{EMBEDDED_SEED, load_bundle};

    fn seed() -> Bundle {
        load_bundle(EMBEDDED_SEED, "seed").unwrap_or_else(|e| panic!("{e}"))
    }

    fn opts(width: Option<usize>, format: Format) -> DumpOptions {
        DumpOptions {
            width,
            format,
            glyphs: Glyphs::ASCII,
        }
    }

    #[test]
    fn text_reads_like_the_pane_with_sources_and_the_news_line() {
        let out = dump(&seed(), &[], opts(Some(72), Format::Text));
        assert!(
            out.starts_with("Analytics - 3 June 2020, 15:33\n\nWith Karabakh"),
            "{out}"
        );
        assert!(out.lines().all(|l| l.chars().count() <= 72), "{out}");
        assert!(out.contains("systems[1]."));
        assert!(out.contains("\nSources\n 1. Mod.gov.az, 23 May 2020\n"));
        assert!(
            out.contains("\nNews line\n\n5 July 2025\n  22:10  Russia accuses"),
            "{out}"
        );
    }

    #[test]
    fn no_wrap_puts_a_paragraph_on_one_line() {
        let b = seed();
        let out = dump(
            &b,
            &[0],
            DumpOptions {
                glyphs: Glyphs::UNICODE,
                ..opts(None, Format::Text)
            },
        );
        for p in &b.articles[0].paragraphs {
            let start: String = p.chars().take(30).collect();
            assert_eq!(
                out.lines().filter(|l| l.starts_with(&start)).count(),
                1,
                "{start}"
            );
        }
        assert!(!out.contains("News line"), "one article: no news line");
    }

    #[test]
    fn markdown_has_footnotes_numbered_in_reading_order() {
        let out = dump(&seed(), &[0], opts(None, Format::Markdown));
        assert!(out.starts_with("# With Karabakh Conflict"), "{out}");
        assert!(out.contains("systems[^1]."));
        assert!(out.contains("\n[^1]: Mod.gov.az, 23 May 2020\n"));
        assert!(out.contains("\n[^18]: Trend.az, 24 February 2020\n"));
    }

    #[test]
    fn footnote_labels_are_unique_in_a_dump_of_several_articles() {
        let mut b = seed();
        let mut second = b.articles[0].clone();
        second.id = "second".into();
        b.articles.push(second);
        let out = dump(&b, &[], opts(None, Format::Markdown));
        assert!(out.contains("systems[^1-1]."), "{out}");
        assert!(out.contains("\n[^1-1]: Mod.gov.az, 23 May 2020\n"), "{out}");
        assert!(out.contains("\n[^2-1]: Mod.gov.az, 23 May 2020\n"), "{out}");
        assert!(out.contains("\n[^2-18]: Trend.az, 24 February 2020\n"));
        assert_eq!(out.matches("systems[^2-1].").count(), 1);
        assert!(!out.contains("[^1]"), "{out}");
        // Chosen articles: numbered as they come in the dump.
        let out = dump(&b, &[1, 0], opts(None, Format::Markdown));
        assert!(out.contains("[^1-1]") && out.contains("[^2-1]"), "{out}");
    }

    fn linked() -> Bundle {
        let mut b = seed();
        let a = &mut b.articles[0];
        a.url = Some("https://jamestown.org/program/with-karabakh/".into());
        a.citations[0].url = Some("https://mod.gov.az/en/news/a b]\u{1b}[2J".into());
        b.news_line[0].url = Some("https://example.org/news/1".into());
        b
    }

    #[test]
    fn sources_show_links_whole_and_safe() {
        let out = dump(&linked(), &[], opts(None, Format::Text));
        assert!(
            out.contains(
                "\nSources\n 1. Mod.gov.az, 23 May 2020\n    <https://mod.gov.az/en/news/a b]^[[2J>\n"
            ),
            "{out}"
        );
        assert!(!out.contains('\u{1b}'));
        // The zone of the article's time, as the page gave it.
        let mut zoned = linked();
        zoned.articles[0].zone = Some("+04:00".into());
        let out = dump(&zoned, &[0], opts(None, Format::Text));
        assert!(
            out.starts_with("Analytics - 3 June 2020, 15:33 +04:00\n"),
            "{out}"
        );
        // Narrower than the link: the link stays whole, on its own line.
        let mut b = linked();
        let long = "https://mod.gov.az/en/news/a-very-long-path/with/many/parts-123456.html";
        b.articles[0].citations[0].url = Some(long.into());
        let out = dump(&b, &[0], opts(Some(40), Format::Text));
        assert!(out.contains(&format!("\n    <{long}>\n")), "{out}");
    }

    #[test]
    fn markdown_links_sources_headlines_and_the_page() {
        let out = dump(&linked(), &[], opts(None, Format::Markdown));
        assert!(
            out.contains(
                "\n[^1]: [Mod.gov.az, 23 May 2020](<https://mod.gov.az/en/news/a%20b]^[[2J>)\n"
            ),
            "{out}"
        );
        assert!(out.contains("\n<https://jamestown.org/program/with-karabakh/>\n"));
        assert!(out.contains("- 22:10 [Russia accuses"), "{out}");
        assert!(out.contains("](<https://example.org/news/1>)\n"), "{out}");
        // Notes without a link stay as they were.
        assert!(out.contains("\n[^18]: Trend.az, 24 February 2020\n"));
    }
}
