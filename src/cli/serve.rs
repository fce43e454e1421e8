//! `folio serve`: the command line of the SSH server (see `crate::serve`).

use std::io::IsTerminal as _;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use clap::Args;

use super::{Outcome, fail, report};
use crate::bundle::{EMBEDDED_SEED, EMBEDDED_SEED_NAME, load_bundle};
use crate::glyphs::Glyphs;
use crate::serve::{Access, Limits, Options, Show};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The bundle to serve (without one, the sample built into folio).
    pub bundle: Option<PathBuf>,
    /// Where to listen; another address than loopback only when asked.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:2222")]
    pub listen: SocketAddr,
    /// Anyone who can reach the port may watch (any key, or none).
    #[arg(long, conflicts_with = "authorized_keys")]
    pub open: bool,
    /// Only the holders of these keys may watch (OpenSSH authorized_keys format).
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,
    /// The speaker's public key (a .pub file): that connection drives, as
    /// the terminal that started the server does when there is one.
    #[arg(long, value_name = "KEYFILE")]
    pub speaker: Option<PathBuf>,
    /// The host key (made on first use, mode 0600; default: in the config directory).
    #[arg(long, value_name = "FILE")]
    pub host_key: Option<PathBuf>,
    /// Connections at once.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_sessions)]
    pub max_sessions: usize,
    /// New connections one address may open a minute.
    #[arg(long, value_name = "N", default_value_t = Limits::default().per_address_per_minute)]
    pub rate: usize,
    /// Seconds a connection has to authenticate.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub auth_timeout: u64,
    /// Minutes a viewer may neither type nor be sent anything before it is closed.
    #[arg(long, value_name = "MINUTES", default_value_t = 60)]
    pub idle_timeout: u64,
}

pub fn run(
    args: &ServeArgs,
    settings: crate::app::Settings,
    keymap: crate::keymap::Keymap,
    config_dir: Option<PathBuf>,
    glyphs: Glyphs,
    max_size: u64,
) -> Outcome {
    match serve(args, settings, keymap, config_dir, glyphs, max_size) {
        Ok(code) => Outcome::Reader(code),
        Err(e) => fail(glyphs, &format!("{e:#}")),
    }
}

fn serve(
    args: &ServeArgs,
    settings: crate::app::Settings,
    keymap: crate::keymap::Keymap,
    config_dir: Option<PathBuf>,
    glyphs: Glyphs,
    max_size: u64,
) -> anyhow::Result<ExitCode> {
    let access = match (&args.authorized_keys, args.open) {
        (Some(file), _) => Access::from_file(file)?,
        (None, true) => Access::Open,
        (None, false) => anyhow::bail!(
            "say who may watch: --open (anyone who can reach {}) or --authorized-keys FILE",
            args.listen
        ),
    };
    let speaker = match &args.speaker {
        Some(file) => {
            let text = crate::input::read_text_file(file, 64 * 1024)
                .with_context(|| format!("reading the speaker's key {}", file.display()))?;
            let keys = crate::serve::parse_authorized_keys(&text)
                .map_err(|(line, why)| anyhow::anyhow!("{}:{line}: {why}", file.display()))?;
            Some(keys.into_iter().next().with_context(|| {
                format!(
                    "{}: no public key in it (give the .pub file)",
                    file.display()
                )
            })?)
        }
        None => None,
    };
    let host_key_path = match (&args.host_key, &config_dir) {
        (Some(path), _) => path.clone(),
        (None, Some(dir)) => dir.join(crate::serve::HOST_KEY_FILE),
        (None, None) => anyhow::bail!(
            "no config directory for the host key: set FOLIO_CONFIG_DIR, --config-dir or --host-key"
        ),
    };
    let (host_key, made) = crate::serve::load_or_create(&host_key_path)?;
    let (bundle, source): (std::sync::Arc<crate::bundle::Bundle>, _) = match &args.bundle {
        Some(path) => (
            super::stdin::load(path, max_size)
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .into(),
            Some(path.display().to_string()),
        ),
        None => (
            load_bundle(EMBEDDED_SEED, EMBEDDED_SEED_NAME)
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .into(),
            None,
        ),
    };
    let house_words = match &args.bundle {
        Some(file) => {
            crate::input::read_text_file(&file.with_file_name(crate::check::HOUSE_WORDS), max_size)
                .unwrap_or_default()
        }
        None => String::new(),
    };
    let limits = Limits {
        max_sessions: args.max_sessions.max(1),
        per_address_per_minute: args.rate.max(1),
        auth_timeout: Duration::from_secs(args.auth_timeout.max(1)),
        idle_timeout: Duration::from_secs(args.idle_timeout.max(1) * 60),
    };
    let fingerprint = crate::serve::host_fingerprint(&host_key);
    let local = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let show = Show {
        bundle: bundle.clone(), // an Arc: the speaker's reader shares it
        settings,
        keymap: keymap.clone(),
        source: source.clone(),
        house_words,
    };
    let options = Options {
        listen: args.listen,
        access,
        speaker: speaker.clone(),
        limits,
        host_key,
    };
    let who = if local {
        "you drive from this terminal"
    } else if speaker.is_some() {
        "the --speaker key drives"
    } else {
        "no speaker: viewers read on their own"
    };
    let tail = banner_tail(local, std::io::stderr().is_terminal());
    let banner = |addr: SocketAddr| {
        let host = if addr.ip().is_loopback() {
            "localhost".to_string()
        } else {
            addr.ip().to_string()
        };
        report(
            glyphs,
            &format!(
                "serving {} on {addr} ({who})\nhost key {fingerprint}{}\nviewers: ssh -p {} {host}{}",
                source.as_deref().unwrap_or("the built-in sample"),
                if made {
                    format!(" (new, in {})", host_key_path.display())
                } else {
                    String::new()
                },
                addr.port(),
                tail.map(|t| format!("\n{t}")).unwrap_or_default()
            ),
        );
    };
    let speak: Option<crate::serve::Speak> = if local {
        let file = args.bundle.clone().filter(|p| !super::stdin::is_stdin(p));
        Some(Box::new(move |podium| {
            let source = crate::shell::Source {
                file,
                max_size,
                keymap,
                notice: None,
                start: None,
                mouse: false,
                ask_terminal: true,
                podium: Some(podium),
            };
            // The speaker's bookmarks are kept as a reader's are.
            let store = config_dir.map(crate::bookmarks::Store::new);
            crate::shell::run(
                bundle,
                settings,
                store,
                crate::session::RenderMode::Lean,
                source,
            )
        }))
    } else {
        None
    };
    crate::serve::run(show, options, speak, banner)
}

/// The banner's last line: how a headless server stops, or when the
/// speaker's terminal shows the connection lines (none when stderr is
/// redirected: they go there as they happen).
fn banner_tail(local: bool, stderr_terminal: bool) -> Option<&'static str> {
    match (local, stderr_terminal) {
        (false, _) => Some("Ctrl-c or SIGTERM stops the server"),
        (true, true) => Some("connection lines are printed when you quit (or redirect stderr)"),
        (true, false) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::banner_tail;

    #[test]
    fn the_banner_says_how_to_stop_and_only_a_terminal_is_told_lines_wait() {
        assert_eq!(
            banner_tail(false, false),
            Some("Ctrl-c or SIGTERM stops the server")
        );
        assert_eq!(banner_tail(false, true), banner_tail(false, false));
        assert!(banner_tail(true, true).is_some_and(|t| t.contains("when you quit")));
        assert_eq!(banner_tail(true, false), None);
    }
}
