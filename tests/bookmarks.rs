//! Bookmarks in the reader (state and screen, no terminal), and the store
//! under concurrent writers and crashes (real processes).

use crate::common;

use common::*;
use folio::action::Action::{self, *};
use folio::app::Msg::{StoreLoaded, Stored};
use folio::bookmarks::store::Loaded;
use folio::bookmarks::{Anchor, Bookmark, BookmarkFile, Position, StoreOp};
use folio::layout::screen::Focus;

fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(s).unwrap()
}

fn type_text(app: &mut folio::app::App, text: &str) {
    for c in text.chars() {
        app.update(PromptChar(c));
    }
}

fn first_row(app: &folio::app::App) -> String {
    screen(app).lines().next().unwrap().trim().to_string()
}

#[test]
fn m_asks_for_a_label_and_queues_the_bookmark() {
    let mut a = app(seed(), 80, 24);
    set_clock(&mut a, at("2026-11-28T16:00:00Z"));
    press(&mut a, &[PageDown, PageDown]);
    a.update(Action::Bookmark);
    assert!(screen(&a).contains("Label (optional), Enter saves, Esc cancels: ▏"));
    type_text(&mut a, "Genevx");
    a.update(PromptBackspace);
    type_text(&mut a, "a");
    let out = stores(&a.update(PromptAccept));
    assert_eq!(out.len(), 1);
    let StoreOp::Add(b) = &out[0] else {
        panic!("{out:?}")
    };
    assert_eq!(b.label.as_deref(), Some("Geneva"));
    assert_eq!(
        b.article.as_deref(),
        Some(a.bundle().articles[0].id.as_str())
    );
    let anchor = b.anchor.clone().unwrap();
    assert!(
        a.bundle().articles[0].paragraphs[anchor.paragraph]
            .chars()
            .skip(anchor.offset)
            .collect::<String>()
            .starts_with(&anchor.snippet)
    );
    assert!(screen(&a).contains("Bookmarked"));

    // Esc cancels without a bookmark.
    let out = press(&mut a, &[Action::Bookmark, PromptChar('x'), PromptCancel]);
    assert!(stores(&out).is_empty());
    assert_eq!(a.store().bookmarks.len(), 1);
}

#[test]
fn the_list_jumps_renames_and_deletes_with_confirmation() {
    let mut a = app(seed(), 80, 24);
    set_clock(&mut a, at("2026-11-28T16:00:00Z"));
    press(&mut a, &[PageDown, PageDown, LineDown]);
    let passage = first_row(&a);
    a.update(Action::Bookmark);
    a.update(PromptAccept);
    press(&mut a, &[Top]);
    set_clock(&mut a, at("2026-11-30T16:00:00Z"));
    a.update(Bookmarks);
    let s = screen(&a);
    assert!(s.contains("Bookmarks: this bundle"), "{s}");
    assert!(s.contains("2 days ago"), "{s}");
    a.update(Follow);
    assert!(a.overlay().is_none());
    assert_eq!(
        first_row(&a),
        passage,
        "the bookmarked passage is at the top again"
    );

    // Rename: the prompt starts with the old label.
    press(&mut a, &[Bookmarks, Rename]);
    type_text(&mut a, "Renamed");
    let out = stores(&a.update(PromptAccept));
    assert_eq!(a.store().bookmarks[0].label.as_deref(), Some("Renamed"));
    assert!(matches!(out.last(), Some(StoreOp::Rename { .. })));

    // Delete asks first; anything but y keeps it.
    press(&mut a, &[Delete, PromptChar('n')]);
    assert_eq!(a.store().bookmarks.len(), 1);
    press(&mut a, &[Delete]);
    let question = &a.prompt().unwrap().question;
    assert!(
        question.starts_with("Delete bookmark \"Renamed\" ("),
        "{question}"
    );
    a.update(PromptChar('y'));
    assert!(a.store().bookmarks.is_empty());
    assert!(screen(&a).contains("press m while reading to add one"));
}

fn bookmark(id: &str, bundle: &str, paragraph: usize, snippet: &str) -> Bookmark {
    Bookmark {
        id: id.into(),
        bundle: bundle.into(),
        article: Some("with-karabakh-conflict-negotiations-deadlocked-regional-players".into()),
        anchor: Some(Anchor {
            paragraph,
            offset: 0,
            snippet: snippet.into(),
            extra: Default::default(),
        }),
        news: None,
        label: Some(id.into()),
        created: at("2026-11-28T16:00:00Z"),
        extra: Default::default(),
    }
}

#[test]
fn the_list_keeps_its_bookmark_when_another_window_adds_one() {
    let mut a = app(seed(), 100, 30);
    let id = a.bundle().id.clone();
    let mut older = bookmark("older", &id, 1, "");
    older.created = at("2026-11-27T16:00:00Z");
    let file = |marks: Vec<Bookmark>| BookmarkFile {
        bookmarks: marks,
        ..BookmarkFile::default()
    };
    let two = vec![bookmark("newer", &id, 0, ""), older];
    a.update(StoreLoaded(Loaded {
        file: file(two.clone()),
        ..Loaded::default()
    }));
    press(&mut a, &[Bookmarks, LineDown]);
    assert!(first_selected(&a).contains("older"), "{}", screen(&a));
    // The merged file has a newer bookmark on top: the selection stays on
    // "older", now the third row.
    let mut three = two;
    let mut newest = bookmark("newest", &id, 2, "");
    newest.created = at("2026-11-29T16:00:00Z");
    three.push(newest);
    a.update(Stored(Ok((file(three), None))));
    assert!(first_selected(&a).contains("older"), "{}", screen(&a));
}

/// Does `action`, playing a shell whose store on disk holds what the app
/// holds (no other window changed it).
fn act_read(a: &mut folio::app::App, action: Action) -> Vec<folio::app::Command> {
    let out = a.update(action);
    if out.contains(&folio::app::Command::ReadStore) {
        let disk = a.store().clone();
        return a.update(folio::app::Msg::StoreRead(Ok(disk)));
    }
    out
}

/// Does `action`, playing the shell on the real `store` for what it asks:
/// writes and reads again.
fn act_on(
    a: &mut folio::app::App,
    store: &folio::bookmarks::Store,
    action: Action,
) -> Vec<folio::app::Command> {
    let mut pending: std::collections::VecDeque<_> = a.update(action).into();
    let mut seen = Vec::new();
    while let Some(c) = pending.pop_front() {
        match &c {
            folio::app::Command::Store(op) => {
                let r = store.apply(op, at("2026-11-28T17:00:00Z"));
                pending.extend(a.update(Stored(r)));
            }
            folio::app::Command::ReadStore => {
                let r = store.peek(at("2026-11-28T17:00:00Z"));
                pending.extend(a.update(folio::app::Msg::StoreRead(r)));
            }
            _ => {}
        }
        seen.push(c);
    }
    seen
}

/// Two windows on one config directory: `a` is an App, the other window
/// writes through its own `Store` on the same directory.
fn two_windows(
    dir: &std::path::Path,
    marks: Vec<Bookmark>,
) -> (folio::app::App, folio::bookmarks::Store) {
    let other = folio::bookmarks::Store::new(dir);
    for b in marks {
        other
            .apply(&StoreOp::Add(Box::new(b)), at("2026-11-28T17:00:00Z"))
            .unwrap();
    }
    let mut a = app(seed(), 100, 30);
    set_clock(&mut a, at("2026-11-28T17:00:00Z"));
    a.update(StoreLoaded(
        folio::bookmarks::Store::new(dir).load(at("2026-11-28T17:00:00Z")),
    ));
    (a, other)
}

fn dated(id: &str, bundle: &str, day: u32) -> Bookmark {
    let mut b = bookmark(id, bundle, 0, "");
    b.created = at(&format!("2026-11-{day:02}T16:00:00Z"));
    b
}

#[test]
fn opening_the_list_reads_the_store_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, other) = two_windows(dir.path(), vec![]);
    let id = a.bundle().id.clone();
    // The other window adds one after this one started.
    other
        .apply(
            &StoreOp::Add(Box::new(dated("fromtheother", &id, 27))),
            at("2026-11-28T17:00:00Z"),
        )
        .unwrap();
    let out = act_on(&mut a, &other, Bookmarks);
    assert!(out.contains(&folio::app::Command::ReadStore), "{out:?}");
    assert!(screen(&a).contains("fromtheother"), "{}", screen(&a));
}

#[test]
fn the_selection_stays_on_its_bookmark_when_the_list_changes_under_it() {
    let mut a = app(seed(), 100, 30);
    let id = a.bundle().id.clone();
    let file = |marks: Vec<Bookmark>| Loaded {
        file: BookmarkFile {
            bookmarks: marks,
            ..BookmarkFile::default()
        },
        ..Loaded::default()
    };
    let (newest, middle, oldest) = (
        dated("newest", &id, 27),
        dated("middle", &id, 26),
        dated("oldest", &id, 25),
    );
    a.update(StoreLoaded(file(vec![
        newest.clone(),
        middle.clone(),
        oldest.clone(),
    ])));
    act_read(&mut a, Bookmarks);
    press(&mut a, &[LineDown, LineDown]);
    assert!(first_selected(&a).contains("oldest"), "{}", screen(&a));
    // The other window deleted the newest: the store, read again, has two.
    a.update(StoreLoaded(file(vec![middle.clone(), oldest.clone()])));
    assert!(first_selected(&a).contains("oldest"), "{}", screen(&a));
    // d offers to delete that one, by name.
    act_read(&mut a, Delete);
    assert!(
        (a.prompt().unwrap().question).starts_with("Delete bookmark \"oldest\" ("),
        "{}",
        screen(&a)
    );
    a.update(PromptChar('n'));
    // The selected one itself deleted elsewhere: the nearest, and a word.
    a.update(StoreLoaded(file(vec![middle])));
    assert!(first_selected(&a).contains("middle"), "{}", screen(&a));
    assert!(
        a.message().unwrap().contains("deleted elsewhere"),
        "{:?}",
        a.message()
    );
}

#[test]
fn acting_on_a_bookmark_deleted_elsewhere_says_so_and_does_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let id = seed().id.clone();
    let (mut a, other) = two_windows(dir.path(), vec![dated("x", &id, 27), dated("y", &id, 26)]);
    act_on(&mut a, &other, Bookmarks);
    assert!(first_selected(&a).contains("x"), "{}", screen(&a));
    let gone = |other: &folio::bookmarks::Store, id: &str| {
        other
            .apply(
                &StoreOp::Delete { id: id.into() },
                at("2026-11-28T17:00:00Z"),
            )
            .unwrap();
    };
    // Jump, rename, delete on one the other window deleted: said, nothing done.
    for action in [Follow, Rename, Delete] {
        act_on(&mut a, &other, Top);
        gone(&other, "x");
        let out = act_on(&mut a, &other, action);
        assert!(stores(&out).is_empty(), "{action:?}: {out:?}");
        assert!(
            a.message().unwrap().contains("deleted elsewhere"),
            "{action:?}: {:?}",
            a.message()
        );
        assert!(
            matches!(a.overlay(), Some(folio::app::Overlay::Bookmarks(_))),
            "{action:?}"
        );
        // Put it back for the next action.
        other
            .apply(
                &StoreOp::Add(Box::new(dated("x", &id, 27))),
                at("2026-11-28T17:00:00Z"),
            )
            .unwrap();
        act_on(&mut a, &other, Close);
        act_on(&mut a, &other, Bookmarks);
    }
    // Renaming one deleted while its prompt was open does not say "Renamed".
    act_on(&mut a, &other, Top);
    act_on(&mut a, &other, Rename);
    gone(&other, "x");
    type_text(&mut a, "new");
    let out = act_on(&mut a, &other, PromptAccept);
    assert!(stores(&out).is_empty(), "{out:?}");
    let said = a.message().unwrap_or_default().to_string();
    assert!(
        said.contains("deleted elsewhere") && !said.contains("Renamed"),
        "{said}"
    );
    assert!(
        other
            .peek(at("2026-11-28T17:00:00Z"))
            .unwrap()
            .bookmarks
            .iter()
            .all(|b| b.id != "x")
    );
}

/// The first reversed (selected) row of the screen.
fn first_selected(app: &folio::app::App) -> String {
    let buf = render(app);
    let reversed = |y: u16| {
        (0..buf.area.width).any(|x| {
            buf[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
        })
    };
    let rows: Vec<String> = screen(app).lines().map(String::from).collect();
    // The status bar's focus label is reversed too: skip the last row.
    (0..buf.area.height - 1)
        .find(|&y| reversed(y))
        .map(|y| rows[usize::from(y)].clone())
        .unwrap_or_default()
}

#[test]
fn lost_and_other_bundle_bookmarks_are_kept_and_shown() {
    let mut a = app(seed(), 100, 30);
    set_clock(&mut a, at("2026-11-28T17:00:00Z"));
    let id = a.bundle().id.clone();
    let file = BookmarkFile {
        bookmarks: vec![
            bookmark("gone", &id, 2, "This passage was edited away"),
            bookmark("elsewhere", "another-bundle", 0, "Text"),
            bookmark(
                "moved",
                &id,
                0,
                "Meanwhile, on May 21, the separatist regime",
            ),
        ],
        ..BookmarkFile::default()
    };
    a.update(StoreLoaded(Loaded {
        file,
        ..Loaded::default()
    }));
    a.update(Bookmarks);
    let s = screen(&a);
    assert!(s.contains("LOST: \"This passage was edited away\""), "{s}");
    assert!(!s.contains("elsewhere"), "other bundles only on request");
    a.update(AllBundles);
    assert!(screen(&a).contains("[another-bundle] elsewhere"));
    a.update(AllBundles);

    // Jumping to a lost one says so and stays; the moved one is found by its text.
    let items = a.list_items();
    let lost = items.iter().position(|i| i.id == "gone").unwrap();
    let moved = items.iter().position(|i| i.id == "moved").unwrap();
    let select = |a: &mut folio::app::App, row: usize| {
        a.update(Top);
        (0..row).for_each(|_| drop(a.update(LineDown)));
    };
    select(&mut a, lost);
    act_read(&mut a, Follow);
    assert!(a.message().unwrap().contains("lost"));
    assert!(matches!(
        a.overlay(),
        Some(folio::app::Overlay::Bookmarks(_))
    ));
    select(&mut a, moved);
    act_read(&mut a, Follow);
    assert!(
        first_row(&a).starts_with("Meanwhile, on May 21"),
        "{}",
        screen(&a)
    );
    assert!(a.message().unwrap().contains("found by its text"));
}

#[test]
fn headlines_can_be_bookmarked() {
    let mut a = app(seed(), 80, 24);
    let out = stores(&press(
        &mut a,
        &[
            SwitchPane,
            LineDown,
            LineDown,
            Action::Bookmark,
            PromptAccept,
            SwitchPane,
        ],
    ));
    let StoreOp::Add(b) = &out[0] else { panic!() };
    assert_eq!(
        b.news.as_ref().unwrap().headline,
        a.bundle().news_line[2].headline
    );
    press(&mut a, &[Top, Bookmarks]);
    assert!(screen(&a).contains("News line"));
    a.update(Follow);
    assert_eq!((a.focus(), a.news_selected()), (Focus::News, 2));
}

fn position_at(a: &folio::app::App, paragraph: usize) -> Position {
    let text = &a.bundle().articles[0].paragraphs[paragraph];
    Position {
        bundle: a.bundle().id.clone(),
        article: a.bundle().articles[0].id.clone(),
        anchor: Anchor {
            paragraph,
            offset: 0,
            snippet: text.chars().take(48).collect(),
            extra: Default::default(),
        },
        updated: at("2026-11-28T16:00:00Z"),
        extra: Default::default(),
    }
}

#[test]
fn the_last_position_is_restored_and_saved() {
    let mut a = app(seed(), 80, 24);
    let file = BookmarkFile {
        positions: vec![position_at(&a, 5)],
        ..BookmarkFile::default()
    };
    a.update(StoreLoaded(Loaded {
        file: file.clone(),
        ..Loaded::default()
    }));
    assert!(
        first_row(&a).starts_with("This situation pushed Baku"),
        "{}",
        screen(&a)
    );
    // Quitting remembers the new place.
    press(&mut a, &[PageDown]);
    let out = a.update(Action::Quit);
    assert_eq!(out.last(), Some(&folio::app::Command::Quit));
    let Some(StoreOp::SetPosition(p)) = stores(&out).pop() else {
        panic!("{out:?}")
    };
    assert!(
        p.anchor != position_at(&a, 5).anchor && p.anchor.paragraph >= 5,
        "{p:?}"
    );

    // --no-restore opens at the top.
    let mut b = app_with(seed(), 80, 24, |s| s.restore = false);
    b.update(StoreLoaded(Loaded {
        file,
        ..Loaded::default()
    }));
    assert_eq!(b.top(), 0);
}

#[test]
fn an_unsavable_store_is_reported_and_reading_goes_on() {
    let mut a = app(seed(), 80, 24);
    a.update(StoreLoaded(Loaded {
        read_only: Some("/ro/folio: Read-only file system (os error 30)".into()),
        ..Loaded::default()
    }));
    let s = screen(&a);
    assert!(
        s.contains("Bookmarks cannot be saved: /ro/folio: Read-only"),
        "{s}"
    );
    press(&mut a, &[PageDown, Action::Bookmark, PromptAccept]);
    assert!(screen(&a).contains("Bookmarked for this session only"));
    // A write that fails later is reported the same way.
    let mut b = app(seed(), 80, 24);
    b.update(Stored(Err("disk full".into())));
    assert!(screen(&b).contains("Bookmarks cannot be saved: disk full"));
    let mut c = app(seed(), 80, 24);
    c.update(StoreLoaded(Loaded {
        notice: Some("bookmarks.json could not be read; it was moved to x".into()),
        ..Loaded::default()
    }));
    assert!(screen(&c).contains("it was moved to x"));
}

// --- Real processes ----------------------------------------------------

use std::process::{Command, Stdio};

fn add_command(dir: &std::path::Path, i: usize, who: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_folio"));
    cmd.args([
        "bookmarks",
        "add",
        "--bundle",
        "b",
        "--article",
        "a",
        "--paragraph",
        "1",
        "--snippet",
        &format!("{who} {i}"),
        "--label",
        &format!("{who}-{i}"),
    ])
    .env("FOLIO_CONFIG_DIR", dir)
    .stdout(Stdio::null())
    .stderr(Stdio::piped());
    cmd
}

#[test]
fn two_processes_writing_500_bookmarks_each_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let writers: Vec<_> = ["left", "right"]
        .into_iter()
        .map(|who| {
            let path = dir.path().to_path_buf();
            std::thread::spawn(move || {
                for i in 0..500 {
                    let out = add_command(&path, i, who).output().unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let text = std::fs::read_to_string(dir.path().join("bookmarks.json")).unwrap();
    let file: BookmarkFile = serde_json::from_str(&text).unwrap();
    assert_eq!(file.bookmarks.len(), 1000);
    for who in ["left", "right"] {
        for i in 0..500 {
            let label = format!("{who}-{i}");
            assert!(
                file.bookmarks
                    .iter()
                    .any(|b| b.label.as_deref() == Some(label.as_str())),
                "{label} lost"
            );
        }
    }
}

#[test]
fn a_writer_killed_at_any_moment_leaves_a_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut completed = 0;
    for i in 0..60 {
        let mut child = add_command(dir.path(), i, "k").spawn().unwrap();
        // Kill it somewhere between start-up and done.
        std::thread::sleep(std::time::Duration::from_micros((i as u64 * 397) % 6000));
        let _ = child.kill();
        if child.wait().unwrap().success() {
            completed += 1;
        }
        if let Ok(text) = std::fs::read_to_string(dir.path().join("bookmarks.json")) {
            let file: BookmarkFile =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("run {i}: torn file: {e}"));
            assert!(
                file.bookmarks.len() >= completed,
                "run {i}: a completed write is missing"
            );
        }
    }
    // No stray temporary files are mistaken for the store, and a last write works.
    assert!(
        add_command(dir.path(), 999, "k")
            .status()
            .unwrap()
            .success()
    );
}

#[test]
fn list_refuses_a_corrupt_file_and_leaves_it_add_moves_it_aside() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bookmarks.json"), "garbage").unwrap();
    let aside = || -> Vec<_> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("bookmarks.json.corrupt-")
            })
            .collect()
    };
    for args in [&["bookmarks", "list"][..], &["bookmarks", "export"][..]] {
        let out = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(args)
            .env("FOLIO_CONFIG_DIR", dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("cannot be read") && err.contains("left as it is"),
            "{err}"
        );
        assert!(aside().is_empty(), "{args:?} moved the file");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("bookmarks.json")).unwrap(),
            "garbage"
        );
    }
    // A command that writes moves it aside, says where, and goes on.
    let out = add_command(dir.path(), 1, "x").output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("could not be read") && err.contains("bookmarks.json.corrupt-"),
        "{err}"
    );
    let aside = aside();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read_to_string(aside[0].path()).unwrap(), "garbage");
}

#[test]
fn export_formats() {
    let dir = tempfile::tempdir().unwrap();
    assert!(add_command(dir.path(), 1, "x").status().unwrap().success());
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(args)
            .env("FOLIO_CONFIG_DIR", dir.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let json = run(&["bookmarks", "export", "--format", "json"]);
    let file: BookmarkFile = serde_json::from_str(&json).unwrap();
    assert_eq!(file.bookmarks.len(), 1);
    let md = run(&["bookmarks", "export", "--format", "markdown"]);
    assert!(
        md.starts_with("# Bookmarks\n\n## b\n\n- **x-1** — a ¶1:0: “x 1”"),
        "{md}"
    );
    // Text from bundles never reaches a terminal raw, in the exports either.
    let hostile = "\x1b]0;pwned\x07";
    assert!(
        add_command(dir.path(), 2, hostile)
            .status()
            .unwrap()
            .success()
    );
    let md = run(&["bookmarks", "export", "--format", "markdown"]);
    assert!(!md.contains('\x1b') && md.contains("␛]0;pwned␇-2"), "{md}");
    let list = run(&["bookmarks"]);
    assert!(
        list.contains("  b  a ¶1:0 [x-1]  \"x 1\"  (just now)"),
        "{list}"
    );
}

// --- Issue 16 ------------------------------------------------------------

#[test]
fn no_restore_keeps_the_saved_position_unless_the_reader_moves() {
    let saved = position_at(&app(seed(), 80, 24), 5);
    let loaded = || {
        StoreLoaded(Loaded {
            file: BookmarkFile {
                positions: vec![saved.clone()],
                ..BookmarkFile::default()
            },
            ..Loaded::default()
        })
    };
    // Opened at the top, quit at once: the saved place stays.
    let mut a = app_with(seed(), 80, 24, |s| s.restore = false);
    a.update(loaded());
    assert_eq!(a.top(), 0);
    let out = a.update(Action::Quit);
    assert_eq!(out.last(), Some(&folio::app::Command::Quit));
    assert!(stores(&out).is_empty(), "{out:?}");
    // Read on, then quit: the new place is saved.
    let mut b = app_with(seed(), 80, 24, |s| s.restore = false);
    b.update(loaded());
    press(&mut b, &[PageDown, PageDown]);
    let out = b.update(Action::Quit);
    let Some(StoreOp::SetPosition(p)) = stores(&out).pop() else {
        panic!("{out:?}")
    };
    assert_ne!(p.anchor, saved.anchor);
}

#[test]
fn demo_bookmarks_say_demo_mode_and_write_nothing() {
    let mut a = app_with(seed(), 80, 24, |s| s.demo = true);
    // What the shell gives a demo.
    a.update(StoreLoaded(Loaded {
        read_only: Some("demo mode: bookmarks last for this session".into()),
        ..Loaded::default()
    }));
    for _ in 0..2 {
        let out = press(&mut a, &[PageDown, Action::Bookmark, PromptAccept]);
        assert!(stores(&out).is_empty(), "a demo asks for no write: {out:?}");
        let s = screen(&a);
        assert!(s.contains("demo mode"), "{s}");
        assert!(!s.contains("config directory"), "{s}");
    }
    assert_eq!(a.store().bookmarks.len(), 2);
    let out = a.update(Action::Quit);
    assert!(stores(&out).is_empty(), "{out:?}");
}

fn folio_cmd(dir: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_folio"));
    c.env("FOLIO_CONFIG_DIR", dir).env("LANG", "C.UTF-8");
    c
}

#[test]
fn read_only_commands_create_and_move_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new");
    for args in [&["bookmarks", "list"][..], &["bookmarks", "export"][..]] {
        let out = folio_cmd(dir.path())
            .args(args)
            .arg("--config-dir")
            .arg(&new)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!new.exists(), "{args:?} created {}", new.display());
    }
}

#[test]
fn unknown_fields_are_read_and_kept_on_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bookmarks.json");
    let text = r#"{
  "format": "folio-bookmarks/1",
  "synced": "2026-11-28",
  "bookmarks": [
    {
      "id": "x",
      "bundle": "b",
      "article": "a",
      "anchor": { "paragraph": 3, "offset": 0, "snippet": "Over three days", "hash": 7 },
      "colour": "red",
      "created": "2026-11-28T16:00:00+01:00"
    }
  ],
  "positions": []
}
"#;
    std::fs::write(&path, text).unwrap();
    let out = folio_cmd(dir.path())
        .args(["bookmarks", "list"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"Over three days\""));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "untouched");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // A write keeps what this folio does not know.
    assert!(add_command(dir.path(), 1, "y").status().unwrap().success());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(v["synced"], "2026-11-28");
    assert_eq!(v["bookmarks"][0]["colour"], "red");
    assert_eq!(v["bookmarks"][0]["anchor"]["hash"], 7);
    assert_eq!(v["bookmarks"].as_array().unwrap().len(), 2);
}

#[test]
fn a_newer_file_is_refused_by_the_commands_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bookmarks.json");
    let text = r#"{"format": "folio-bookmarks/2", "bookmarks": {}}"#;
    std::fs::write(&path, text).unwrap();
    let out = folio_cmd(dir.path())
        .args(["bookmarks", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer than this folio reads"));
    assert!(!add_command(dir.path(), 1, "y").status().unwrap().success());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "and its lock"
    );
}

const SEED_ID: &str = "with-karabakh-conflict-negotiations-deadlocked-regional-players";

#[test]
fn add_checks_the_bundle_and_counts_paragraphs_from_1() {
    let dir = tempfile::tempdir().unwrap();
    let add = |args: &[&str]| {
        folio_cmd(dir.path())
            .args(["bookmarks", "add"])
            .args(args)
            .output()
            .unwrap()
    };
    // A bundle file: its id is stored, the snippet taken from the text.
    let out = add(&[
        "--bundle",
        "sample-data/seed.json",
        "--article",
        SEED_ID,
        "--paragraph",
        "6",
        "--label",
        "six",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("bookmarks.json")).unwrap();
    let file: BookmarkFile = serde_json::from_str(&text).unwrap();
    let b = &file.bookmarks[0];
    assert_eq!(b.bundle, SEED_ID);
    let anchor = b.anchor.as_ref().unwrap();
    assert_eq!(anchor.paragraph, 5, "--paragraph 6 is the sixth");
    assert!(
        seed().articles[0].paragraphs[5].starts_with(&anchor.snippet),
        "{anchor:?}"
    );
    // The reader finds it where the list says: ¶6.
    let list = folio_cmd(dir.path())
        .args(["bookmarks", "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&list.stdout).contains("¶6:0 [six]"));

    let refused = |args: &[&str], says: &str| {
        let out = add(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    };
    let seed_args = |article: &'static str, paragraph: &'static str| {
        [
            "--bundle",
            "sample-data/seed.json",
            "--article",
            article,
            "--paragraph",
            paragraph,
        ]
    };
    refused(&seed_args("nope", "1"), "no article \"nope\"");
    refused(&seed_args(SEED_ID, "99"), "has 8 paragraphs");
    refused(&seed_args(SEED_ID, "0"), "--paragraph");
    refused(
        &[&seed_args(SEED_ID, "1")[..], &["--offset", "100000"]].concat(),
        "--offset",
    );
    // A path that is not a bundle is not taken for an id.
    refused(
        &[
            "--bundle",
            "no/such.json",
            "--article",
            "a",
            "--paragraph",
            "1",
            "--snippet",
            "s",
        ],
        "no/such.json",
    );
    // With an id only, the snippet must be given.
    refused(
        &["--bundle", "b", "--article", "a", "--paragraph", "1"],
        "--snippet",
    );
    // A news-line entry of a bundle file must be there.
    refused(
        &[
            "--bundle",
            "sample-data/seed.json",
            "--news-time",
            "1999-01-01T00:00",
            "--headline",
            "Nothing",
        ],
        "no news-line entry",
    );
    let file: BookmarkFile =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("bookmarks.json")).unwrap())
            .unwrap();
    assert_eq!(file.bookmarks.len(), 1, "nothing refused was added");
}

#[test]
fn every_option_of_add_has_a_help_line() {
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["bookmarks", "add", "-h"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for line in help.lines().map(str::trim_start) {
        if line.starts_with('-') {
            assert!(line.trim_end().contains("  "), "no help: {line}\n{help}");
        }
    }
    assert!(help.contains("--snippet"), "{help}");
    assert!(help.contains("from 1"), "{help}");
}

#[test]
fn under_a_c_locale_lists_and_exports_keep_every_character() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        add_command(dir.path(), 1, "東京📰")
            .status()
            .unwrap()
            .success()
    );
    for args in [
        &["bookmarks", "list"][..],
        &["bookmarks", "export", "--format", "markdown"][..],
        &["bookmarks", "export", "--format", "json"][..],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(args)
            .env("FOLIO_CONFIG_DIR", dir.path())
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_CTYPE")
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("東京📰 1"), "{args:?}: {text}");
    }
}
