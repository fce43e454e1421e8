//! What [`super::fetch_all`] tells while it works, and the one-line stderr
//! display of it.
//!
//! The events are plain data ([`Progress`]); [`progress_line`] turns one into
//! the text of the line, fitted to a width, as a pure function the tests can
//! pin. [`StderrProgress`] draws that line over itself on stderr when stderr
//! is a terminal and does nothing otherwise, so logs and pipes never get
//! carriage returns.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use unicode_width::UnicodeWidthChar;

use crate::glyphs::Glyphs;

/// What happened to one URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressEvent {
    /// The request is about to be sent.
    Started,
    /// More of the body arrived (`bytes` so far, as sent: compressed if it was).
    Received,
    /// The URL is done, fetched or failed.
    Finished { ok: bool },
}

/// One event of a [`super::fetch_all`] run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress<'a> {
    pub event: ProgressEvent,
    /// The URL's position in the input.
    pub index: usize,
    /// How many URLs are finished (this one included once it is).
    pub done: usize,
    pub total: usize,
    pub url: &'a str,
    /// Bytes received for this URL so far.
    pub bytes: u64,
}

/// `fetching 3/10 https://host/path… 12 KB`, at most `width` columns: the URL
/// is cut (with an ellipsis) to fit, and dropped altogether in a very narrow
/// terminal. The count is of URLs finished or under way.
pub fn progress_line(p: &Progress<'_>, width: usize, glyphs: Glyphs) -> String {
    let (verb, n) = match p.event {
        ProgressEvent::Finished { .. } => ("fetched", p.done),
        _ => ("fetching", (p.done + 1).min(p.total)),
    };
    let head = format!("{verb} {n}/{}", p.total);
    let tail = if p.bytes > 0 || matches!(p.event, ProgressEvent::Finished { ok: true }) {
        format!(" {}", human_bytes(p.bytes))
    } else {
        String::new()
    };
    let fixed = head.len() + tail.len();
    let url = one_line(p.url);
    // " " + at least a few characters of URL, or no URL at all.
    let room = width.saturating_sub(fixed + 1);
    let shown = if room >= 8 {
        format!(" {}", fit(&url, room, glyphs.ellipsis()))
    } else {
        String::new()
    };
    fit(&format!("{head}{shown}{tail}"), width, "")
}

/// `512 B`, `12 KB`, `3.4 MB` (powers of 1000).
pub fn human_bytes(n: u64) -> String {
    const KB: u64 = 1000;
    const MB: u64 = KB * KB;
    const GB: u64 = MB * KB;
    match n {
        0..KB => format!("{n} B"),
        KB..MB => format!("{} KB", n / KB),
        MB..GB => format!("{:.1} MB", n as f64 / MB as f64),
        _ => format!("{:.1} GB", n as f64 / GB as f64),
    }
}

/// Control characters out: a URL in an error or progress line is one line.
pub(crate) fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// `s` cut to `width` columns, ending in `ellipsis` if cut.
fn fit(s: &str, width: usize, ellipsis: &str) -> String {
    let columns = |s: &str| s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
    if columns(s) <= width {
        return s.to_string();
    }
    let budget = width.saturating_sub(columns(ellipsis));
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push_str(ellipsis);
    out
}

/// The progress line on stderr, redrawn in place (`\r`, the line, erase to
/// the end) when a URL finishes and at most ten times a second as bytes
/// arrive, when stderr is a terminal; silent
/// otherwise. It is `Sync`: pass `&|p| display.show(p)` as the `progress`
/// argument of [`super::fetch_all`], and call [`Self::clear`] when it returns.
pub struct StderrProgress {
    enabled: bool,
    glyphs: Glyphs,
    last: Mutex<Option<Instant>>,
}

impl StderrProgress {
    /// Draws only if stderr is a terminal.
    pub fn new(glyphs: Glyphs) -> StderrProgress {
        StderrProgress::with_enabled(std::io::stderr().is_terminal(), glyphs)
    }

    pub fn with_enabled(enabled: bool, glyphs: Glyphs) -> StderrProgress {
        StderrProgress {
            enabled,
            glyphs,
            last: Mutex::new(None),
        }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    pub fn show(&self, p: Progress<'_>) {
        if !self.enabled {
            return;
        }
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        // Every URL finished is shown (the count must not stand still while
        // a slow one is waited for); bytes arriving, ten times a second.
        let finished = matches!(p.event, ProgressEvent::Finished { .. });
        if !finished && last.is_some_and(|t| now.duration_since(t) < Duration::from_millis(100)) {
            return;
        }
        *last = Some(now);
        let width = crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w));
        // One column spare: writing the last column makes some terminals wrap.
        let line = progress_line(&p, width.saturating_sub(1), self.glyphs);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line}\x1b[K");
        let _ = err.flush();
    }

    /// Erases the line: call it before printing a warning, and at the end.
    pub fn clear(&self) {
        if self.enabled {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(event: ProgressEvent, done: usize, bytes: u64) -> Progress<'static> {
        Progress {
            event,
            index: 2,
            done,
            total: 10,
            url: "https://example.com/news/2024/05/23/a-long-article-slug",
            bytes,
        }
    }

    #[test]
    fn a_wide_line_shows_everything() {
        let line = progress_line(
            &ev(ProgressEvent::Received, 2, 12_345),
            200,
            Glyphs::UNICODE,
        );
        assert_eq!(
            line,
            "fetching 3/10 https://example.com/news/2024/05/23/a-long-article-slug 12 KB"
        );
        let line = progress_line(&ev(ProgressEvent::Started, 2, 0), 200, Glyphs::UNICODE);
        assert_eq!(
            line,
            "fetching 3/10 https://example.com/news/2024/05/23/a-long-article-slug"
        );
        let line = progress_line(
            &ev(ProgressEvent::Finished { ok: true }, 3, 2_500_000),
            200,
            Glyphs::UNICODE,
        );
        assert!(line.starts_with("fetched 3/10 https://"), "{line}");
        assert!(line.ends_with(" 2.5 MB"), "{line}");
    }

    #[test]
    fn the_url_is_cut_to_the_width() {
        let line = progress_line(&ev(ProgressEvent::Received, 2, 12_345), 40, Glyphs::UNICODE);
        assert_eq!(line, "fetching 3/10 https://example.com… 12 KB");
        assert_eq!(line.chars().count(), 40);
        let line = progress_line(&ev(ProgressEvent::Received, 2, 12_345), 40, Glyphs::ASCII);
        assert_eq!(line, "fetching 3/10 https://example.c... 12 KB");
        assert_eq!(line.len(), 40);
    }

    #[test]
    fn a_narrow_line_drops_the_url_then_cuts() {
        let line = progress_line(&ev(ProgressEvent::Received, 2, 12_345), 22, Glyphs::UNICODE);
        assert_eq!(line, "fetching 3/10 12 KB");
        let line = progress_line(&ev(ProgressEvent::Received, 2, 12_345), 10, Glyphs::UNICODE);
        assert_eq!(line, "fetching 3");
        assert_eq!(
            progress_line(&ev(ProgressEvent::Started, 2, 0), 0, Glyphs::UNICODE),
            ""
        );
    }

    #[test]
    fn control_characters_never_reach_the_line() {
        let mut p = ev(ProgressEvent::Started, 0, 0);
        p.url = "http://x/\u{1b}]52;c;evil\u{7}";
        let line = progress_line(&p, 200, Glyphs::UNICODE);
        assert!(!line.chars().any(char::is_control), "{line:?}");
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_bytes(0), "0 B");
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(12_345), "12 KB");
        assert_eq!(human_bytes(3_400_000), "3.4 MB");
        assert_eq!(human_bytes(5_000_000_000), "5.0 GB");
    }

    #[test]
    fn a_disabled_display_is_silent() {
        let d = StderrProgress::with_enabled(false, Glyphs::ASCII);
        assert!(!d.enabled());
        d.show(ev(ProgressEvent::Started, 0, 0));
        d.clear();
    }
}
