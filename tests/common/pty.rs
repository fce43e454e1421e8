//! The pseudo-terminal harness: a program (folio, or `less` or a shell to
//! compare with) in a pty, its output replayed through the test terminal
//! (vt100 with left/right margins, [`MarginTerminal`]), which answers what
//! the program asks as a terminal would; keys sent as a person would type
//! them. Used by the end-to-end tests (`tests/e2e.rs`) and the benchmarks
//! that run the binary (`benches/bandwidth.rs`, `benches/huge.rs`).
//!
//! `TEST_TERMINAL` in the environment given to a session picks the terminal:
//! `no-margins` (one without left/right margins, as VTE, kitty or tmux) or
//! `mute` (one that answers nothing).

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use super::margins::MarginTerminal;

/// How long a wait lasts before it gives up.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Output quiet this long: the program has finished what it was writing.
pub const QUIET: Duration = Duration::from_millis(300);

pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    pub master: Box<dyn MasterPty + Send>,
    /// The terminal: vt100 with left/right margins, answering folio's
    /// questions as a terminal would.
    pub parser: Arc<Mutex<MarginTerminal>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// How much of `raw` [`Session::settle`] has counted.
    counted: usize,
    _config: Option<tempfile::TempDir>,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    /// folio with a fresh, empty config directory (never the real one).
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        let config = tempfile::tempdir().unwrap();
        let mut f = Session::start_with_config(args, cols, rows, config.path());
        f._config = Some(config);
        f
    }

    /// folio with extra environment variables.
    pub fn start_env(env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        let config = tempfile::tempdir().unwrap();
        let mut f = Session::spawn_with(
            env!("CARGO_BIN_EXE_folio"),
            &[],
            env,
            cols,
            rows,
            config.path(),
        );
        f._config = Some(config);
        f
    }

    /// Another program (less) in the same kind of terminal.
    pub fn start_program(program: &str, args: &[&str], cols: u16, rows: u16) -> Session {
        let config = tempfile::tempdir().unwrap();
        let mut f = Session::spawn(program, args, cols, rows, config.path());
        f._config = Some(config);
        f
    }

    pub fn start_with_config(args: &[&str], cols: u16, rows: u16, config: &Path) -> Session {
        Session::spawn(env!("CARGO_BIN_EXE_folio"), args, cols, rows, config)
    }

    pub fn spawn(program: &str, args: &[&str], cols: u16, rows: u16, config: &Path) -> Session {
        Session::spawn_with(program, args, &[], cols, rows, config)
    }

    pub fn spawn_with(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
        config: &Path,
    ) -> Session {
        let pair = native_pty_system().openpty(size(cols, rows)).unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.env("LESS", "");
        cmd.env("LESSHISTFILE", "-");
        cmd.args(args);
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_CTYPE");
        cmd.env("TERM", "xterm-256color");
        cmd.env("FOLIO_CONFIG_DIR", config);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = Arc::new(Mutex::new(pair.master.take_writer().unwrap()));
        let knows_margins = !env.contains(&("TEST_TERMINAL", "no-margins"));
        let mute = env.contains(&("TEST_TERMINAL", "mute"));
        let parser = Arc::new(Mutex::new(MarginTerminal::new(rows, cols, knows_margins)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        // The answers go through their own thread, so the reader never waits
        // on a write to the program.
        let (answer_tx, answer_rx) = mpsc::channel::<Vec<u8>>();
        thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let chunk = &buf[..n];
                // Answer as a terminal would: what the terminal is, whether
                // it has left/right margins, where the cursor is.
                let mut answers = {
                    let mut p = p.lock().unwrap();
                    p.process(chunk);
                    p.take_answers()
                };
                if chunk.windows(4).any(|w| w == b"\x1b[6n") {
                    answers.extend_from_slice(b"\x1b[1;1R");
                }
                if !answers.is_empty() && !mute {
                    let _ = answer_tx.send(answers);
                }
                r.lock().unwrap().extend_from_slice(chunk);
            }
        });
        let w = writer.clone();
        thread::spawn(move || {
            while let Ok(bytes) = answer_rx.recv() {
                let mut w = w.lock().unwrap();
                let _ = w.write_all(&bytes);
                let _ = w.flush();
            }
        });
        Session {
            child,
            writer,
            master: pair.master,
            parser,
            raw,
            counted: 0,
            _config: None,
        }
    }

    /// The screen's text.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// The screen cell by cell, attributes included.
    pub fn cells(&self) -> String {
        self.parser.lock().unwrap().cells()
    }

    /// Waits until nothing has been written for [`QUIET`]; returns the bytes
    /// written since the last call.
    pub fn settle(&mut self) -> usize {
        let mut last = self.raw_len();
        let mut quiet = Instant::now();
        let start = Instant::now();
        while quiet.elapsed() < QUIET && start.elapsed() < TIMEOUT {
            thread::sleep(Duration::from_millis(20));
            if self.raw_len() != last {
                last = self.raw_len();
                quiet = Instant::now();
            }
        }
        let bytes = last - self.counted;
        self.counted = last;
        bytes
    }

    /// Sends `keys`; returns the bytes written since the last settle, once
    /// output went quiet.
    pub fn key(&mut self, keys: &str) -> usize {
        self.send(keys);
        self.settle()
    }

    /// The "lines A-B/N" of the status bar.
    pub fn lines_shown(&self) -> String {
        let s = self.screen();
        let status = s.lines().last().unwrap_or_default().to_string();
        status
            .split(' ')
            .find(|w| w.contains('/') && w.contains('-'))
            .unwrap_or_default()
            .to_string()
    }

    pub fn raw_len(&self) -> usize {
        self.raw.lock().unwrap().len()
    }

    pub fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// Waits until the screen contains every one of `needles`.
    pub fn wait_for(&self, needles: &[&str]) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            let s = self.screen();
            if needles.iter().all(|n| s.contains(n)) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "timed out waiting for {needles:?}; screen:\n{}",
            self.screen()
        );
    }

    pub fn send(&mut self, keys: &str) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(keys.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    pub fn resize(&self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().set_size(rows, cols);
        self.master.resize(size(cols, rows)).unwrap();
    }

    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader drain what was written last.
                thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("folio did not exit; screen:\n{}", self.screen());
    }

    pub fn left_cleanly(&self) {
        let p = self.parser.lock().unwrap();
        assert!(
            !p.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(!p.screen().hide_cursor(), "cursor still hidden");
    }

    /// `stty -a` of the terminal folio ran in.
    pub fn stty(&self) -> String {
        let tty = self.master.tty_name().expect("the pty's name");
        let out = std::process::Command::new("stty")
            .arg("-a")
            .arg("-F")
            .arg(&tty)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Raw mode is off: line editing and echo are back.
    pub fn cooked(&self) {
        let stty = self.stty();
        let words: Vec<&str> = stty.split_whitespace().collect();
        assert!(
            words.contains(&"icanon") && words.contains(&"echo"),
            "still raw: {stty}"
        );
    }
}
