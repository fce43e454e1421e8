//! One reader session's state and [`App::update`], the only place it changes.
//!
//! A session is built from one [`Init`]; `update` takes a [`Msg`] (a key's
//! [`Action`], a resize, a store's answer...) and returns the [`Command`]s the
//! shell is to carry out (draw, write a bookmark, run the editor, quit); it
//! performs no I/O, so one process can run many sessions. Layouts are cached
//! here because they are costly to recompute on every keypress; they are
//! rebuilt only when the size or the article changes. Each feature has its
//! own file: the overlays over the panes (`overlay`), bookmarks and prompts,
//! the article list, proofing, search, the search of every article
//! (`bundle_search`), the news filter, the mouse, citations
//! and notes, the news line, the jump history.

mod articles;
mod bookmarking;
mod bundle_search;
mod citations;
mod following;
mod history;
mod layouts;
mod mouse;
mod msg;
mod news;
mod news_filter;
mod overlay;
mod proofing;
mod searching;

use history::Place;

pub use articles::ArticleList;
pub use bookmarking::{BookmarkList, ListItem, Prompt, PromptPurpose};
pub use bundle_search::{BundleResults, thousands};
pub use following::{Cue, Role};
pub use msg::{Command, Init, Msg};
pub use news_filter::NewsFilter;
pub use overlay::{HELP_WIDTH, Overlay, Selection, help_max_scroll, help_text_width, overlay_rect};
pub use proofing::label as finding_label;
pub use searching::Search;

use std::sync::Arc;

use ratatui::layout::Rect;

use chrono::{DateTime, FixedOffset};

use crate::action::Action;
use crate::bookmarks::{BookmarkFile, StoreOp};
use crate::bundle::Bundle;
use crate::footnotes::Notes;
use crate::glyphs::Glyphs;
use crate::keymap::Context;
use crate::layout::article::{
    AnchorKey, Around, ArticleLayout, ArticleOutline, DEFAULT_MEASURE, LayoutOptions, MarkerAt,
    layout_with_outline,
};
use crate::layout::news::NewsLayout;
use crate::layout::screen::{Focus, Layout, Regions, regions};
use crate::layout::strip::{ArticleView, article_view};

/// What an update asks of the shell, before it becomes [`Command`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Effect {
    /// Nothing visible changed: write nothing to the terminal.
    None,
    Redraw,
    Repaint,
    Suspend,
    Edit(Vec<crate::bundle::load::PathSeg<'static>>),
    Quit,
}

/// Display preferences, as start-up set them (a few keys change some).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub glyphs: Glyphs,
    /// False under `NO_COLOR`: everything must read with bold/reverse/underline.
    pub color: bool,
    pub measure: usize,
    /// Open articles where the reader last was (`--no-restore` turns it off).
    pub restore: bool,
    /// Colours (`config.toml`); none at all when `color` is false.
    pub theme: crate::theme::Theme,
    /// Centre the text in a pane wider than the measure.
    pub centre: bool,
    /// How the news line stands to the article (a key cycles it).
    pub layout: Layout,
    /// Hyphenation and justification of paragraphs (keys `-` and `J`).
    pub hyphenate: bool,
    pub justify: bool,
    /// The line keys (`j`, `k`, arrows) move the article a page at a time
    /// (`--low-bandwidth`: fewer frames over a slow link).
    pub page_wise: bool,
    /// `--demo`: for talks; nothing is written or edited, the last keys
    /// pressed are shown.
    pub demo: bool,
    /// Sources' names are OSC 8 hyperlinks (a terminal that shows them,
    /// UTF-8, not `--low-bandwidth` or `--ascii`).
    pub hyperlinks: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            glyphs: Glyphs::UNICODE,
            color: true,
            measure: DEFAULT_MEASURE,
            restore: true,
            theme: crate::theme::Theme::default(),
            centre: true,
            layout: Layout::Auto,
            hyphenate: false,
            justify: false,
            page_wise: false,
            hyperlinks: false,
            demo: false,
        }
    }
}

pub struct App {
    /// Shared: many sessions (`folio serve`) read one bundle.
    bundle: Arc<Bundle>,
    settings: Settings,
    area: Rect,
    focus: Focus,
    /// Index of the open article.
    article: usize,
    notes: Notes,
    /// The open article's blocks, numbered once for all its layouts.
    outline: Arc<ArticleOutline>,
    layout: ArticleLayout,
    news: NewsLayout,
    /// First article line on screen.
    top: usize,
    /// The highlighted citation (index into `layout.markers`).
    current: Option<usize>,
    /// The note whose source was jumped to; highlighted in Sources.
    target_note: Option<usize>,
    news_selected: usize,
    news_top: usize,
    /// What is open over the panes, bottom first; the top takes the keys.
    overlays: Vec<Overlay>,
    /// A note number being typed.
    number: Option<u32>,
    /// The first `Z` of `ZZ` was pressed, the key before this one.
    quit_pending: bool,
    /// A one-off message for the status bar, cleared by the next key.
    message: Option<String>,
    /// Bookmarks and positions as last read or written.
    store: BookmarkFile,
    /// Why bookmarks cannot be saved, when they cannot.
    read_only: Option<String>,
    /// Store changes made during this update, for the shell to write.
    outbox: Vec<StoreOp>,
    /// The store is to be read again during this update (another window may
    /// have changed it).
    read_store: bool,
    /// There is a store on disk to read again (not a demo, not a test
    /// without one): list actions wait for its answer.
    shared_store: bool,
    /// What waits for the store's [`Msg::StoreRead`] answer.
    awaiting: Option<bookmarking::Awaiting>,
    /// The time, as the shell last said it was (bookmark dates, ages).
    now: DateTime<FixedOffset>,
    /// The bundle's file, when it has one (the built-in sample has not).
    source: Option<String>,
    /// The keys in effect (`config.toml` may change some).
    keymap: crate::keymap::Keymap,
    /// The proof view is on.
    proof: bool,
    /// The findings of `folio check`, once computed.
    issues: Option<Vec<crate::diagnostic::Diagnostic>>,
    /// The house word list for the spelling rule (`folio-words.txt` beside
    /// the bundle).
    house_words: String,
    /// The search whose matches are highlighted.
    search: Option<Search>,
    /// The news line, filtered.
    news_filter: Option<NewsFilter>,
    /// The open article's searchable text, built on the first search.
    search_cache: Option<(usize, crate::search::SearchText)>,
    /// The last query searched for in every article (`S` offers it again).
    bundle_query: String,
    /// The last keys pressed, newest last (shown in demo mode); text typed
    /// into a prompt or list filter is one entry, quoted.
    echo: Vec<String>,
    /// The last entry of `echo` is text being typed.
    echo_typing: bool,
    /// Why what is shown may not be the file as it is now (a reload
    /// failed, the file was deleted), until a good version loads.
    stale: Option<String>,
    history: Vec<Place>,
    /// Places jumped back from, for `Ctrl-i`.
    forward: Vec<Place>,
    /// The reader's place, as of the last thing they did (not the last
    /// resize): re-wrapping to several widths in turn never drifts from it.
    place_key: AnchorKey,
    /// Following a speaker, or being followed (`folio serve`).
    following: following::Following,
    /// The status bar has said that the layout asked for cannot show both
    /// panes at this size (said once, until it can again).
    fallback_said: bool,
}

/// Keys the demo's echo shows.
const ECHO_KEYS: usize = 8;

/// How long the demo's echo stays after the last key.
pub const ECHO_FADE: std::time::Duration = std::time::Duration::from_secs(2);

impl App {
    /// A session as `init` says: its bundle, size, keys, store, and where
    /// to start.
    pub fn new(init: Init) -> App {
        let Init {
            bundle,
            settings,
            area,
            now,
            source,
            keymap,
            house_words,
            store,
            notice,
            start,
            role,
        } = init;
        let mut app = App {
            bundle,
            settings,
            area,
            focus: Focus::Article,
            article: 0,
            notes: Notes::default(),
            outline: Arc::default(),
            layout: ArticleLayout::default(),
            news: NewsLayout::default(),
            top: 0,
            current: None,
            target_note: None,
            news_selected: 0,
            news_top: 0,
            overlays: Vec::new(),
            number: None,
            quit_pending: false,
            message: None,
            store: BookmarkFile::default(),
            read_only: None,
            outbox: Vec::new(),
            read_store: false,
            shared_store: false,
            awaiting: None,
            now,
            source,
            keymap,
            proof: false,
            issues: None,
            house_words,
            search: None,
            news_filter: None,
            search_cache: None,
            bundle_query: String::new(),
            echo: Vec::new(),
            echo_typing: false,
            stale: None,
            history: Vec::new(),
            forward: Vec::new(),
            place_key: AnchorKey::default(),
            following: following::Following::new(role),
            fallback_said: false,
        };
        app.number_notes();
        app.relayout();
        if let Some(loaded) = store {
            app.store_loaded(loaded);
        }
        if app.message.is_none() {
            app.message = notice;
        }
        app.say_fallback();
        if let Some((article, paragraph)) = start {
            app.start_at(article, paragraph);
        }
        app.place_key = app.layout.key_of(app.top);
        // Store changes made while starting (opening `--article`'s article
        // saves the first one's place) go out with the first update's
        // commands.
        app
    }

    // What the widgets and the shell read.

    /// The bundle being read.
    pub fn bundle(&self) -> &Bundle {
        &self.bundle
    }

    /// Display preferences.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The screen.
    pub fn area(&self) -> Rect {
        self.area
    }

    /// The pane that takes the moving keys.
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// Index of the open article.
    pub fn article(&self) -> usize {
        self.article
    }

    /// The open article's notes, numbered.
    pub fn notes(&self) -> &Notes {
        &self.notes
    }

    /// The open article, laid out (a window of it when long).
    pub fn layout(&self) -> &ArticleLayout {
        &self.layout
    }

    /// The news line, laid out.
    pub fn news(&self) -> &NewsLayout {
        &self.news
    }

    /// First article line on screen.
    pub fn top(&self) -> usize {
        self.top
    }

    /// The highlighted citation (index into `layout().markers`).
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// The note whose source was jumped to.
    pub fn target_note(&self) -> Option<usize> {
        self.target_note
    }

    /// The selected news-line entry.
    pub fn news_selected(&self) -> usize {
        self.news_selected
    }

    /// First news-line row on screen.
    pub fn news_top(&self) -> usize {
        self.news_top
    }

    /// A note number being typed.
    pub fn number(&self) -> Option<u32> {
        self.number
    }

    /// The status bar's one-off message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Bookmarks and positions as last read or written.
    pub fn store(&self) -> &BookmarkFile {
        &self.store
    }

    /// Why bookmarks cannot be saved, when they cannot.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// The time, as last told.
    pub fn now(&self) -> DateTime<FixedOffset> {
        self.now
    }

    /// The keys in effect.
    pub fn keymap(&self) -> &crate::keymap::Keymap {
        &self.keymap
    }

    /// The proof view is on.
    pub fn proof(&self) -> bool {
        self.proof
    }

    /// The search whose matches are highlighted.
    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    /// The news line, filtered.
    pub fn news_filter(&self) -> Option<&NewsFilter> {
        self.news_filter.as_ref()
    }

    /// The last keys pressed, newest last (demo mode).
    pub fn echo(&self) -> &[String] {
        &self.echo
    }

    /// Why the screen may not show the file as it is now (`stale: b.json
    /// has errors`), until a good version loads.
    pub fn stale(&self) -> Option<&str> {
        self.stale.as_deref()
    }

    /// The bundle file's name, for messages.
    fn source_name(&self) -> String {
        let source = self.source.as_deref().unwrap_or("the bundle");
        std::path::Path::new(source)
            .file_name()
            .map_or(source.to_string(), |n| n.to_string_lossy().into_owned())
    }

    /// The theme in effect: none under `NO_COLOR` or `--no-color`.
    pub fn theme(&self) -> crate::theme::Theme {
        if self.settings.color {
            self.settings.theme
        } else {
            crate::theme::Theme::MONOCHROME
        }
    }

    /// Where keys are looked up, most specific first.
    pub fn contexts(&self) -> &'static [Context] {
        match (self.overlay(), self.focus) {
            (Some(overlay), _) => overlay.contexts(),
            (None, Focus::Article) if self.following.role == Role::Viewer => {
                crate::keymap::VIEWER_ARTICLE_KEYS
            }
            (None, Focus::News) if self.following.role == Role::Viewer => {
                crate::keymap::VIEWER_NEWS_KEYS
            }
            (None, Focus::Article) => crate::keymap::ARTICLE_KEYS,
            (None, Focus::News) => crate::keymap::NEWS_KEYS,
        }
    }

    /// Where the screen's regions are, for the current size, focus and
    /// layout; `None` when the terminal is too small.
    pub fn regions(&self) -> Option<Regions> {
        self.regions_in(self.area)
    }

    /// [`App::regions`] of a screen `area` (the one drawn on).
    pub fn regions_in(&self, area: Rect) -> Option<Regions> {
        regions(area, self.focus, self.settings.layout)
    }

    /// The article and news panes as they are (or would be, when the other one
    /// has the whole width) at the current size.
    fn pane_rects(&self) -> (Rect, Rect) {
        let body = Rect {
            height: self.area.height.saturating_sub(1),
            ..self.area
        };
        let layout = self.settings.layout;
        let article = regions(self.area, Focus::Article, layout).and_then(|r| r.article);
        let news = regions(self.area, Focus::News, layout).and_then(|r| r.news);
        (article.unwrap_or(body), news.unwrap_or(body))
    }

    /// Rows of the article pane and of the news pane.
    pub fn pane_heights(&self) -> (usize, usize) {
        let (article, news) = self.pane_rects();
        (usize::from(article.height), usize::from(news.height))
    }

    /// Lays both panes out again for the current size, skipping a pane whose
    /// width did not change (a change of height needs no re-wrap).
    fn relayout(&mut self) {
        if usize::from(self.pane_rects().0.width) != self.layout.pane_width {
            self.relayout_article();
        } else {
            self.clamp_article();
        }
        let width = usize::from(self.pane_rects().1.width);
        if width != self.news.width || self.headlines() != self.news.headlines {
            let window = self.news_window();
            self.lay_out_news(window);
            self.lay_out_news_filter();
        }
        self.reveal_news_selection();
    }

    /// Turns a setting of how paragraphs are wrapped on or off, says which,
    /// and wraps the article again.
    fn toggle_wrapping(
        &mut self,
        flag: fn(&mut Settings) -> &mut bool,
        (on, off): (&str, &str),
    ) -> Effect {
        let value = flag(&mut self.settings);
        *value = !*value;
        self.message = Some(if *value { on } else { off }.to_string());
        self.relayout_article();
        Effect::Redraw
    }

    /// Re-wraps the article only (another article opened: the news line is
    /// as it was).
    fn relayout_article(&mut self) {
        self.lay_out_article(self.around(self.place_key));
        self.top = self.layout.line_for(self.place_key);
        self.clamp_article();
    }

    fn around(&self, key: AnchorKey) -> Around {
        Around::Key {
            key,
            rows: self.pane_heights().0,
        }
    }

    /// Lays the open article out for the current size: all of it, or for a
    /// long one the part `around` asks for. The highlighted citation stays
    /// highlighted when it is still laid out; `top` is left to the caller.
    fn lay_out_article(&mut self, around: Around) {
        let width = usize::from(self.pane_rects().0.width);
        let current = self.current_marker().map(|m| m.at);
        if let Some(article) = self.bundle.articles.get(self.article) {
            let opts = LayoutOptions {
                glyphs: self.settings.glyphs,
                measure: self.settings.measure,
                centre: self.settings.centre,
                hyphenate: self.settings.hyphenate,
                justify: self.settings.justify,
                links_whole: false,
            };
            let proof = self.article_proof();
            self.layout = layout_with_outline(
                article,
                &self.notes,
                &self.outline,
                width,
                opts,
                around,
                proof.as_ref(),
            );
        }
        self.current = current.and_then(|at| self.layout.markers.iter().position(|m| m.at == at));
    }

    fn current_marker(&self) -> Option<MarkerAt> {
        self.current
            .and_then(|i| self.layout.markers.get(i))
            .copied()
    }

    /// Makes sure block `block` is laid out (moving the window of a long
    /// article there), keeping the reader's place when it already is.
    fn lay_out_block(&mut self, block: usize) {
        if !self.layout.blocks.contains(&block) {
            self.lay_out_article(self.around(AnchorKey {
                block,
                ..AnchorKey::default()
            }));
        }
    }

    /// Puts the place `key` at the top of the pane.
    fn show_key(&mut self, key: AnchorKey) {
        self.lay_out_block(key.block);
        self.top = self.layout.line_for(key);
        self.clamp_article();
    }

    /// Moves the window of a long article when the view comes near its edge,
    /// so that a page up or down always finds its lines laid out.
    fn keep_window(&mut self) {
        if self.layout.is_whole() {
            return;
        }
        let rows = self.pane_heights().0;
        let margin = 2 * rows + 20;
        let near_start = !self.layout.has_start() && self.top < margin;
        let near_end = !self.layout.has_end() && self.top + rows + margin > self.layout.lines.len();
        if near_start || near_end {
            let key = self.layout.key_of(self.top);
            self.lay_out_article(self.around(key));
            self.top = self.layout.line_for(key);
        }
    }

    /// The article as it is on screen now.
    pub fn article_view(&self) -> ArticleView {
        self.view_at(self.top)
    }

    fn view_at(&self, top: usize) -> ArticleView {
        article_view(
            &self.layout,
            top,
            self.pane_heights().0,
            self.settings.glyphs,
            (self.current).and_then(|c| self.layout.markers.get(c).map(|m| m.note)),
        )
    }

    /// The last useful top line: the end of the text just shows at the bottom.
    fn max_top(&self) -> usize {
        let len = self.layout.lines.len();
        let mut top = len.saturating_sub(self.pane_heights().0);
        while top < len && top + self.view_at(top).body_rows < len {
            top += 1;
        }
        top
    }

    fn clamp_article(&mut self) {
        self.top = self.top.min(self.max_top());
    }

    /// Scrolls so that article line `line` is on screen, a third down the pane.
    fn reveal_line(&mut self, line: usize) {
        let view = self.article_view();
        if line >= self.top && line < self.top + view.body_rows {
            return;
        }
        self.top = line.saturating_sub(view.body_rows / 3).min(self.max_top());
        while line >= self.top + self.article_view().body_rows && self.top < self.max_top() {
            self.top += 1;
        }
    }

    fn line_visible(&self, line: usize) -> bool {
        line >= self.top && line < self.top + self.article_view().body_rows
    }

    /// Numbers the open article's notes and outlines its blocks.
    fn number_notes(&mut self) {
        let article = self.bundle.articles.get(self.article);
        self.notes = article.map(Notes::number).unwrap_or_default();
        self.outline = Arc::new(
            article
                .map(|a| ArticleOutline::new(a, &self.notes))
                .unwrap_or_default(),
        );
    }

    fn open_article(&mut self, index: usize) {
        if index >= self.bundle.articles.len() {
            return;
        }
        self.save_position();
        self.article = index;
        self.number_notes();
        self.top = 0;
        self.place_key = AnchorKey::default();
        self.current = None;
        self.target_note = None;
        self.relayout_article();
        self.restore_position();
        self.search_again();
    }

    /// Takes in `msg`, the only place the state changes, and says what the
    /// shell is to do.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Command> {
        let msg = msg.into();
        // A resize or the clock is not the reader doing something: the place
        // to keep through later resizes stays as it was.
        // Nor is a change of layout, which re-wraps as a resize does.
        let moved = !matches!(
            msg,
            Msg::Resize(..)
                | Msg::Clock(_)
                | Msg::Wake
                | Msg::SourceGone
                | Msg::Action(Action::CycleLayout)
        );
        // A message stays until the user does something (the speaker moving
        // or someone joining is not the viewer doing something).
        let user = moved
            && !matches!(
                msg,
                Msg::Stored(_)
                    | Msg::StoreLoaded(_)
                    | Msg::StoreRead(_)
                    | Msg::Pressed(_)
                    | Msg::Cue(_)
                    | Msg::Audience(_)
            );
        let had_message = user && self.message.take().is_some();
        let number = self.number;
        // A key in demo mode: the echo fades unless another comes first.
        let fade = self.settings.demo && matches!(msg, Msg::Pressed(_));
        // A viewer's own move (not the speaker's cue) pauses following.
        let by_reader = matches!(&msg, Msg::Action(a) if *a != Action::FollowSpeaker)
            || matches!(msg, Msg::Wheel { .. } | Msg::Click { .. });
        let before = (by_reader && self.is_following()).then(|| self.cue());
        let effect = self.apply(msg);
        self.pause_if_moved(before);
        self.keep_news_whole();
        self.say_fallback();
        let status_changed =
            had_message || (user && self.message.is_some()) || number != self.number;
        self.keep_window();
        // The place moves with the text on the top line: a key that left the
        // place on it (Tab, a move in the news line) keeps the very word, so
        // that layouts and sizes tried in between never drift from it.
        let kept = self.layout.line_for(self.place_key) == self.top
            && self.layout.key_of(self.top) <= self.place_key;
        if moved && !kept {
            self.place_key = self.layout.key_of(self.top);
        }
        let mut commands: Vec<Command> = self.outbox.drain(..).map(Command::Store).collect();
        // After this update's writes, so the answer includes them.
        if std::mem::take(&mut self.read_store) {
            commands.push(Command::ReadStore);
        }
        commands.extend(match effect {
            Effect::None if status_changed => Some(Command::Redraw),
            Effect::None => None,
            Effect::Redraw => Some(Command::Redraw),
            Effect::Repaint => Some(Command::Repaint),
            Effect::Suspend => Some(Command::Suspend),
            Effect::Edit(path) => Some(Command::Edit(path)),
            Effect::Quit => Some(Command::Quit),
        });
        if fade {
            commands.push(Command::Wake(ECHO_FADE));
        }
        commands
    }

    fn apply(&mut self, msg: Msg) -> Effect {
        match msg {
            Msg::Action(action) => self.act(action),
            Msg::Resize(w, h) => {
                self.area = Rect::new(0, 0, w, h);
                self.relayout();
                Effect::Redraw
            }
            Msg::StoreLoaded(loaded) => self.store_loaded(loaded),
            Msg::Stored(result) => self.stored(result),
            Msg::StoreRead(result) => self.store_read(result),
            Msg::Reloaded(result) => {
                self.stale = result
                    .is_err()
                    .then(|| format!("stale: {} has errors", self.source_name()));
                self.reloaded(result)
            }
            Msg::SourceGone => {
                let name = self.source_name();
                self.stale = Some(format!("stale: {name} was deleted"));
                Effect::Redraw
            }
            Msg::Pressed(label) => self.echo_key(label),
            Msg::Wake if !self.echo.is_empty() => {
                // No key for a while: the echo fades.
                self.echo.clear();
                self.echo_typing = false;
                Effect::Redraw
            }
            Msg::Wheel { column, row, down } => self.wheel(column, row, down),
            Msg::Click { column, row } => self.click(column, row),
            Msg::Edited(Err(why)) => {
                self.message = Some(format!("The editor failed: {why}"));
                Effect::Redraw
            }
            Msg::Edited(Ok(())) => Effect::Redraw,
            Msg::Hangup => {
                self.save_position();
                Effect::Quit
            }
            Msg::Clock(now) => {
                self.now = now;
                Effect::None
            }
            Msg::Wake => Effect::None,
            Msg::Cue(cue) => self.cued(cue),
            Msg::Audience(n) => self.audience(n),
        }
    }

    /// Shows `label` in the demo's echo (text typed into a prompt or a
    /// list's filter as one string), to fade after [`ECHO_FADE`].
    fn echo_key(&mut self, label: String) -> Effect {
        if !self.settings.demo {
            return Effect::None;
        }
        let typing = matches!(
            self.overlay(),
            Some(Overlay::Prompt(_) | Overlay::Articles(_))
        );
        let typed = match label.as_str() {
            "Space" => Some(' '),
            l if l.chars().count() == 1 => l.chars().next(),
            _ => None,
        };
        match (typing, typed) {
            (true, Some(c)) if self.echo_typing => {
                if let Some(last) = self.echo.last_mut() {
                    last.pop();
                    last.push(c);
                    last.push('"');
                }
            }
            (true, Some(c)) => {
                self.echo.push(format!("\"{c}\""));
                self.echo_typing = true;
            }
            _ => {
                self.echo.push(label);
                self.echo_typing = false;
            }
        }
        let excess = self.echo.len().saturating_sub(ECHO_KEYS);
        self.echo.drain(..excess);
        Effect::Redraw
    }

    /// Starts at paragraph `paragraph` of article `article` (`--at`).
    fn start_at(&mut self, article: usize, paragraph: usize) {
        if article != self.article {
            self.open_article(article);
        }
        let key = AnchorKey {
            block: self.layout.paragraph_block(paragraph),
            ..AnchorKey::default()
        };
        self.show_key(key);
    }

    fn act(&mut self, action: Action) -> Effect {
        let quit_pending = std::mem::take(&mut self.quit_pending);
        match action {
            Action::Repaint => return Effect::Repaint,
            Action::Suspend if self.following.role == Role::Viewer => {
                self.message = Some("A folio serve viewer cannot be suspended: q quits".into());
                return Effect::Redraw;
            }
            Action::Suspend => {
                self.save_position();
                return Effect::Suspend;
            }
            Action::Quit => {
                self.save_position();
                return Effect::Quit;
            }
            Action::QuitTwice if quit_pending => {
                self.save_position();
                return Effect::Quit;
            }
            Action::QuitTwice => {
                self.quit_pending = true;
                self.message = Some("Z: Z again quits".into());
                return Effect::Redraw;
            }
            _ => {}
        }
        if let Some(effect) = self.update_overlay(action) {
            return effect;
        }
        if !matches!(action, Action::Digit(_) | Action::Follow)
            && self.number.take().is_some()
            && action == Action::Close
        {
            // Esc cancels the typed number and nothing else.
            return Effect::None;
        }
        if self.focus == Focus::News
            && let Some(why) = article_only(action)
        {
            self.message = Some(why.into());
            return Effect::Redraw;
        }
        match action {
            Action::Help => {
                self.open(Overlay::Help { scroll: 0 });
                Effect::Redraw
            }
            Action::Bookmark => self.mark(),
            Action::ProofView => self.toggle_proof(),
            Action::Hyphenation => {
                self.toggle_wrapping(|s| &mut s.hyphenate, ("Hyphenation on", "Hyphenation off"))
            }
            Action::Justify => {
                self.toggle_wrapping(|s| &mut s.justify, ("Justified", "Ragged right"))
            }
            Action::ArticleList => self.open_article_list(),
            Action::PreviousArticle => self.step_article(false),
            Action::NextArticle => self.step_article(true),
            Action::FilterNews => self.start_news_filter(),
            Action::SearchForward => self.start_search(true),
            Action::SearchBackward => self.start_search(false),
            Action::SearchNext => self.search_step(true),
            Action::SearchPrevious => self.search_step(false),
            Action::SearchBundle => self.start_bundle_search(),
            Action::Findings => self.open_findings(),
            Action::FollowSpeaker => self.follow_speaker(),
            Action::Edit if self.following.role == Role::Viewer => {
                self.message = Some("A viewer edits nothing: the bundle is the speaker's".into());
                Effect::Redraw
            }
            Action::Edit if self.settings.demo => {
                self.message = Some("Demo mode: folio edits nothing".into());
                Effect::Redraw
            }
            Action::Edit if self.source.is_none() => {
                self.message =
                    Some("The built-in sample has no file to edit: open a bundle file".into());
                Effect::Redraw
            }
            Action::Edit => Effect::Edit(self.edit_path()),
            Action::CycleLayout => self.cycle_layout(),
            Action::Bookmarks => self.open_list(),
            Action::SwitchPane | Action::SwitchPaneBack => {
                self.focus = match self.focus {
                    Focus::Article => Focus::News,
                    Focus::News => Focus::Article,
                };
                self.reveal_news_selection();
                Effect::Redraw
            }
            Action::Close if self.focus == Focus::News && self.news_filter.is_some() => {
                self.clear_news_filter()
            }
            Action::Close => {
                let had = self.current.take().is_some() | self.target_note.take().is_some();
                if had { Effect::Redraw } else { Effect::None }
            }
            _ => match self.focus {
                Focus::Article => self.update_article(action),
                Focus::News => self.update_news(action),
            },
        }
    }

    fn scroll_to(&mut self, top: usize) -> Effect {
        let top = top.min(self.max_top());
        if top == self.top {
            return Effect::None;
        }
        self.top = top;
        Effect::Redraw
    }

    fn update_article(&mut self, action: Action) -> Effect {
        let body = self.article_view().body_rows.max(1);
        // A page keeps two lines of the last one for context, as vim does
        // (and the terminal can move them instead of receiving them again).
        let page = if body > 4 { body - 2 } else { body };
        let action = match action {
            Action::LineDown if self.settings.page_wise => Action::PageDown,
            Action::LineUp if self.settings.page_wise => Action::PageUp,
            Action::OneLineDown => Action::LineDown,
            Action::OneLineUp => Action::LineUp,
            a => a,
        };
        match action {
            Action::LineDown => self.scroll_to(self.top + 1),
            Action::LineUp => self.scroll_to(self.top.saturating_sub(1)),
            Action::PageDown => self.scroll_to(self.top + page),
            Action::PageUp => self.scroll_to(self.top.saturating_sub(page)),
            Action::HalfPageDown => self.scroll_to(self.top + body.div_ceil(2)),
            Action::HalfPageUp => self.scroll_to(self.top.saturating_sub(body.div_ceil(2))),
            Action::Top if !self.layout.has_start() => {
                self.show_key(AnchorKey::default());
                Effect::Redraw
            }
            Action::Top => self.scroll_to(0),
            Action::Bottom if !self.layout.has_end() => {
                let rows = self.pane_heights().0;
                self.lay_out_article(Around::End { rows });
                self.top = self.max_top();
                Effect::Redraw
            }
            Action::Bottom => self.scroll_to(usize::MAX),
            Action::NextCitation => self.step_citation(true),
            Action::PreviousCitation => self.step_citation(false),
            Action::Digit(d) => {
                let n = self.number.unwrap_or(0);
                if n < 100_000 {
                    self.number = Some(n * 10 + u32::from(d));
                }
                Effect::Redraw
            }
            Action::Follow => self.follow(),
            Action::JumpBack => self.jump(true),
            Action::JumpForward => self.jump(false),
            _ => Effect::None,
        }
    }
}

/// What the article's own keys act on, said when one is pressed in the news
/// line (where it does nothing).
fn article_only(action: Action) -> Option<&'static str> {
    match action {
        Action::SearchNext | Action::SearchPrevious | Action::SearchBackward => {
            Some("Search is in the article (Tab goes there); / filters the headlines")
        }
        Action::NextCitation | Action::PreviousCitation => {
            Some("Citations are in the article (Tab goes there)")
        }
        Action::Digit(_) => Some("Note numbers are in the article (Tab goes there)"),
        Action::JumpForward => Some("Jumping forward is in the article (Tab goes there)"),
        _ => None,
    }
}
