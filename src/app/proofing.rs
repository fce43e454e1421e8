//! The proof view, for editors: the article with its paragraph indexes, each
//! marker's raw citation text and the findings of `folio check` under the
//! lines they concern; a list of every finding that jumps to each; `e` to
//! edit the bundle at the paragraph on screen; and reloading the bundle when
//! it changes on disk, keeping the reader's place. Findings are listed in
//! the order the bundle is written, as `folio check` lists them.

use super::overlay::{Overlay, Selection};
use super::{Action, App, Effect};
use crate::bookmarks::anchor::{Resolved, anchor_at, key_of, resolve};
use crate::bundle::Bundle;
use crate::bundle::load::PathSeg::{self, Index, Key};
use crate::check::bundle_rules::bundle_issues;
use crate::diagnostic::Diagnostic;
use crate::layout::article::{AnchorKey, Proof};
use crate::layout::screen::Focus;

/// `warning[rule]: message`, as `folio check` prints it.
pub fn label(issue: &Diagnostic) -> String {
    let severity = issue.severity().label();
    format!("{severity}[{}]: {}", issue.rule, issue.message)
}

/// The fields of a bundle in the order a bundle is written (each struct's
/// fields in `bundle::model`'s order): findings are listed in reading
/// order, as `folio check` lists them by line.
const FIELD_ORDER: [&str; 21] = [
    "format",
    "id",
    "prefix",
    "source",
    "date",
    "raw",
    "title",
    "category",
    "published",
    "time",
    "headline",
    "article",
    "zone",
    "author",
    "origin",
    "paragraphs",
    "citations",
    "related",
    "url",
    "articles",
    "news_line",
];

/// A key that sorts JSON paths in the order a bundle writes them.
fn reading_order(path: &[PathSeg]) -> Vec<usize> {
    (path.iter())
        .map(|seg| match seg {
            Index(i) => *i,
            Key(k) => FIELD_ORDER
                .iter()
                .position(|f| f == k)
                .unwrap_or(FIELD_ORDER.len()),
            PathSeg::OwnedKey(_) => FIELD_ORDER.len(),
        })
        .collect()
}

impl App {
    /// The findings of `folio check` on the bundle, computed when first
    /// needed (and again after a reload).
    pub fn issues(&self) -> &[Diagnostic] {
        self.issues.as_deref().unwrap_or_default()
    }

    fn ensure_issues(&mut self) {
        if self.issues.is_none() {
            let mut issues = bundle_issues(&self.bundle, &self.house_words);
            issues.sort_by_cached_key(|d| (reading_order(&d.path), d.at));
            self.issues = Some(issues);
        }
    }

    /// What the proof view adds to the open article, when it is on.
    pub(super) fn article_proof(&self) -> Option<Proof> {
        if !self.proof {
            return None;
        }
        let mut proof = Proof::default();
        for issue in self.issues() {
            let [Key("articles"), Index(a), rest @ ..] = issue.path.as_slice() else {
                continue;
            };
            if *a != self.article {
                continue;
            }
            match rest {
                [Key("paragraphs"), Index(p), ..] => proof
                    .paragraphs
                    .entry(*p)
                    .or_default()
                    .push((issue.at, label(issue))),
                [Key("citations"), Index(c), ..] => {
                    proof.citations.entry(*c).or_default().push(label(issue));
                }
                _ => proof.header.push(label(issue)),
            }
        }
        Some(proof)
    }

    /// What the proof view adds to the news line, when it is on: the
    /// findings on each headline, by entry.
    pub(super) fn news_proof(&self) -> Option<crate::layout::news::NewsProof> {
        if !self.proof {
            return None;
        }
        let mut proof = crate::layout::news::NewsProof::new();
        for issue in self.issues() {
            if let [Key("news_line"), Index(n), ..] = issue.path.as_slice() {
                proof.entry(*n).or_default().push((issue.at, label(issue)));
            }
        }
        Some(proof)
    }

    /// Lays the news line out again where it is (the proof view changed).
    fn relayout_news(&mut self) {
        let window = self.news.entries();
        self.lay_out_news(window);
        self.lay_out_news_filter();
        self.reveal_news_selection();
    }

    pub(super) fn toggle_proof(&mut self) -> Effect {
        self.proof = !self.proof;
        if self.proof {
            self.ensure_issues();
            let n = self.issues().len();
            self.message = Some(match n {
                0 => "Proof view: folio check finds nothing in this bundle".into(),
                1 => "Proof view: 1 finding (F lists it)".into(),
                n => format!("Proof view: {n} findings (F lists them)"),
            });
        } else {
            self.message = Some("Proof view off".into());
        }
        self.relayout_article();
        self.relayout_news();
        Effect::Redraw
    }

    pub(super) fn open_findings(&mut self) -> Effect {
        self.ensure_issues();
        if self.issues().is_empty() {
            self.message = Some("folio check finds nothing in this bundle".into());
            return Effect::Redraw;
        }
        self.open(Overlay::Findings(Selection::default()));
        Effect::Redraw
    }

    pub(super) fn update_findings(&mut self, action: Action) -> Effect {
        let count = self.issues().len();
        let page = self.list_page();
        let Some(Overlay::Findings(list)) = self.overlays.last_mut() else {
            return Effect::None;
        };
        if list.step(action, count, page) {
            return Effect::Redraw;
        }
        match action {
            Action::Close | Action::Findings => {
                self.close();
            }
            Action::Follow => {
                let selected = list.get();
                self.close();
                if let Some(issue) = self.issues().get(selected).cloned() {
                    self.go_to_issue(&issue);
                }
            }
            _ => return Effect::None,
        }
        Effect::Redraw
    }

    /// Shows the place of `issue`: its paragraph (and the proof view, so the
    /// finding is on screen under its line), its source, or its headline.
    fn go_to_issue(&mut self, issue: &Diagnostic) {
        match issue.path.as_slice() {
            [Key("news_line"), Index(n), ..] => {
                if !self.proof {
                    // The proof view, so the finding is under its headline.
                    self.proof = true;
                    self.relayout_article();
                    self.relayout_news();
                }
                self.focus = Focus::News;
                self.news_selected = (*n).min(self.bundle.news_line.len().saturating_sub(1));
                self.ensure_news_window();
                self.reveal_news_selection();
            }
            [Key("articles"), Index(a), rest @ ..] => {
                self.push_history();
                if *a != self.article {
                    self.open_article(*a);
                }
                if !self.proof {
                    self.proof = true;
                    self.relayout_article();
                }
                self.focus = Focus::Article;
                match rest {
                    [Key("paragraphs"), Index(p), ..] => {
                        let key = AnchorKey {
                            block: self.layout.paragraph_block(*p),
                            offset: issue.at.unwrap_or(0),
                            gap: 0,
                        };
                        self.lay_out_block(key.block);
                        let line = self.layout.line_for(key);
                        // The finding is under its line: show both.
                        self.reveal_line(line + 1);
                        self.reveal_line(line);
                    }
                    [Key("citations"), Index(c), ..] => {
                        let note = (self.bundle.articles.get(*a))
                            .and_then(|art| art.citations.get(*c))
                            .and_then(|cit| self.notes.of(&cit.id));
                        if let Some(n) = note {
                            self.target_note = Some(n);
                            self.reveal_note(n);
                        }
                    }
                    _ => self.top = 0,
                }
            }
            _ => {
                self.message = Some(format!("{} (the bundle itself)", label(issue)));
            }
        }
    }

    /// The JSON path of the paragraph on screen (or the article).
    pub(super) fn edit_path(&self) -> Vec<PathSeg<'static>> {
        let key = self.layout.key_of(self.top);
        let mut path = vec![Key("articles"), Index(self.article)];
        if let Some(p) = self.layout.paragraph_of_block(key.block) {
            path.extend([Key("paragraphs"), Index(p)]);
        }
        if self.focus == Focus::News {
            path = vec![Key("news_line"), Index(self.news_selected)];
        }
        path
    }

    /// The bundle as read again from disk: the reader stays at the same
    /// article (by id), paragraph and word; a bundle that failed to load
    /// leaves the last good one on screen.
    pub(super) fn reloaded(&mut self, result: Result<Box<Bundle>, String>) -> Effect {
        let bundle = match result {
            Ok(b) => *b,
            Err(e) => {
                self.message = Some(format!("Reload failed, showing the last good version: {e}"));
                return Effect::Redraw;
            }
        };
        let article = self.bundle.articles.get(self.article);
        let id = article.map(|a| a.id.clone());
        let anchor = article.map(|a| anchor_at(a, &self.layout, self.top));
        let news_time = self
            .bundle
            .news_line
            .get(self.news_selected)
            .map(|e| e.time);
        self.bundle = std::sync::Arc::new(bundle);
        self.issues = None;
        let findings = |o: &Overlay| matches!(o, Overlay::Findings(_));
        if self.proof || self.overlays.iter().any(findings) {
            self.ensure_issues();
        }
        self.overlays.retain(|o| !findings(o));
        self.current = None;
        self.target_note = None;
        self.history.clear();
        self.forward.clear();
        self.search_cache = None;
        self.article = id
            .and_then(|id| self.bundle.articles.iter().position(|a| a.id == id))
            .unwrap_or(self.article)
            .min(self.bundle.articles.len().saturating_sub(1));
        self.number_notes();
        self.news_selected = news_time
            .and_then(|t| self.bundle.news_line.iter().position(|e| e.time <= t))
            .unwrap_or(0)
            .min(self.bundle.news_line.len().saturating_sub(1));
        self.relayout_article();
        let window = self.news_window();
        self.lay_out_news(window);
        self.reveal_news_selection();
        if let (Some(article), Some(anchor)) = (self.bundle.articles.get(self.article), anchor)
            && let Resolved::At {
                paragraph, offset, ..
            } = resolve(article, &anchor)
        {
            let key = key_of(&self.layout, paragraph, offset);
            self.show_key(key);
        }
        self.search_again();
        let n = self.issues.as_ref().map(Vec::len);
        self.message = Some(match n {
            Some(1) => "Reloaded the bundle: 1 finding".into(),
            Some(n) => format!("Reloaded the bundle: {n} findings"),
            None => "Reloaded the bundle".into(),
        });
        Effect::Redraw
    }
}
