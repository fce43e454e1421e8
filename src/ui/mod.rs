//! Drawing: `render(&App)` is pure. It reads what layout computed and maps each
//! [`TextKind`] to a style. Every distinction that matters (focus, selection,
//! the current citation) is made with bold, reverse or underline, so it reads
//! the same under `NO_COLOR`; colour only adds to it.

pub mod article_list;
pub mod article_pane;
pub mod bookmark_list;
pub mod findings_list;
pub mod help_overlay;
pub mod key_echo;
pub mod news_pane;
pub mod results_list;
pub mod status_bar;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

pub(crate) use crate::app::overlay_rect;
use crate::app::{App, Overlay};
use crate::layout::screen::{MIN_HEIGHT, MIN_WIDTH};
use crate::layout::{Run, TextKind};
use crate::theme::{Element, Theme};

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    draw(app, area, frame.buffer_mut());
}

/// The regions of the screen whose rows scroll on their own (the article and
/// the news line), for the encoder to scroll them apart when the terminal can.
pub fn panes(app: &App, area: Rect) -> Vec<Rect> {
    app.regions_in(area)
        .map(|r| [r.article, r.news].into_iter().flatten().collect())
        .unwrap_or_default()
}

/// Draws the whole screen for `app` into `buf`, which covers `area`.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(r) = app.regions_in(area) else {
        too_small(buf, area);
        return;
    };
    if let Some(rect) = r.article {
        article_pane::draw(app, buf, rect);
    }
    if let Some(rect) = r.separator {
        let glyphs = app.settings().glyphs;
        if r.stacked() {
            let rule: String =
                std::iter::repeat_n(glyphs.rule(), usize::from(rect.width)).collect();
            buf.set_string(rect.x, rect.y, &rule, Style::default());
        } else {
            let rule = glyphs.vertical().to_string();
            for y in rect.top()..rect.bottom() {
                buf.set_string(rect.x, y, &rule, Style::default());
            }
        }
    }
    if let Some(rect) = r.news {
        news_pane::draw(app, buf, rect, r.side_by_side());
    }
    status_bar::draw(app, buf, r.status, r.side_by_side());
    // Bottom first: the overlay on top is drawn last.
    for overlay in app.overlays() {
        match overlay {
            Overlay::Bookmarks(l) => {
                bookmark_list::draw(app, buf, area, l.selected(), l.all_bundles());
            }
            Overlay::Articles(l) => article_list::draw(app, buf, area, l),
            Overlay::Findings(s) => findings_list::draw(app, buf, area, s.get()),
            Overlay::Help { scroll } => help_overlay::draw(app, buf, area, *scroll),
            Overlay::Results(l) => results_list::draw(app, buf, area, l),
            // A prompt is the status bar's.
            Overlay::Prompt(_) => {}
        }
    }
    key_echo::draw(app, buf, area);
}

/// The OSC 8 hyperlinks of the screen `draw` drew, one per cell of `area`
/// (empty when there are none): only when the settings allow them, and
/// never under an overlay or the demo's key echo.
pub fn hyperlinks(app: &App, area: Rect) -> crate::render::encoder::Links {
    let mut links = Vec::new();
    if !app.settings().hyperlinks || app.settings().demo || !app.overlays().is_empty() {
        return links;
    }
    let Some(r) = app.regions_in(area) else {
        return links;
    };
    if let Some(rect) = r.article {
        links = vec![None; usize::from(area.width) * usize::from(area.height)];
        article_pane::hyperlinks(app, rect, area, &mut links);
        if links.iter().all(Option::is_none) {
            links.clear();
        }
    }
    links
}

fn too_small(buf: &mut Buffer, area: Rect) {
    let message = format!(
        "Terminal too small: {}x{}, folio needs {MIN_WIDTH}x{MIN_HEIGHT}. q quits.",
        area.width, area.height
    );
    let lines = textwrap::wrap(&message, usize::from(area.width).max(1));
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, text) in lines.iter().enumerate() {
        let y = area.y + top + i as u16;
        if y >= area.bottom() {
            break;
        }
        let width = unicode_width::UnicodeWidthStr::width(text.as_ref()) as u16;
        let x = area.x + area.width.saturating_sub(width) / 2;
        buf.set_stringn(x, y, text, usize::from(area.width), Style::default());
    }
}

/// The style of a kind of text in `theme`; `highlight` marks the current
/// citation or note.
pub(crate) fn style_for(kind: TextKind, theme: &Theme, highlight: bool) -> Style {
    let base = match kind {
        TextKind::Title => Style::new().add_modifier(Modifier::BOLD),
        TextKind::Heading => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        TextKind::DaySeparator => Style::new().add_modifier(Modifier::BOLD),
        TextKind::Time => Style::new().add_modifier(Modifier::BOLD),
        TextKind::NoteLabel { .. } => Style::new().add_modifier(Modifier::BOLD),
        TextKind::Finding => Style::new().add_modifier(Modifier::BOLD),
        TextKind::Raw => Style::new().add_modifier(Modifier::ITALIC),
        TextKind::Gutter => Style::new().add_modifier(Modifier::DIM),
        _ => Style::new(),
    };
    let element = match kind {
        TextKind::Meta => Some(Element::Meta),
        TextKind::Rule => Some(Element::Rule),
        TextKind::DaySeparator => Some(Element::DaySeparator),
        TextKind::Marker { .. } => Some(Element::Marker),
        TextKind::NoteLabel { .. } => Some(Element::NoteLabel),
        TextKind::Time => Some(Element::Time),
        TextKind::Link => Some(Element::Link),
        TextKind::Finding => Some(Element::Finding),
        TextKind::Raw => Some(Element::Raw),
        TextKind::Gutter => Some(Element::Gutter),
        TextKind::Title => Some(Element::Title),
        TextKind::Heading => Some(Element::Heading),
        _ => None,
    };
    let colored = match element.and_then(|e| theme.color(e)) {
        Some(c) if theme.strong => base.fg(c).add_modifier(Modifier::BOLD),
        Some(c) => base.fg(c),
        None => base,
    };
    if highlight {
        colored.add_modifier(Modifier::REVERSED | Modifier::BOLD)
    } else {
        colored
    }
}

/// One row of a list overlay at `y` inside `inner`: reversed across the
/// whole row when `selected`, bold when `bold`, cut with an ellipsis when
/// too long.
pub(crate) fn list_row(
    app: &App,
    buf: &mut Buffer,
    inner: Rect,
    y: u16,
    text: &str,
    selected: bool,
    bold: bool,
) {
    let mut style = selected_row(buf, inner, y, selected);
    if bold {
        style = style.add_modifier(Modifier::BOLD);
    }
    let width = usize::from(inner.width.saturating_sub(2));
    let shown = bookmark_list::truncate(text, width, app);
    buf.set_stringn(inner.x + 1, y, &shown, width, style);
}

/// The style of a list row at `y` inside `inner`: reversed across the
/// whole row when `selected` (the row is set so), plain otherwise.
pub(crate) fn selected_row(buf: &mut Buffer, inner: Rect, y: u16, selected: bool) -> Style {
    if !selected {
        return Style::new();
    }
    let style = Style::new().add_modifier(Modifier::REVERSED);
    buf.set_style(
        Rect {
            y,
            height: 1,
            ..inner
        },
        style,
    );
    style
}

/// Draws `runs` at (x, y), clipped to `width`, styled by `style`.
pub(crate) fn draw_runs(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    runs: &[Run],
    style: impl Fn(&Run) -> Style,
) {
    let spans: Vec<Span> = runs
        .iter()
        .map(|r| Span::styled(r.text.as_str(), style(r)))
        .collect();
    buf.set_line(x, y, &Line::from(spans), width);
}
