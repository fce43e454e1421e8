//! `folio config` as a command: what it prints about config.toml and its exit
//! status (0 without problems, 1 with any).

use std::process::Output;

use crate::common::run::{folio, stderr, stdout};

fn folio_config(dir: &std::path::Path, extra: &[&str]) -> Output {
    let dir = dir.to_str().unwrap();
    folio(&[&["--config-dir", dir, "config"], extra].concat())
}

#[test]
fn no_file_is_fine_and_every_problem_is_placed_with_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let o = folio_config(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // On stdout: `folio config | less` shows it.
    assert!(stdout(&o).contains("config.toml: none (the defaults apply"));

    let o = folio_config(dir.path(), &["--print-default"]);
    assert_eq!(o.status.code(), Some(0));
    std::fs::write(dir.path().join("config.toml"), &o.stdout).unwrap();
    let o = folio_config(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).ends_with("config.toml: in use\n"),
        "{}",
        stdout(&o)
    );

    let toml = "[display]\nmeasure = 900\n\n[keys]\nfly = [\"x\"]\n";
    std::fs::write(dir.path().join("config.toml"), toml).unwrap();
    let o = folio_config(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    let path = dir.path().join("config.toml").display().to_string();
    let lines: Vec<String> = stdout(&o).lines().skip(1).map(String::from).collect();
    assert_eq!(
        lines,
        [
            format!("{path}:2:11: measure must be a number of columns, 20 to 400"),
            format!("{path}:5:1: unknown action `fly`; folio config --print-default lists them"),
        ]
    );
}

#[test]
fn a_config_dir_that_is_a_file_is_said_in_words_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("folio");
    std::fs::write(&file, "").unwrap();
    let o = folio_config(&file, &[]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(!out.contains("os error"), "{out}");
    assert!(out.contains("not a directory"), "{out}");
    // The reader says the defaults apply, once.
    let o = folio(&["--config-dir", file.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(!err.contains("os error"), "{err}");
    assert_eq!(err.matches("default").count(), 1, "{err}");
}

/// Issue 16, item 9: remapped keys are what the status bar hints at and what
/// the help lists; a key given where another action has it is placed
/// (file:line:column) and the file's binding wins; colours take 0-255.
#[test]
fn remapped_keys_are_hinted_and_clashes_are_placed() {
    use crate::common::{app_from, press, screen, seed};
    use folio::action::Action;
    use folio::keymap::{Context, Keymap};

    let (config, problems) = folio::config::parse("[keys]\nquit = [\"x\", \"Ctrl-c\"]\n");
    assert_eq!(problems, []);
    let a = app_from(seed(), 80, 24, |i| i.keymap = Keymap::with(&config.keys));
    let s = screen(&a);
    let bar = s.lines().last().unwrap();
    assert!(bar.ends_with("x quit"), "{bar}");
    assert!(!bar.contains("q quit"), "{bar}");

    let toml = "[keys]\nsearch_next = [\"j\"]\nhelp = [\"x\"]\nquit = [\"x\"]\n";
    let (config, problems) = folio::config::parse(toml);
    let placed: Vec<(usize, usize, &str)> = (problems.iter())
        .map(|p| (p.line, p.column, p.message.as_str()))
        .collect();
    assert_eq!(placed.len(), 2, "{placed:?}");
    assert_eq!((placed[0].0, placed[0].1), (2, 16));
    assert!(
        placed[0]
            .2
            .contains("\"j\" was line_down's key: it is search_next's now")
            && placed[0].2.contains("line_down keeps Down"),
        "{placed:?}"
    );
    assert_eq!((placed[1].0, placed[1].1), (4, 9));
    assert!(placed[1].2.contains("already help's key"), "{placed:?}");
    let map = Keymap::with(&config.keys);
    // The first line keeps x: help, not quit.
    let x = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('x'),
        crossterm::event::KeyModifiers::NONE,
    );
    let article = [Context::Article, Context::Reading, Context::Global];
    assert_eq!(map.action_for(&article, &x), Some(Action::Help));
    // j is listed once where the article's keys apply, for the next match.
    let help = map.help_sections();
    let article_rows: Vec<&(String, &str)> = (help.iter())
        .filter(|(c, _)| article.contains(c))
        .flat_map(|(_, r)| r)
        .filter(|(k, _)| k.split(", ").any(|k| k == "j"))
        .collect();
    assert_eq!(article_rows.len(), 1, "{article_rows:?}");
    assert_eq!(article_rows[0].1, Action::SearchNext.help());

    // And in the app: j is the next match in the article, a line down in the
    // news line.
    let mut a = app_from(seed(), 80, 24, |i| i.keymap = map.clone());
    assert_eq!(
        a.keymap().action_for(
            a.contexts(),
            &crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char('j'),
                crossterm::event::KeyModifiers::NONE
            )
        ),
        Some(Action::SearchNext)
    );
    press(&mut a, &[Action::SwitchPane]);
    assert_eq!(
        a.keymap().action_for(
            a.contexts(),
            &crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char('j'),
                crossterm::event::KeyModifiers::NONE
            )
        ),
        Some(Action::LineDown)
    );

    // Colour numbers, as README and --print-default say.
    let (config, problems) =
        folio::config::parse("[colors]\nmarker = 208\ntime = \"33\"\nlink = 300\n");
    use folio::theme::Element;
    use ratatui::style::Color;
    assert_eq!(
        config.theme.color(Element::Marker),
        Some(Color::Indexed(208))
    );
    assert_eq!(config.theme.color(Element::Time), Some(Color::Indexed(33)));
    let at: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(at, [(4, 8)], "{problems:?}");
}
