//! The server's host key: made on first use, kept in the config directory
//! with mode 0600, refused when others may read it (as sshd refuses).
//! Its fingerprint is printed at start so the audience can check what
//! their `ssh` shows.

use std::io::Write as _;
use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _, PermissionsExt as _};
use std::path::Path;

use anyhow::Context as _;
use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{HashAlg, PrivateKey};

/// The host key's file name in the config directory.
pub const FILE: &str = "serve_host_ed25519";

/// The key at `path`, made there (an Ed25519 key, mode 0600) when there is
/// none. Says whether it was made.
pub fn load_or_create(path: &Path) -> anyhow::Result<(PrivateKey, bool)> {
    match std::fs::metadata(path) {
        Ok(meta) => {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                anyhow::bail!(
                    "the host key {} may be read by others (mode {mode:04o}): \
                     run chmod 600 {} (or delete it to make a new one)",
                    path.display(),
                    path.display()
                );
            }
            let bytes = std::fs::read(path)
                .with_context(|| format!("reading the host key {}", path.display()))?;
            // The parser's error once: its chain repeats it.
            let key = PrivateKey::from_openssh(&bytes).map_err(|e| {
                anyhow::anyhow!(
                    "the host key {} is not an OpenSSH private key ({e}): \
                     delete it to make a new one or give another with --host-key",
                    path.display()
                )
            })?;
            if key.is_encrypted() {
                anyhow::bail!(
                    "the host key {} has a passphrase: remove it (ssh-keygen -p -N '' -f {}), \
                     delete the file to make a new key, or give another with --host-key",
                    path.display(),
                    path.display()
                );
            }
            Ok((key, false))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = generate()?;
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::DirBuilder::new()
                    .recursive(true)
                    .mode(0o700)
                    .create(dir)
                    .with_context(|| format!("making the directory {}", dir.display()))?;
            }
            let text = key
                .to_openssh(LineEnding::LF)
                .context("encoding the new host key")?;
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)
                .with_context(|| format!("writing the new host key {}", path.display()))?;
            file.write_all(text.as_bytes())
                .and_then(|()| file.sync_all())
                .with_context(|| format!("writing the new host key {}", path.display()))?;
            Ok((key, true))
        }
        Err(e) => Err(e).with_context(|| format!("reading the host key {}", path.display())),
    }
}

/// A new Ed25519 key from the system's random source.
pub fn generate() -> anyhow::Result<PrivateKey> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("no random source: {e}"))?;
    let key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    seed.fill(0);
    Ok(key)
}

/// The fingerprint `ssh` shows for the key: `SHA256:…`.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_with_mode_0600_and_a_wider_mode_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join(FILE);
        let (key, made) = load_or_create(&path).unwrap();
        assert!(made);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let (again, made) = load_or_create(&path).unwrap();
        assert!(!made);
        assert_eq!(fingerprint(&key), fingerprint(&again));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = load_or_create(&path).unwrap_err().to_string();
        assert!(err.contains("chmod 600"), "{err}");
    }

    #[test]
    fn a_file_that_is_no_key_or_has_a_passphrase_is_named_once_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        // A file only its owner reads, as a host key must be.
        let private = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&path)
                .unwrap()
                .write_all(bytes)
                .unwrap();
            path
        };
        let path = private("garbage", b"hello\0 this is not a key\n");
        // As the command line shows it: the whole chain.
        let err = format!("{:#}", load_or_create(&path).unwrap_err());
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(err.contains("not an OpenSSH private key"), "{err}");
        assert!(err.contains("delete it to make a new one"), "{err}");
        assert!(err.contains("--host-key"), "{err}");
        assert_eq!(err.matches("PEM").count(), 1, "{err}");

        // A key with a passphrase cannot sign a handshake: refused too.
        let locked = generate()
            .unwrap()
            .encrypt_with(
                russh::keys::ssh_key::Cipher::Aes256Ctr,
                russh::keys::ssh_key::Kdf::Bcrypt {
                    salt: vec![7; 16],
                    rounds: 1,
                },
                1,
                "secret",
            )
            .unwrap();
        let path = private(
            "locked",
            locked.to_openssh(LineEnding::LF).unwrap().as_bytes(),
        );
        let err = format!("{:#}", load_or_create(&path).unwrap_err());
        assert!(err.contains("has a passphrase"), "{err}");
    }
}
