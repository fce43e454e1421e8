//! Lean rendering: what folio sends to the terminal, byte by byte.
//!
//! folio's users read over slow links, where every byte costs. ratatui's own
//! diff repaints every changed cell, so a one-line scroll repaints the whole
//! pane. [`encoder::Encoder`] keeps its own record of what the terminal shows
//! and, for each new frame:
//!
//! - detects a band of rows that moved up or down (a scroll) and moves them
//!   with a DECSTBM scroll region (`CSI t;b r` + `CSI n S`/`T`), so only the
//!   exposed rows are painted. A pane beside another (the article beside the
//!   news line) moves alone inside VT420 left/right margins when the terminal
//!   said it has them ([`crate::probe`]); otherwise whole rows move and what
//!   stood beside is painted back, when that still pays;
//! - paints each changed row with the cheapest cursor moves (`\r\n`, `CSI C`,
//!   `CSI H`, or re-printing a short unchanged gap), and clears blank row tails
//!   with `CSI K`;
//! - sends colours and attributes only when they change, never a per-frame
//!   reset or cursor hide;
//! - wraps large frames in synchronized output (DEC mode 2026) so a half-drawn
//!   screen never shows.
//!
//! `--render plain` keeps ratatui's diff, as the baseline of the bandwidth
//! benchmark (`cargo bench --bench bandwidth`).

pub mod encoder;

pub use encoder::Encoder;
