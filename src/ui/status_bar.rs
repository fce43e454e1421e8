//! The status bar: which pane has focus (the one reversed label), where you
//! are, a message or the note number being typed, and key hints; one row. A
//! message too long for it gets a box just above.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::layout::screen::Focus;
use crate::sanitize::clean;

pub fn draw(app: &App, buf: &mut Buffer, rect: Rect, side_by_side: bool) {
    let (mut left, right) = text(app, side_by_side);
    if let Some(prompt) = app.prompt() {
        // The part of the text where the cursor is; the question above
        // when the bar cannot hold it beside the text.
        let g = app.settings().glyphs;
        let (before, after) = prompt.split();
        let (line, above) = prompt_line(
            &clean(&prompt.question, g),
            (&clean(before, g), &clean(after, g)),
            if g.fancy() { "▏" } else { "_" },
            usize::from(rect.width),
            g.ellipsis(),
        );
        left = line;
        if above {
            let question = clean(&prompt.question, g);
            draw_message_box(
                buf,
                rect,
                question.trim_end(),
                Style::new().add_modifier(Modifier::REVERSED),
            );
        }
    }
    // Plain text but for the focus label: a reversed bar would be resent
    // whole every time a digit of the position changes style context.
    let bar = Style::new();
    let label = Style::new().add_modifier(Modifier::REVERSED);
    let width = usize::from(rect.width);
    let right_width = right.width();
    // Key hints only when they fit beside the position and messages.
    if left.width() + right_width + 2 <= width {
        buf.set_stringn(rect.x, rect.y, &left, width - right_width, bar);
        let x = rect.x + (width - right_width) as u16;
        buf.set_stringn(x, rect.y, &right, right_width, bar);
    } else {
        buf.set_stringn(rect.x, rect.y, &left, width, bar);
    }
    if let Some(message) = long_message(app) {
        draw_message_box(buf, rect, &message, label);
    }
    if app.prompt().is_some() {
        return;
    }
    let label_width = focus_label(app.focus()).width() + 2;
    buf.set_style(
        Rect {
            width: (label_width as u16).min(rect.width),
            ..rect
        },
        label.add_modifier(Modifier::BOLD),
    );
}

/// A prompt's line in `width` columns: ` question text` with the cursor
/// between `before` and `after`, and whether the question goes above the
/// bar instead. It stays in the bar when all of it fits or when it takes at
/// most half the bar; the text shows the cursor's part, each cut marked
/// with `ellipsis` (never cut from the left unmarked).
pub fn prompt_line(
    question: &str,
    (before, after): (&str, &str),
    cursor: &str,
    width: usize,
    ellipsis: &str,
) -> (String, bool) {
    let whole = format!(" {question}{before}{cursor}{after}");
    if whole.width() < width {
        return (whole, false);
    }
    let lead = format!(" {question}");
    let above = lead.width() > width / 2;
    let lead = if above { " ".to_string() } else { lead };
    // A column spare at the end, as the whole line leaves one.
    let room = width.saturating_sub(lead.width() + cursor.width() + 1);
    let (bw, aw, ew) = (before.width(), after.width(), ellipsis.width());
    let half = room / 2;
    let cut_before = |keep: usize| format!("{ellipsis}{}", tail(before, keep.saturating_sub(ew)));
    let cut_after = |keep: usize| format!("{}{ellipsis}", head(after, keep.saturating_sub(ew)));
    let (shown_before, shown_after) = if bw + aw <= room {
        (before.to_string(), after.to_string())
    } else if bw <= half {
        (before.to_string(), cut_after(room - bw))
    } else if aw <= half {
        (cut_before(room - aw), after.to_string())
    } else {
        let shown = cut_before(half);
        let rest = room.saturating_sub(shown.width());
        (shown, cut_after(rest))
    };
    (format!("{lead}{shown_before}{cursor}{shown_after}"), above)
}

/// The last characters of `text` within `width` columns.
fn tail(text: &str, width: usize) -> String {
    let mut used = 0;
    let mut out: Vec<char> = Vec::new();
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.into_iter().rev().collect()
}

/// The first characters of `text` within `width` columns.
fn head(text: &str, width: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

/// Room the focus label and position need beside a message, at the least.
const BAR_ROOM: usize = 30;

/// A message too long for the bar beside what else it shows (a path, a
/// reason, a search's wrap-around beside its counter), to be shown whole in
/// a box above it.
fn long_message(app: &App) -> Option<String> {
    let message = clean(app.message().as_ref()?, app.settings().glyphs);
    if app.prompt().is_some() || app.number().is_some() {
        return None;
    }
    let bar_width = usize::from(app.area().width);
    let before = before_message(app).width();
    let g = app.settings().glyphs;
    let inline = message.width() + g.middle_dot().width();
    (message.width() + BAR_ROOM > bar_width || before + inline > bar_width)
        .then(|| message.into_owned())
}

/// Draws `message` wrapped in the rows just above the status bar.
fn draw_message_box(buf: &mut Buffer, bar_rect: Rect, message: &str, style: Style) {
    let width = usize::from(bar_rect.width.saturating_sub(2)).max(1);
    let lines = textwrap::wrap(message, width);
    let rows = lines
        .len()
        .min(usize::from(bar_rect.y.saturating_sub(1)).min(6));
    for (i, line) in lines.iter().take(rows).enumerate() {
        let y = bar_rect.y - (rows - i) as u16;
        let row = Rect {
            y,
            height: 1,
            ..bar_rect
        };
        buf.set_style(row, style);
        for x in row.left()..row.right() {
            buf[(x, y)].set_symbol(" ");
        }
        buf.set_stringn(row.x + 1, y, line, width, style);
    }
}

fn focus_label(focus: Focus) -> &'static str {
    match focus {
        Focus::Article => "Article",
        Focus::News => "News line",
    }
}

/// The left and right parts of the status bar.
pub fn text(app: &App, side_by_side: bool) -> (String, String) {
    let g = app.settings().glyphs;
    if app.prompt().is_some() {
        return prompt_text(app);
    }
    let mut left = before_message(app);
    if let Some(n) = app.number() {
        left.push_str(&format!(
            "{}note {n}_ (Enter goes, Esc cancels)",
            g.middle_dot()
        ));
    } else if let Some(msg) = &app.message() {
        if long_message(app).is_none() {
            left.push_str(&format!("{}{}", g.middle_dot(), clean(msg, g)));
        }
    } else if app.focus() == Focus::Article {
        if let Some(n) = app.target_note() {
            left.push_str(&format!(
                "{}source {n} (Enter: its citation)",
                g.middle_dot()
            ));
        } else if let Some(m) = app
            .current()
            .and_then(|i| app.layout().markers.get(i))
            .filter(|m| (app.top()..app.top() + app.article_view().body_rows).contains(&m.line))
        {
            // Only while the highlighted citation is on screen: Enter acts on it.
            left.push_str(&format!(
                "{}note {}/{} (Enter: source)",
                g.middle_dot(),
                m.note,
                app.notes().len()
            ));
        }
    }
    (left, hints(app, side_by_side))
}

/// The key hints, from the keys in effect (`config.toml` may have moved
/// them): the first key of each action, an action without one left out.
fn hints(app: &App, side_by_side: bool) -> String {
    use crate::action::Action;
    let mut wanted = Vec::new();
    if !side_by_side {
        wanted.push((
            Action::SwitchPane,
            match app.focus() {
                Focus::Article => "news",
                Focus::News => "article",
            },
        ));
    }
    wanted.extend([(Action::Help, "help"), (Action::Quit, "quit")]);
    let mut right = String::new();
    for (action, what) in wanted {
        if let Some(key) = app.keymap().keys_of(action).first() {
            right.push_str(&format!("{key} {what}  "));
        }
    }
    if right.ends_with("  ") {
        right.pop();
    }
    right
}

/// The status bar of a prompt: the question and what is typed, and a
/// search's counter.
fn prompt_text(app: &App) -> (String, String) {
    let g = app.settings().glyphs;
    if let Some(prompt) = app.prompt() {
        let cursor = if g.fancy() { "▏" } else { "_" };
        // A search shows how it is going as it is typed.
        let counter = match prompt.purpose {
            crate::app::PromptPurpose::Search { .. } => app
                .search_counter()
                .map(|c| format!("{c} "))
                .unwrap_or_default(),
            _ => String::new(),
        };
        return (
            {
                // The cursor where typing goes (line editing moves it).
                let (before, after) = prompt.split();
                format!(
                    " {}{}{cursor}{}",
                    prompt.question,
                    clean(before, g),
                    clean(after, g)
                )
            },
            counter,
        );
    }
    (String::new(), String::new())
}

/// A talk's state (`folio serve`): a viewer following or not, and how many
/// watch.
fn talk(app: &App) -> Option<String> {
    use crate::app::Role;
    let watching = match app.watching() {
        1 => "1 watching".to_string(),
        n => format!("{n} watching"),
    };
    match app.role() {
        Role::Reader => None,
        Role::Speaker => Some(watching),
        Role::Viewer if app.is_following() => Some(format!("following, {watching}")),
        Role::Viewer => Some(format!("paused (f follows), {watching}")),
    }
}

/// The left part of the status bar up to the message: focus, marks,
/// position, search.
fn before_message(app: &App) -> String {
    let g = app.settings().glyphs;
    let mut left = format!(" {} ", focus_label(app.focus()));
    if app.proof() {
        left.push_str(&format!("{}proof ", g.middle_dot().trim_start()));
    }
    if let Some(talk) = talk(app) {
        left.push_str(&format!("{}{talk} ", g.middle_dot().trim_start()));
    }
    if let Some(stale) = app.stale() {
        // Until a good version loads: what is shown is not the file now.
        left.push_str(&format!(
            "{}{} ",
            g.middle_dot().trim_start(),
            clean(stale, g)
        ));
    }
    let position = match app.focus() {
        Focus::Article => {
            let total = app.layout().lines.len();
            let view = app.article_view();
            let last = (app.top() + view.body_rows).min(total);
            // Line numbers, not a percentage: a one-line scroll then changes
            // a few digits of the bar, not a few more.
            let where_ = if app.top() == 0 && last >= total {
                " All"
            } else if last >= total {
                " End"
            } else if app.top() == 0 {
                " Top"
            } else {
                ""
            };
            if app.layout().is_whole() {
                // In a narrow bar the numbers alone, never cut.
                let lines = if app.area().width < 40 { "" } else { "lines " };
                format!(
                    "{lines}{}-{last}/{total}{where_}",
                    (app.top() + 1).min(total)
                )
            } else {
                // A long article is laid out a part at a time: its line
                // count is not known, its place in the text is.
                let start = app.layout().has_start() && app.top() == 0;
                let end = app.layout().has_end() && last >= total;
                let where_ = if end {
                    " End"
                } else if start {
                    " Top"
                } else {
                    ""
                };
                // As less does: how far the bottom line is into the text.
                let pct = if end {
                    100.0
                } else {
                    (app.layout().fraction_at(last) * 100.0).floor()
                };
                format!("{pct:.0}% of the text{where_}")
            }
        }
        Focus::News => match &app.news_filter() {
            Some(f) if f.hits.is_empty() => format!("no match for \"{}\"", clean(&f.query, g)),
            Some(f) => format!(
                "match {}/{} for \"{}\"",
                (f.selected + 1).min(f.hits.len()),
                f.hits.len(),
                clean(&f.query, g)
            ),
            None => format!(
                "headline {}/{}",
                app.news_selected() + 1,
                app.bundle().news_line.len()
            ),
        },
    };
    left.push_str(&format!("{}{position}", g.middle_dot().trim_start()));
    // "no match" beside "Pattern not found: …" would say it twice.
    let said = app
        .message()
        .is_some_and(|m| m.starts_with("Pattern not found"));
    if let (Some(s), Some(counter), Focus::Article) =
        (&app.search(), app.search_counter(), app.focus())
        && !(said && counter == "no match")
    {
        left.push_str(&format!(
            "{}/{}: {counter}",
            g.middle_dot(),
            clean(&s.query, g)
        ));
    }
    left
}
