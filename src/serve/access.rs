//! Who may connect: anyone (`--open`, for a room) or the holders of the
//! keys in an OpenSSH `authorized_keys` file. Passwords never: a talk's
//! server is not a place to type one.

use std::path::Path;

use anyhow::Context as _;
use russh::keys::{HashAlg, PublicKey};

/// The access rule.
#[derive(Debug, Clone)]
pub enum Access {
    /// Anyone: any public key, or none (keyboard-interactive with no
    /// questions, for those who have no key).
    Open,
    /// Only these keys.
    Keys(Vec<PublicKey>),
}

impl Access {
    /// Reads an OpenSSH `authorized_keys` file (options before a key are
    /// allowed and ignored; a line that is no key is an error naming it).
    pub fn from_file(path: &Path) -> anyhow::Result<Access> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the authorized keys {}", path.display()))?;
        let keys = parse_authorized_keys(&text)
            .map_err(|(line, why)| anyhow::anyhow!("{}:{line}: {why}", path.display()))?;
        if keys.is_empty() {
            anyhow::bail!(
                "{}: no keys in it (one OpenSSH public key a line, as in ~/.ssh/authorized_keys)",
                path.display()
            );
        }
        Ok(Access::Keys(keys))
    }

    /// Whether `key` may connect.
    pub fn allows(&self, key: &PublicKey) -> bool {
        match self {
            Access::Open => true,
            Access::Keys(keys) => keys.iter().any(|k| k.key_data() == key.key_data()),
        }
    }

    pub fn is_open(&self) -> bool {
        matches!(self, Access::Open)
    }
}

/// The keys of an `authorized_keys` text, or the first bad line (1-based)
/// and why.
pub fn parse_authorized_keys(text: &str) -> Result<Vec<PublicKey>, (usize, String)> {
    let mut keys = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let entry = line
            .parse::<russh::keys::ssh_key::authorized_keys::Entry>()
            .map_err(|e| (i + 1, format!("not an OpenSSH public key ({e})")))?;
        keys.push(entry.public_key().clone());
    }
    Ok(keys)
}

/// A key as `ssh-keygen -l` shows it: `SHA256:…`.
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFj9BnpEt7wKkpX1JwVDJVq8ZuVUxEz5sF8yN47UkCbz alice@laptop";

    #[test]
    fn reads_keys_with_comments_and_options_and_names_a_bad_line() {
        let text = format!("# the room\n\n{ED}\nno-pty,command=\"x\" {ED}\n");
        let keys = parse_authorized_keys(&text).unwrap();
        assert_eq!(keys.len(), 2);
        let access = Access::Keys(keys.clone());
        assert!(access.allows(&keys[0]));
        assert!(fingerprint(&keys[0]).starts_with("SHA256:"));
        let bad = format!("{ED}\nssh-ed25519 notbase64!\n");
        let (line, why) = parse_authorized_keys(&bad).unwrap_err();
        assert_eq!(line, 2);
        assert!(why.contains("not an OpenSSH public key"), "{why}");
    }
}
