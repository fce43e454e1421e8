//! Reading a response body under a size cap, decoding gzip and deflate.
//!
//! The cap holds twice: on the bytes that arrive (so a server can't stream
//! forever) and on the decoded bytes (so a small gzip body can't inflate into
//! gigabytes). Neither side ever holds more than `limit + 1` bytes: one byte
//! over is how "too large" is told from "exactly the limit".

use std::io::{self, BufRead, BufReader, Read};

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

/// How the body was encoded (`Content-Encoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Identity,
    Gzip,
    Deflate,
}

impl Encoding {
    /// `None` for an encoding folio did not ask for (`br`, `zstd`, stacked
    /// encodings): the caller reports it rather than handing on bytes it
    /// cannot read.
    pub(crate) fn from_header(value: Option<&str>) -> Option<Encoding> {
        let value = value.map(str::trim).unwrap_or("");
        if value.is_empty() || value.eq_ignore_ascii_case("identity") {
            Some(Encoding::Identity)
        } else if value.eq_ignore_ascii_case("gzip") || value.eq_ignore_ascii_case("x-gzip") {
            Some(Encoding::Gzip)
        } else if value.eq_ignore_ascii_case("deflate") {
            Some(Encoding::Deflate)
        } else {
            None
        }
    }
}

/// Why reading stopped.
#[derive(Debug)]
pub(crate) enum BodyError {
    /// More than the limit arrived, or decoded.
    TooLarge,
    /// The connection failed (this is the transport's own error).
    Transport(io::Error),
    /// The bytes arrived but are not valid gzip/deflate.
    Decode(io::Error),
}

/// Counts and caps what is read from the connection, and remembers whether
/// an error came from the connection (rather than from the decoder above).
struct Capped<'a, R> {
    inner: R,
    count: u64,
    /// `limit + 1`: reading stops there.
    stop_at: u64,
    transport_failed: bool,
    on_bytes: &'a mut dyn FnMut(u64),
}

impl<R: Read> Read for Capped<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.stop_at.saturating_sub(self.count);
        if left == 0 || buf.is_empty() {
            return Ok(0);
        }
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        match self.inner.read(&mut buf[..want]) {
            Ok(n) => {
                self.count += n as u64;
                if n > 0 {
                    (self.on_bytes)(self.count);
                }
                Ok(n)
            }
            Err(e) => {
                if e.kind() != io::ErrorKind::Interrupted {
                    self.transport_failed = true;
                }
                Err(e)
            }
        }
    }
}

/// Reads the whole body from `reader`, decoded, at most `limit` bytes of it
/// (and at most `limit` bytes off the wire). `on_bytes` hears the number of
/// bytes received so far after each read.
pub(crate) fn read_capped(
    reader: impl Read,
    encoding: Encoding,
    limit: u64,
    size_hint: Option<u64>,
    on_bytes: &mut dyn FnMut(u64),
) -> Result<Vec<u8>, BodyError> {
    let stop_at = limit.saturating_add(1);
    let mut raw = Capped {
        inner: reader,
        count: 0,
        stop_at,
        transport_failed: false,
        on_bytes,
    };
    // Reserve what the server announced (a hint only, never past the cap or
    // 1 MiB: the announcement is the peer's word).
    let reserve = size_hint.unwrap_or(16 * 1024).min(stop_at).min(1 << 20);
    let mut out = Vec::with_capacity(usize::try_from(reserve).unwrap_or(0));
    let result = match encoding {
        Encoding::Identity => raw.read_to_end(&mut out),
        Encoding::Gzip => MultiGzDecoder::new(&mut raw)
            .take(stop_at)
            .read_to_end(&mut out),
        Encoding::Deflate => {
            let mut buffered = BufReader::new(&mut raw);
            // `deflate` means zlib-wrapped (RFC 9110), but some servers send
            // raw deflate: tell them apart by the zlib header.
            let zlib = match buffered.fill_buf() {
                Ok(head) => is_zlib_header(head),
                Err(e) => return Err(BodyError::Transport(e)),
            };
            if zlib {
                ZlibDecoder::new(buffered)
                    .take(stop_at)
                    .read_to_end(&mut out)
            } else {
                DeflateDecoder::new(buffered)
                    .take(stop_at)
                    .read_to_end(&mut out)
            }
        }
    };
    // The raw cap first: a decoder fed a cut-off stream fails, and the real
    // reason is the size.
    if raw.count >= stop_at || out.len() as u64 >= stop_at {
        return Err(BodyError::TooLarge);
    }
    match result {
        Ok(_) => Ok(out),
        Err(e) if raw.transport_failed => Err(BodyError::Transport(e)),
        Err(e) => Err(BodyError::Decode(e)),
    }
}

/// RFC 1950: compression method 8, window ≤ 32 KiB, check bits.
fn is_zlib_header(head: &[u8]) -> bool {
    match head {
        [cmf, flg, ..] => {
            cmf & 0x0F == 8 && cmf >> 4 <= 7 && (u16::from(*cmf) * 256 + u16::from(*flg)) % 31 == 0
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn raw_deflate(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn read(bytes: &[u8], enc: Encoding, limit: u64) -> Result<Vec<u8>, BodyError> {
        read_capped(bytes, enc, limit, None, &mut |_| {})
    }

    #[test]
    fn encodings_from_the_header() {
        assert_eq!(Encoding::from_header(None), Some(Encoding::Identity));
        assert_eq!(Encoding::from_header(Some(" GZIP ")), Some(Encoding::Gzip));
        assert_eq!(Encoding::from_header(Some("x-gzip")), Some(Encoding::Gzip));
        assert_eq!(
            Encoding::from_header(Some("deflate")),
            Some(Encoding::Deflate)
        );
        assert_eq!(Encoding::from_header(Some("br")), None);
        assert_eq!(Encoding::from_header(Some("gzip, br")), None);
    }

    #[test]
    fn plain_bodies_up_to_the_limit_pass() {
        assert_eq!(read(b"hello", Encoding::Identity, 5).unwrap(), b"hello");
        assert!(matches!(
            read(b"hello!", Encoding::Identity, 5),
            Err(BodyError::TooLarge)
        ));
    }

    #[test]
    fn gzip_and_both_deflates_decode() {
        let text = b"Baku, May 23. The ministry said (Mod.gov.az, May 23).".repeat(20);
        assert_eq!(read(&gzip(&text), Encoding::Gzip, 10_000).unwrap(), text);
        assert_eq!(read(&zlib(&text), Encoding::Deflate, 10_000).unwrap(), text);
        assert_eq!(
            read(&raw_deflate(&text), Encoding::Deflate, 10_000).unwrap(),
            text
        );
    }

    #[test]
    fn the_cap_holds_on_the_decoded_size() {
        let bomb = gzip(&vec![0u8; 1 << 20]);
        assert!(bomb.len() < 4096);
        let mut seen = 0;
        let result = read_capped(&bomb[..], Encoding::Gzip, 10_000, None, &mut |n| seen = n);
        assert!(matches!(result, Err(BodyError::TooLarge)));
        assert!(seen <= bomb.len() as u64);
        assert!(matches!(
            read(&zlib(&vec![0u8; 1 << 20]), Encoding::Deflate, 10_000),
            Err(BodyError::TooLarge)
        ));
    }

    #[test]
    fn the_cap_holds_on_the_received_size() {
        // Incompressible-ish data, larger compressed than the cap.
        let mut x: u32 = 0x9E37_79B9;
        let noise: Vec<u8> = (0..50_000)
            .map(|_| {
                // xorshift32
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        let packed = gzip(&noise);
        assert!(packed.len() > 20_000);
        assert!(matches!(
            read(&packed, Encoding::Gzip, 20_000),
            Err(BodyError::TooLarge)
        ));
    }

    #[test]
    fn broken_gzip_is_a_decode_error() {
        let mut packed = gzip(b"some text that is long enough to matter");
        packed.truncate(packed.len() / 2);
        assert!(matches!(
            read(&packed, Encoding::Gzip, 10_000),
            Err(BodyError::Decode(_))
        ));
        assert!(matches!(
            read(b"not gzip at all", Encoding::Gzip, 10_000),
            Err(BodyError::Decode(_))
        ));
    }

    #[test]
    fn transport_errors_are_told_apart() {
        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::new(io::ErrorKind::ConnectionReset, "reset"))
            }
        }
        for enc in [Encoding::Identity, Encoding::Gzip, Encoding::Deflate] {
            let r = read_capped(Failing, enc, 100, None, &mut |_| {});
            assert!(matches!(r, Err(BodyError::Transport(_))), "{enc:?}");
        }
    }
}
