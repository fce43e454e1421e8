//! Where each region of the screen goes, for a terminal size and a layout.
//!
//! The reader chooses how the news line stands to the article ([`Layout`]);
//! sizes decide whether that choice can be honoured. Both panes are shown
//! only while each keeps a usable size (an article under 40 columns or 8
//! rows reads worse than a swapped screen): below that the focused pane
//! takes the whole screen and `Tab` swaps them, and [`Regions::fallback`]
//! says so. `auto` keeps the old rule: beside from 100 columns, where a
//! third of the width is a comfortable news line.

use ratatui::layout::Rect;

/// Below this the UI shows a "terminal too small" notice instead.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// From this width on, `auto` shows the news line beside the article.
pub const SIDE_BY_SIDE_WIDTH: u16 = 100;
/// The narrowest article and news line shown side by side (`beside`).
pub const MIN_ARTICLE_WIDTH: u16 = 40;
pub const MIN_NEWS_WIDTH: u16 = 22;
/// The terminal width `beside` needs: both panes, the rule and the blank
/// column after it.
pub const BESIDE_WIDTH: u16 = MIN_ARTICLE_WIDTH + 2 + MIN_NEWS_WIDTH;
/// The fewest article and news-line rows shown one above the other (`below`).
pub const MIN_ARTICLE_ROWS: u16 = 8;
pub const MIN_NEWS_ROWS: u16 = 3;
/// The terminal height `below` needs: both panes, the rule and the status bar.
pub const BELOW_HEIGHT: u16 = MIN_ARTICLE_ROWS + 1 + MIN_NEWS_ROWS + 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Article,
    News,
}

/// How the news line stands to the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Layout {
    /// Beside the article from 100 columns; a `Tab` away below that.
    #[default]
    Auto,
    /// Beside the article at any width both keep a usable size.
    Beside,
    /// Always a `Tab` away: each pane has the whole screen.
    Single,
    /// A strip under the article, which keeps the full width.
    Below,
}

impl Layout {
    pub const ALL: [Layout; 4] = [Layout::Auto, Layout::Beside, Layout::Single, Layout::Below];

    /// Its name in `config.toml` and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Auto => "auto",
            Layout::Beside => "beside",
            Layout::Single => "single",
            Layout::Below => "below",
        }
    }

    pub fn named(name: &str) -> Option<Layout> {
        Layout::ALL.into_iter().find(|l| l.name() == name)
    }

    /// The next one, as the key cycles them.
    pub fn next(self) -> Layout {
        let i = Layout::ALL.iter().position(|l| *l == self).unwrap_or(0);
        Layout::ALL[(i + 1) % Layout::ALL.len()]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regions {
    pub article: Option<Rect>,
    pub news: Option<Rect>,
    /// The rule between the panes: a column beside, a row below.
    pub separator: Option<Rect>,
    pub status: Rect,
    /// Both panes were asked for (`beside`, `below`) but the terminal is
    /// too small for them: one pane at a time.
    pub fallback: bool,
}

impl Regions {
    /// Both panes are on screen (beside or one above the other).
    pub fn side_by_side(&self) -> bool {
        self.article.is_some() && self.news.is_some()
    }

    /// The news line is a strip under the article.
    pub fn stacked(&self) -> bool {
        self.side_by_side() && self.separator.is_some_and(|s| s.height == 1 && s.width > 1)
    }
}

/// `None` when the terminal is too small to be useful.
pub fn regions(area: Rect, focus: Focus, layout: Layout) -> Option<Regions> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let body = Rect {
        height: area.height - 1,
        ..area
    };
    let status = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    let beside = match layout {
        Layout::Auto => area.width >= SIDE_BY_SIDE_WIDTH,
        Layout::Beside => area.width >= BESIDE_WIDTH,
        Layout::Single | Layout::Below => false,
    };
    if beside {
        // A third of the width, as much as the article can spare.
        let news_width = (area.width / 3)
            .min(area.width - MIN_ARTICLE_WIDTH - 1)
            .max(MIN_NEWS_WIDTH + 1);
        let article_width = area.width - news_width - 1;
        return Some(Regions {
            article: Some(Rect {
                width: article_width,
                ..body
            }),
            separator: Some(Rect {
                x: body.x + article_width,
                width: 1,
                ..body
            }),
            // One blank column after the rule, so headlines do not touch it.
            news: Some(Rect {
                x: body.x + article_width + 2,
                width: news_width - 1,
                ..body
            }),
            status,
            fallback: false,
        });
    }
    if layout == Layout::Below && area.height >= BELOW_HEIGHT {
        // A quarter of the rows, at most a dozen headlines: the article
        // stays what is read.
        let news_rows = (body.height / 4)
            .clamp(MIN_NEWS_ROWS, 12)
            .min(body.height - 1 - MIN_ARTICLE_ROWS);
        let article_rows = body.height - news_rows - 1;
        return Some(Regions {
            article: Some(Rect {
                height: article_rows,
                ..body
            }),
            separator: Some(Rect {
                y: body.y + article_rows,
                height: 1,
                ..body
            }),
            news: Some(Rect {
                y: body.y + article_rows + 1,
                height: news_rows,
                ..body
            }),
            status,
            fallback: false,
        });
    }
    let (article, news) = match focus {
        Focus::Article => (Some(body), None),
        Focus::News => (None, Some(body)),
    };
    Some(Regions {
        article,
        news,
        separator: None,
        status,
        fallback: matches!(layout, Layout::Beside | Layout::Below),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_terminals_show_one_pane() {
        let r = regions(Rect::new(0, 0, 80, 24), Focus::News, Layout::Auto).unwrap();
        assert_eq!(r.article, None);
        assert_eq!(r.news, Some(Rect::new(0, 0, 80, 23)));
        assert_eq!(r.status, Rect::new(0, 23, 80, 1));
        assert!(!r.fallback, "auto chose one pane: nothing to say");
    }

    #[test]
    fn wide_terminals_show_both() {
        let r = regions(Rect::new(0, 0, 120, 40), Focus::Article, Layout::Auto).unwrap();
        assert_eq!(r.article, Some(Rect::new(0, 0, 79, 39)));
        assert_eq!(r.separator, Some(Rect::new(79, 0, 1, 39)));
        assert_eq!(r.news, Some(Rect::new(81, 0, 39, 39)));
        assert!(r.side_by_side() && !r.stacked());
    }

    #[test]
    fn beside_at_80_columns_keeps_a_usable_article() {
        let r = regions(Rect::new(0, 0, 80, 24), Focus::Article, Layout::Beside).unwrap();
        assert_eq!(r.article, Some(Rect::new(0, 0, 53, 23)));
        assert_eq!(r.news, Some(Rect::new(55, 0, 25, 23)));
        // At the narrowest, each pane has its minimum.
        let r = regions(
            Rect::new(0, 0, BESIDE_WIDTH, 24),
            Focus::News,
            Layout::Beside,
        )
        .unwrap();
        assert_eq!(r.article.unwrap().width, MIN_ARTICLE_WIDTH);
        assert_eq!(r.news.unwrap().width, MIN_NEWS_WIDTH);
        let r = regions(
            Rect::new(0, 0, BESIDE_WIDTH - 1, 24),
            Focus::News,
            Layout::Beside,
        );
        let r = r.unwrap();
        assert!(r.fallback && !r.side_by_side());
    }

    #[test]
    fn below_stacks_full_width_panes_while_both_have_rows() {
        let r = regions(Rect::new(0, 0, 80, 24), Focus::Article, Layout::Below).unwrap();
        assert_eq!(r.article, Some(Rect::new(0, 0, 80, 17)));
        assert_eq!(r.separator, Some(Rect::new(0, 17, 80, 1)));
        assert_eq!(r.news, Some(Rect::new(0, 18, 80, 5)));
        assert!(r.stacked());
        let r = regions(
            Rect::new(0, 0, 80, BELOW_HEIGHT),
            Focus::Article,
            Layout::Below,
        );
        let r = r.unwrap();
        assert_eq!(r.article.unwrap().height, MIN_ARTICLE_ROWS);
        assert_eq!(r.news.unwrap().height, MIN_NEWS_ROWS);
        let r = regions(Rect::new(0, 0, 30, 8), Focus::Article, Layout::Below).unwrap();
        assert!(r.fallback && r.news.is_none());
        assert!(
            !regions(Rect::new(0, 0, 200, 60), Focus::News, Layout::Single)
                .unwrap()
                .side_by_side()
        );
    }

    #[test]
    fn layouts_cycle_and_are_named() {
        let mut l = Layout::Auto;
        let mut seen = Vec::new();
        for _ in 0..4 {
            seen.push(l.name());
            assert_eq!(Layout::named(l.name()), Some(l));
            l = l.next();
        }
        assert_eq!(l, Layout::Auto);
        assert_eq!(seen, ["auto", "beside", "single", "below"]);
    }

    #[test]
    fn too_small_is_none() {
        for layout in Layout::ALL {
            assert_eq!(
                regions(Rect::new(0, 0, 29, 24), Focus::Article, layout),
                None
            );
            assert_eq!(
                regions(Rect::new(0, 0, 80, 7), Focus::Article, layout),
                None
            );
        }
    }
}
