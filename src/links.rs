//! Links from bundles (a citation's source, an article's page), made safe to
//! show and to hand to a terminal.
//!
//! A bundle's `url` is text from outside like any other: on screen it goes
//! through [`crate::sanitize::clean`]; as the target of an OSC 8 hyperlink it
//! must be printable ASCII only (a control character there would end the
//! sequence and reach the terminal raw), so [`hyperlink_target`] accepts
//! only `http`/`https` links and percent-encodes the rest of them.

/// Whether `url` is a web link (`http://` or `https://`, any case).
pub fn is_web(url: &str) -> bool {
    scheme_rest(url).is_some()
}

/// The part after `http://` or `https://`.
fn scheme_rest(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    (web && !rest.is_empty()).then_some(rest)
}

/// `mod.gov.az/…`: the host of a web link without `www.`, and an ellipsis
/// when there is more than the host; other links whole.
pub fn short(url: &str, ellipsis: &str) -> String {
    let Some(rest) = scheme_rest(url) else {
        return url.to_string();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..end];
    // Credentials are never shown.
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.strip_prefix("www.").unwrap_or(host);
    let more = rest[end..].trim_start_matches('/');
    if more.is_empty() {
        host.to_string()
    } else {
        format!("{host}/{ellipsis}")
    }
}

/// The link as an OSC 8 target: `None` unless it is a web link; characters
/// outside printable ASCII (and spaces) percent-encoded.
pub fn hyperlink_target(url: &str) -> Option<String> {
    if !is_web(url) || url.chars().any(char::is_control) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_graphic() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// The link as a Markdown link destination, `<…>`: angle brackets and
/// spaces inside are percent-encoded so they cannot end it.
pub fn markdown_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 2);
    out.push('<');
    for c in url.chars() {
        match c {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            ' ' => out.push_str("%20"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

/// Whether the terminal, as its environment names it, shows OSC 8
/// hyperlinks. Only terminals known to: others may print the sequence, and
/// tmux and screen drop or mangle it unless configured.
pub fn terminal_shows_hyperlinks(get: impl Fn(&str) -> Option<String>) -> bool {
    let term = get("TERM").unwrap_or_default();
    if get("TMUX").is_some() || term.starts_with("screen") || term.starts_with("tmux") {
        return false;
    }
    let program = get("TERM_PROGRAM").unwrap_or_default();
    let vte = (get("VTE_VERSION").and_then(|v| v.parse::<u32>().ok())).is_some_and(|v| v >= 5000);
    vte || get("KITTY_WINDOW_ID").is_some()
        || get("WT_SESSION").is_some()
        || matches!(
            program.as_str(),
            "iTerm.app" | "WezTerm" | "vscode" | "ghostty" | "Hyper" | "tabby"
        )
        || [
            "xterm-kitty",
            "foot",
            "wezterm",
            "xterm-ghostty",
            "alacritty",
        ]
        .iter()
        .any(|t| term.starts_with(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn short_links_keep_the_host() {
        assert_eq!(
            short("https://mod.gov.az/en/news/x-123.html", "…"),
            "mod.gov.az/…"
        );
        assert_eq!(short("http://www.example.org/", "…"), "example.org");
        assert_eq!(short("HTTPS://user:pw@host.tld?q=1", "..."), "host.tld/...");
        assert_eq!(short("mailto:a@b.c", "…"), "mailto:a@b.c");
    }

    #[test]
    fn only_web_links_become_hyperlinks() {
        assert_eq!(
            hyperlink_target("https://ex.org/a b/é").as_deref(),
            Some("https://ex.org/a%20b/%C3%A9")
        );
        assert_eq!(hyperlink_target("javascript:alert(1)"), None);
        assert_eq!(hyperlink_target("file:///etc/passwd"), None);
        assert_eq!(hyperlink_target("https://ex.org/\u{1b}]8;;x\u{7}"), None);
        assert_eq!(hyperlink_target("https://"), None);
    }

    #[test]
    fn markdown_targets_cannot_be_closed_early() {
        assert_eq!(
            markdown_target("https://a.b/x> y"),
            "<https://a.b/x%3E%20y>"
        );
    }

    #[test]
    fn hyperlinks_only_where_the_terminal_is_known_to_show_them() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                (pairs.iter())
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(terminal_shows_hyperlinks(env(&[("VTE_VERSION", "7600")])));
        assert!(terminal_shows_hyperlinks(env(&[(
            "TERM_PROGRAM",
            "WezTerm"
        )])));
        assert!(terminal_shows_hyperlinks(env(&[("TERM", "xterm-kitty")])));
        assert!(!terminal_shows_hyperlinks(env(&[(
            "TERM",
            "xterm-256color"
        )])));
        assert!(!terminal_shows_hyperlinks(env(&[("VTE_VERSION", "4600")])));
        assert!(!terminal_shows_hyperlinks(env(&[
            ("TERM_PROGRAM", "iTerm.app"),
            ("TMUX", "/tmp/tmux-0/default,1,0")
        ])));
    }

    proptest! {
        #[test]
        fn hyperlink_targets_are_printable_ascii(url in "\\PC*|https://\\PC*") {
            if let Some(t) = hyperlink_target(&url) {
                prop_assert!(t.bytes().all(|b| b.is_ascii_graphic()));
            }
        }
    }
}
