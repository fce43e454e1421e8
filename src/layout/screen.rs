//! Where each region of the screen goes, for a terminal size.
//!
//! At 100 columns and more the news line sits beside the article (a third of the
//! width); below that the focused pane takes the whole width and `Tab` swaps
//! them, because at 80x24 a 26-column news line would wrap every headline into
//! an unreadable ribbon and squeeze the article under a comfortable measure.

use ratatui::layout::Rect;

/// Below this the UI shows a "terminal too small" notice instead.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// From this width on, the news line is shown beside the article.
pub const SIDE_BY_SIDE_WIDTH: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Article,
    News,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regions {
    pub article: Option<Rect>,
    pub news: Option<Rect>,
    /// The one-column rule between the panes.
    pub separator: Option<Rect>,
    pub status: Rect,
}

impl Regions {
    pub fn side_by_side(&self) -> bool {
        self.article.is_some() && self.news.is_some()
    }
}

/// `None` when the terminal is too small to be useful.
/// `beside`: the news line may stand beside the article (when the terminal is
/// wide enough); otherwise it is always a `Tab` away.
pub fn regions(area: Rect, focus: Focus, beside: bool) -> Option<Regions> {
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
    if beside && area.width >= SIDE_BY_SIDE_WIDTH {
        let news_width = (area.width / 3).max(MIN_WIDTH);
        let article_width = area.width - news_width - 1;
        Some(Regions {
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
        })
    } else {
        let (article, news) = match focus {
            Focus::Article => (Some(body), None),
            Focus::News => (None, Some(body)),
        };
        Some(Regions {
            article,
            news,
            separator: None,
            status,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_terminals_show_one_pane() {
        let r = regions(Rect::new(0, 0, 80, 24), Focus::News, true).unwrap();
        assert_eq!(r.article, None);
        assert_eq!(r.news, Some(Rect::new(0, 0, 80, 23)));
        assert_eq!(r.status, Rect::new(0, 23, 80, 1));
    }

    #[test]
    fn wide_terminals_show_both() {
        let r = regions(Rect::new(0, 0, 120, 40), Focus::Article, true).unwrap();
        assert_eq!(r.article, Some(Rect::new(0, 0, 79, 39)));
        assert_eq!(r.separator, Some(Rect::new(79, 0, 1, 39)));
        assert_eq!(r.news, Some(Rect::new(81, 0, 39, 39)));
        assert!(r.side_by_side());
    }

    #[test]
    fn too_small_is_none() {
        assert_eq!(regions(Rect::new(0, 0, 29, 24), Focus::Article, true), None);
        assert_eq!(regions(Rect::new(0, 0, 80, 7), Focus::Article, true), None);
    }
}
