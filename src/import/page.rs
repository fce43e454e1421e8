//! Reading one page of scraped text, of any site.
//!
//! A page is read in passes over its non-blank lines, each taking what it
//! recognises and leaving the rest: lists of headlines under a heading
//! (news-line entries when timed, related headlines when not), teasers under
//! "Read more" links, sidebars of dash-separated headlines, navigation and
//! footers, attribution lines; then the head of the page (title, header line
//! with category and date, byline) and, last, everything left, which is
//! prose: one paragraph per block of lines. Nothing is dropped but navigation
//! (which the summary names); text that cannot be placed is kept, as a
//! paragraph or related headline, with a warning.

use std::ops::Range;

use super::byline::{Attribution, attribution};
use super::cite::cite_paragraph;
use super::dateline::dateline;
use super::dates::{Stamp, parse_clock_header, parse_header, parse_stamp, split_stamp};
use super::furniture::{
    bullet, dash_separated, ends_sentence, is_chrome, is_footer, is_headline, is_list_heading,
    is_navigation, is_read_more,
};
use super::text::{Normalised, PageLine, longer_than};
use super::{ImportedPage, PageStats};
use crate::bundle::{Article, NewsEntry};
use crate::diagnostic::{Diagnostic, Rule};

fn collapse(text: &str) -> String {
    Normalised::new(&[PageLine { number: 0, text }]).text
}

/// A headline from a list, its time still to be dated when only a time of
/// day was printed.
struct Listed {
    stamp: Option<Stamp>,
    headline: String,
    line: usize,
}

/// What the passes gather.
struct Reading<'a> {
    /// The non-blank lines of the page…
    lines: Vec<PageLine<'a>>,
    /// …and the block (run of lines between blank lines) each is in.
    blocks: Vec<usize>,
    used: Vec<bool>,
    listed: Vec<Listed>,
    /// Related headlines, by the line they were on (to keep page order).
    related: Vec<(usize, String)>,
    warnings: Vec<Diagnostic>,
    stats: PageStats,
    /// Navigation left out, by line.
    dropped: Vec<(usize, String)>,
}

impl<'a> Reading<'a> {
    fn text(&self, i: usize) -> &'a str {
        self.lines[i].text
    }
    fn number(&self, i: usize) -> usize {
        self.lines[i].number
    }
    fn free(&self, i: usize) -> bool {
        !self.used[i]
    }
    /// Indices of the lines of block `b`.
    fn block(&self, b: usize) -> Range<usize> {
        let start = self.blocks.partition_point(|&x| x < b);
        let end = self.blocks.partition_point(|&x| x <= b);
        start..end
    }
    fn drop_chrome(&mut self, i: usize) {
        self.used[i] = true;
        self.dropped.push((self.number(i), collapse(self.text(i))));
    }
}

/// Reads one page of scraped text.
pub fn import_page(text: &str) -> ImportedPage {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = Vec::new();
    let mut blocks = Vec::new();
    let mut block = 0;
    let mut last_line = 0;
    for (i, t) in text.split('\n').enumerate() {
        last_line = i + 1;
        let t = t.strip_suffix('\r').unwrap_or(t);
        if t.trim().is_empty() {
            block += 1;
        } else {
            lines.push(PageLine {
                number: i + 1,
                text: t,
            });
            blocks.push(block);
        }
    }
    let mut r = Reading {
        used: vec![false; lines.len()],
        lines,
        blocks,
        listed: Vec::new(),
        related: Vec::new(),
        warnings: Vec::new(),
        stats: PageStats::default(),
        dropped: Vec::new(),
    };
    let mut article = Article {
        id: String::new(),
        title: String::new(),
        category: None,
        published: None,
        zone: None,
        author: None,
        origin: None,
        paragraphs: Vec::new(),
        citations: Vec::new(),
        related: Vec::new(),
        url: None,
    };
    if r.lines.is_empty() {
        r.warnings.push(warning(1, 1, "the page has no text"));
    }

    read_lists(&mut r);
    read_teasers(&mut r);
    read_sidebars(&mut r);
    read_navigation(&mut r);
    let attributions = read_attributions(&mut r, &mut article);
    let head = read_head(&mut r, &mut article);

    // Everything left is prose: runs of free lines of one block.
    let mut groups: Vec<Range<usize>> = Vec::new();
    for i in 0..r.lines.len() {
        if !r.free(i) {
            continue;
        }
        match groups.last_mut() {
            Some(g) if g.end == i && r.blocks[i - 1] == r.blocks[i] => g.end = i + 1,
            _ => groups.push(i..i + 1),
        }
    }
    // After the article's attribution, headlines are related ones; prose
    // there is kept as a paragraph, with a warning.
    let mut paragraphs: Vec<Range<usize>> = Vec::new();
    for g in groups {
        let after_attribution = attributions
            .iter()
            .any(|&a| a < g.start && paragraphs.first().is_some_and(|p| p.start < a));
        if after_attribution {
            if g.clone().all(|i| is_headline(r.text(i))) {
                for i in g {
                    let t = collapse(r.text(i));
                    r.related.push((r.number(i), t));
                }
                continue;
            }
            r.warnings.push(warning(
                r.number(g.start),
                1,
                "text after the article's attribution; kept as a paragraph",
            ));
        }
        paragraphs.push(g);
    }

    // Each paragraph is normalised as it is cited and dropped after: the
    // page's prose is not held twice. The first is read for a dateline too.
    let first = paragraphs
        .first()
        .map(|g| Normalised::new(&r.lines[g.clone()]));

    // The date: the header's, else a dateline's.
    let latest_listed = r
        .listed
        .iter()
        .filter_map(|l| match l.stamp {
            Some(Stamp::At(t)) => Some(t.date()),
            _ => None,
        })
        .max();
    if article.published.is_none() {
        let first = first.as_ref();
        let found = first.and_then(|p| dateline(&p.text, latest_listed));
        match (found, head.clock) {
            (Some(d), clock) => {
                article.published = Some(d.date.and_time(clock.unwrap_or_default()));
                if d.inferred {
                    r.warnings.push(warning(
                        first.map_or(1, |p| p.locate(0).0),
                        1,
                        format!(
                            "the dateline has no year; {} taken from the page's latest timestamp",
                            d.date.format("%Y")
                        ),
                    ));
                }
            }
            (None, _) if !r.lines.is_empty() => {
                let line = head.after.unwrap_or(last_line);
                let message = match head.clock {
                    Some(t) => format!(
                        "the header gives a time ({}) but no date, and no dateline does; the article has no date",
                        t.format("%H:%M")
                    ),
                    None => "expected a header line with category, time and date (like \"Analytics 15:33 03.06.2020\") after the title; the article has no date".to_string(),
                };
                r.warnings.push(warning(line, 1, message));
            }
            (None, _) => {}
        }
    }

    let article_date = article.published.map(|p| p.date());
    let mut stats = std::mem::take(&mut r.stats);
    let rest = (paragraphs.iter().skip(1)).map(|g| Normalised::new(&r.lines[g.clone()]));
    article.paragraphs.reserve(paragraphs.len());
    for para in first.into_iter().chain(rest) {
        let text = cite_paragraph(
            &para.text,
            &|at| para.locate(at),
            &[],
            article_date,
            &mut article.citations,
            &mut stats,
            &mut r.warnings,
        );
        article.paragraphs.push(text);
    }
    r.stats = stats;
    if article.paragraphs.is_empty() && !article.title.is_empty() {
        let line = head.after.unwrap_or(last_line);
        r.warnings
            .push(warning(line, 1, "no body paragraphs found"));
    }

    // A page that stops mid-sentence was cut short.
    if let (Some(g), Some(last)) = (paragraphs.last(), r.lines.last()) {
        let end = g.end - 1;
        let text = r.text(end).trim_end();
        let prose = longer_than(text, 80) || text.contains(". ");
        if r.lines[end].number == last.number
            && prose
            && text.chars().last().is_some_and(char::is_alphanumeric)
        {
            let tail: String = {
                let words: Vec<&str> = text.split_whitespace().collect();
                words[words.len().saturating_sub(4)..].join(" ")
            };
            r.warnings.push(warning(
                last.number,
                text.chars().count() + 1,
                format!(
                    "the page stops mid-sentence (\"…{tail}\"); the paragraph is kept as it is"
                ),
            ));
        }
    }

    // Lists: timed headlines to the news line, the rest related.
    let mut news_line = Vec::new();
    for l in std::mem::take(&mut r.listed) {
        match l.stamp.map(|s| s.on(article_date)) {
            Some(Some(time)) => news_line.push(NewsEntry {
                time,
                headline: l.headline,
                article: None,
                zone: None,
                url: None,
            }),
            Some(None) => {
                r.warnings.push(warning(
                    l.line,
                    1,
                    format!(
                        "headline {:?} has a time but the page no date; kept as a related headline",
                        l.headline
                    ),
                ));
                r.related.push((l.line, l.headline));
            }
            None => r.related.push((l.line, l.headline)),
        }
    }
    r.related.sort_by_key(|(line, _)| *line);
    article.related = r.related.into_iter().map(|(_, t)| t).collect();
    r.warnings.sort_by_key(|w| (w.line, w.column));
    r.dropped.sort_by_key(|(line, _)| *line);
    r.stats.dropped_chrome = r.dropped.into_iter().map(|(_, t)| t).collect();

    ImportedPage {
        article,
        news_line,
        warnings: r.warnings,
        stats: r.stats,
    }
}

/// A block that reads as a list of headlines: a timestamp in it, or two or
/// more different short lines and no prose.
fn list_like(r: &Reading, b: Range<usize>) -> bool {
    let free: Vec<usize> = b.filter(|&i| r.free(i)).collect();
    if free.is_empty() {
        return false;
    }
    let stamped = || {
        free.iter()
            .any(|&i| parse_stamp(r.text(i)).is_some() || split_stamp(r.text(i)).is_some())
    };
    let different = || {
        let first = collapse(r.text(free[0]));
        free[1..].iter().any(|&i| collapse(r.text(i)) != first)
    };
    stamped() || free.iter().all(|&i| is_headline(r.text(i))) && different()
}

fn timed(r: &Reading, b: Range<usize>) -> bool {
    b.filter(|&i| r.free(i))
        .any(|i| parse_stamp(r.text(i)).is_some() || split_stamp(r.text(i)).is_some())
}

/// Headings over lists of headlines ("News line", "Popular news", "Read
/// also"), and their lists.
fn read_lists(r: &mut Reading) {
    let mut i = 0;
    while i < r.lines.len() {
        if !r.free(i) || !is_list_heading(r.text(i)) {
            i += 1;
            continue;
        }
        r.used[i] = true;
        let b = r.blocks[i];
        let mut lines: Vec<usize> = (i + 1..r.block(b).end).filter(|&j| r.free(j)).collect();
        let mut next = b + 1;
        if lines.is_empty() {
            // The heading stands alone: its list is the next block.
            let nb = r.blocks.get(i + 1).copied();
            let takes = |nb: usize| {
                let range = r.block(nb);
                !is_list_heading(r.text(range.start)) && list_like(r, range)
            };
            if let Some(nb) = nb.filter(|&nb| takes(nb)) {
                lines = r.block(nb).filter(|&j| r.free(j)).collect();
                next = nb + 1;
            }
        }
        // A timed list goes on through blocks of timed headlines (and a
        // block of links such as "All").
        let was_timed = lines
            .iter()
            .any(|&j| parse_stamp(r.text(j)).is_some() || split_stamp(r.text(j)).is_some());
        if was_timed {
            loop {
                let range = r.block(next);
                if range.is_empty() {
                    break;
                }
                let all_chrome = range.clone().all(|j| r.free(j) && is_chrome(r.text(j)));
                if !(all_chrome || timed(r, range.clone()) && list_like(r, range.clone())) {
                    break;
                }
                lines.extend(range.filter(|&j| r.free(j)));
                next += 1;
            }
        }
        let end = lines.last().map_or(i + 1, |&j| j + 1);
        read_list(r, &lines);
        i = end;
    }
}

/// One list's lines: headline and timestamp on a line each (either first),
/// or on one line; teasers after their headline; links left out.
fn read_list(r: &mut Reading, lines: &[usize]) {
    let timed = lines.iter().any(|&j| parse_stamp(r.text(j)).is_some());
    let stamp_first = lines
        .iter()
        .find(|&&j| !is_chrome(r.text(j)))
        .is_some_and(|&j| parse_stamp(r.text(j)).is_some());
    let mut pending: Option<(usize, String)> = None;
    let mut pending_stamp: Option<(usize, Stamp)> = None;
    let unpaired = |r: &mut Reading, (line, headline): (usize, String)| {
        if timed {
            r.warnings.push(warning(
                line,
                1,
                format!(
                    "news-line headline {headline:?} has no timestamp on the next line; kept as a related headline"
                ),
            ));
        }
        r.listed.push(Listed {
            stamp: None,
            headline,
            line,
        });
    };
    for &j in lines {
        r.used[j] = true;
        let text = r.text(j);
        let number = r.number(j);
        if is_chrome(text) || is_read_more(text) {
            if let Some(p) = pending.take() {
                unpaired(r, p);
            }
            r.dropped.push((number, collapse(text)));
            continue;
        }
        if let Some(stamp) = parse_stamp(text) {
            if stamp_first {
                if let Some((line, _)) = pending_stamp.replace((number, stamp)) {
                    r.warnings.push(warning(
                        line,
                        1,
                        "news-line timestamp without a headline after it; left out",
                    ));
                }
            } else {
                match pending.take() {
                    Some((line, headline)) => r.listed.push(Listed {
                        stamp: Some(stamp),
                        headline,
                        line,
                    }),
                    None => r.warnings.push(warning(
                        number,
                        1,
                        "news-line timestamp without a headline before it; left out",
                    )),
                }
            }
            continue;
        }
        if let Some((stamp, rest)) = split_stamp(text) {
            if let Some(p) = pending.take() {
                unpaired(r, p);
            }
            r.listed.push(Listed {
                stamp: Some(stamp),
                headline: collapse(rest),
                line: number,
            });
            continue;
        }
        let headline = collapse(bullet(text).unwrap_or(text));
        if stamp_first {
            match pending_stamp.take() {
                Some((_, stamp)) => r.listed.push(Listed {
                    stamp: Some(stamp),
                    headline,
                    line: number,
                }),
                None => unpaired(r, (number, headline)),
            }
            continue;
        }
        match pending.take() {
            // A teaser under its headline.
            Some((line, h)) if !is_headline(text) => {
                pending = Some((line, format!("{h} — {headline}")))
            }
            Some(p) => {
                unpaired(r, p);
                pending = Some((number, headline));
            }
            None => pending = Some((number, headline)),
        }
    }
    if let Some(p) = pending {
        unpaired(r, p);
    }
    if let Some((line, _)) = pending_stamp {
        r.warnings.push(warning(
            line,
            1,
            "news-line timestamp without a headline after it; left out",
        ));
    }
}

/// Headlines with teasers, each closed by a "MORE" / "Read more" link:
/// related headlines (`Headline — teaser`).
fn read_teasers(r: &mut Reading) {
    for k in 0..r.lines.len() {
        if !r.free(k) || !is_read_more(r.text(k)) {
            continue;
        }
        let b = r.blocks[k];
        let start = r.block(b).start;
        // The lines above the link in its block, back to the previous link…
        let mut item: Vec<usize> = (start..k)
            .rev()
            .take_while(|&j| r.free(j) && !is_read_more(r.text(j)))
            .collect();
        item.reverse();
        // …or the block above, when the link stands alone.
        if item.is_empty() && start == k && k > 0 {
            let above = r.block(r.blocks[k - 1]);
            if above.len() <= 4 && above.clone().all(|j| r.free(j)) {
                item = above.collect();
            }
        }
        let item: Vec<usize> = item.into_iter().rev().take(4).rev().collect();
        let Some(&first) = item.first() else {
            r.drop_chrome(k);
            continue;
        };
        if !is_headline(r.text(first)) {
            // Prose above a link is the article's, not a teaser.
            r.drop_chrome(k);
            continue;
        }
        let mut entry = collapse(bullet(r.text(first)).unwrap_or(r.text(first)));
        let teaser: Vec<PageLine> = item[1..].iter().map(|&j| r.lines[j]).collect();
        let teaser = Normalised::new(&teaser).text;
        if !teaser.is_empty() {
            entry = format!("{entry} — {teaser}");
        }
        for &j in &item {
            r.used[j] = true;
        }
        r.related.push((r.number(first), entry));
        r.drop_chrome(k);
    }
}

/// Sidebars: blocks of `— Headline` lines, and lines of three or more
/// dash-separated headlines.
fn read_sidebars(r: &mut Reading) {
    let mut next = 0;
    while next < r.lines.len() {
        let range = r.block(r.blocks[next]);
        next = range.end;
        let free: Vec<usize> = range.clone().filter(|&j| r.free(j)).collect();
        if free.len() >= 2 && free.iter().all(|&j| bullet(r.text(j)).is_some()) {
            for j in free {
                let h = collapse(bullet(r.text(j)).unwrap_or_default());
                r.related.push((r.number(j), h));
                r.used[j] = true;
            }
            continue;
        }
        for j in free {
            if let Some(parts) = dash_separated(r.text(j)) {
                let parts: Vec<String> = parts.into_iter().map(collapse).collect();
                let n = r.number(j);
                r.related.extend(parts.into_iter().map(|p| (n, p)));
                r.used[j] = true;
            }
        }
    }
}

/// Menus, breadcrumbs, buttons and footers, in blocks with no prose.
fn read_navigation(r: &mut Reading) {
    let mut next = 0;
    while next < r.lines.len() {
        let block = r.block(r.blocks[next]);
        next = block.end;
        // What the block is, read once for all its lines (a page without
        // blank lines is one block).
        let menu = block.len() >= 3 && block.clone().all(|j| is_label(r.text(j)));
        let mut quiet = None;
        for i in block.clone() {
            if !r.free(i) {
                continue;
            }
            let text = r.text(i);
            let dated = || parse_header(text).is_some() || parse_clock_header(text).is_some();
            let nav = menu || is_navigation(text) && !dated() || is_footer(text);
            if !nav {
                continue;
            }
            let quiet = *quiet.get_or_insert_with(|| {
                block.clone().all(|j| {
                    !(ends_sentence(r.text(j)) && longer_than(r.text(j), 60))
                        || is_footer(r.text(j))
                })
            });
            if quiet {
                r.drop_chrome(i);
            }
        }
    }
}

/// Attribution lines anywhere: author and origin. Returns their indices.
fn read_attributions(r: &mut Reading, article: &mut Article) -> Vec<usize> {
    let mut found = Vec::new();
    for i in 0..r.lines.len() {
        if !r.free(i) {
            continue;
        }
        match attribution(r.text(i)) {
            Some(Attribution::Origin(x)) => article.origin = Some(collapse(&x)),
            Some(Attribution::Author(x)) => article.author = Some(collapse(&x)),
            None => continue,
        }
        r.used[i] = true;
        found.push(i);
    }
    found
}

/// What the head of the page told.
#[derive(Default)]
struct Head {
    /// A time of day with no date (`Politics 15:33`).
    clock: Option<chrono::NaiveTime>,
    /// The line where the body starts, for warnings.
    after: Option<usize>,
}

/// A label such as `ANALYTICS` or `Politics`: a category when next to the
/// header.
fn is_label(text: &str) -> bool {
    let t = text.trim();
    !longer_than(t, 30)
        && t.split_whitespace().count() <= 3
        && is_headline(t)
        && !ends_sentence(t)
        && !t.chars().any(|c| c.is_ascii_digit())
}

/// The title, the header line, a category label and a time, in the free
/// lines at the top of the page.
fn read_head(r: &mut Reading, article: &mut Article) -> Head {
    let mut head = Head::default();
    let free: Vec<usize> = (0..r.lines.len()).filter(|&i| r.free(i)).collect();
    let mut k = 0;
    let mut label: Option<usize> = None;
    fn header(r: &mut Reading, article: &mut Article, head: &mut Head, i: usize) -> bool {
        if article.published.is_some() || head.clock.is_some() {
            return false;
        }
        let text = r.text(i);
        if let Some(h) = parse_header(text) {
            if h.category.is_some() {
                article.category = h.category.map(|c| collapse(&c));
            }
            article.published = Some(h.published);
            article.zone = h.zone;
        } else if let Some((category, time, zone)) = parse_clock_header(text) {
            if category.is_some() {
                article.category = category.map(|c| collapse(&c));
            }
            head.clock = Some(time);
            article.zone = zone;
        } else {
            return false;
        }
        r.used[i] = true;
        true
    }
    // Before the title: a header line, a label.
    while let Some(&i) = free.get(k) {
        if header(r, article, &mut head, i) {
            k += 1;
            continue;
        }
        // LABEL, TITLE, HEADER: the label is not the title.
        let is_header = |t: &str| parse_header(t).is_some() || parse_clock_header(t).is_some();
        let next_is_title = free.get(k + 1).is_some_and(|&n| {
            let t = r.text(n);
            is_headline(t) && !is_header(t)
        }) && free.get(k + 2).is_some_and(|&n| is_header(r.text(n)));
        if is_label(r.text(i)) && next_is_title {
            // A section name (`ANALYTICS`) is the category unless the header
            // names one; a longer label is the site's.
            if r.text(i).split_whitespace().count() <= 2 && label.is_none() {
                label = Some(i);
                r.used[i] = true;
            } else {
                r.drop_chrome(i);
            }
            k += 1;
            continue;
        }
        break;
    }
    // The title, kept once when repeated.
    if let Some(&i) = free.get(k) {
        let text = r.text(i);
        let alone = r.block(r.blocks[i]).filter(|&j| r.free(j)).count() == 1
            || free
                .get(k + 1)
                .is_some_and(|&n| collapse(r.text(n)) == collapse(text));
        let title_like =
            !longer_than(text, 250) && (is_headline(text) || alone && !text.contains(". "));
        if title_like {
            article.title = collapse(text);
            r.used[i] = true;
            k += 1;
            if let Some(&n) = free.get(k)
                && collapse(r.text(n)) == article.title
            {
                r.used[n] = true;
                k += 1;
            }
        } else {
            r.warnings.push(warning(
                r.number(i),
                1,
                "no title line; the page opens with prose",
            ));
        }
    }
    // After the title: the header, a label next to it.
    while let Some(&i) = free.get(k) {
        if header(r, article, &mut head, i) {
            k += 1;
            continue;
        }
        let next_is_header = free.get(k + 1).is_some_and(|&n| {
            parse_header(r.text(n)).is_some() || parse_clock_header(r.text(n)).is_some()
        });
        if is_label(r.text(i)) && next_is_header && article.category.is_none() {
            article.category = Some(collapse(r.text(i)));
            r.used[i] = true;
            k += 1;
            continue;
        }
        break;
    }
    if let Some(i) = label {
        if article.category.is_none() {
            article.category = Some(collapse(r.text(i)));
        } else {
            r.used[i] = false;
            r.drop_chrome(i);
        }
    }
    head.after = free.get(k).map(|&i| r.number(i));
    head
}

/// Something the importer could not read confidently.
pub(crate) fn warning(line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(Rule::Import, message).with_position(line, column)
}
