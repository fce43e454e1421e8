//! The limits a server keeps so that no peer can take more than its share:
//! how many at once, how often one address may connect, how long a peer may
//! take to authenticate or sit idle, how large a screen it may claim.
//!
//! Pure: the clock is passed in, so the rate rule is tested without waiting.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// The server's limits (each one a `folio serve` option).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Connections served at once; more are closed at once.
    pub max_sessions: usize,
    /// New connections one address may open per minute.
    pub per_address_per_minute: usize,
    /// From connecting to being authenticated (the SSH banner included).
    pub auth_timeout: Duration,
    /// A viewer that neither types nor is sent anything this long is closed.
    pub idle_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_sessions: 200,
            per_address_per_minute: 30,
            auth_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60 * 60),
        }
    }
}

/// The widest and tallest screen a viewer may claim: a window-change to
/// 10000x10000 would otherwise make a frame of 10^8 cells.
pub const MAX_COLUMNS: u16 = 500;
pub const MAX_ROWS: u16 = 200;

/// A size a peer asked for, as the reader takes it: at least 1x1, at most
/// [`MAX_COLUMNS`]x[`MAX_ROWS`] (a 0x0 pty, as some clients send before
/// they know, is read as 80x24).
pub fn screen_size(columns: u32, rows: u32) -> (u16, u16) {
    if columns == 0 && rows == 0 {
        return (80, 24);
    }
    let clamp = |v: u32, max: u16| v.clamp(1, u32::from(max)) as u16;
    (clamp(columns, MAX_COLUMNS), clamp(rows, MAX_ROWS))
}

/// Addresses remembered at most: beyond, the oldest are forgotten (a flood
/// from many addresses cannot grow the table without bound).
const MAX_ADDRESSES: usize = 10_000;
const WINDOW: Duration = Duration::from_secs(60);

/// Connections per address in the last minute.
#[derive(Debug, Default)]
pub struct RateLimiter {
    seen: HashMap<IpAddr, VecDeque<Instant>>,
}

impl RateLimiter {
    /// Whether `addr` may connect now, at most `limit` a minute; counts
    /// the connection when it may.
    pub fn allow(&mut self, addr: IpAddr, limit: usize, now: Instant) -> bool {
        if self.seen.len() >= MAX_ADDRESSES && !self.seen.contains_key(&addr) {
            self.forget_before(now);
            if self.seen.len() >= MAX_ADDRESSES {
                // Still full of recent addresses: drop the quietest.
                if let Some(quiet) = (self.seen.iter())
                    .min_by_key(|(_, times)| times.back().copied())
                    .map(|(a, _)| *a)
                {
                    self.seen.remove(&quiet);
                }
            }
        }
        let times = self.seen.entry(addr).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            times.pop_front();
        }
        if times.len() >= limit {
            return false;
        }
        times.push_back(now);
        true
    }

    fn forget_before(&mut self, now: Instant) {
        self.seen.retain(|_, times| {
            times
                .back()
                .is_some_and(|t| now.duration_since(*t) < WINDOW)
        });
    }

    pub fn addresses(&self) -> usize {
        self.seen.len()
    }
}

/// Keys a viewer may send at once, and a second after that: more than
/// anyone types (or a terminal's key repeat sends), few enough that a
/// flood of keys costs the server little.
pub const KEY_BURST: f64 = 2000.0;
pub const KEYS_PER_SECOND: f64 = 500.0;

/// A viewer's allowance of keys (a token bucket): keys past it are dropped.
#[derive(Debug, Clone)]
pub struct KeyBudget {
    tokens: f64,
    at: Instant,
}

impl KeyBudget {
    pub fn new(now: Instant) -> KeyBudget {
        KeyBudget {
            tokens: KEY_BURST,
            at: now,
        }
    }

    /// Whether one more key may be taken now.
    pub fn take(&mut self, now: Instant) -> bool {
        let refill = now.saturating_duration_since(self.at).as_secs_f64() * KEYS_PER_SECOND;
        self.tokens = (self.tokens + refill).min(KEY_BURST);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Times from the speaker's key to each viewer's frame handed to its
/// connection, in 0.1 ms buckets up to a second (later ones in the last):
/// fixed memory however long the talk.
pub struct Latencies {
    buckets: Vec<std::sync::atomic::AtomicU64>,
}

const BUCKET_MICROS: u128 = 100;
const BUCKETS: usize = 10_000;

impl Default for Latencies {
    fn default() -> Latencies {
        Latencies {
            buckets: (0..=BUCKETS).map(|_| Default::default()).collect(),
        }
    }
}

impl Latencies {
    pub fn record(&self, took: Duration) {
        let i = ((took.as_micros() / BUCKET_MICROS) as usize).min(BUCKETS);
        self.buckets[i].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// How many, and the median and 99th percentile (upper bucket edges).
    pub fn summary(&self) -> (u64, Duration, Duration) {
        let counts: Vec<u64> = (self.buckets.iter())
            .map(|b| b.load(std::sync::atomic::Ordering::Relaxed))
            .collect();
        let total: u64 = counts.iter().sum();
        let at = |q: f64| {
            let want = ((total as f64) * q).ceil().max(1.0) as u64;
            let mut seen = 0;
            for (i, c) in counts.iter().enumerate() {
                seen += c;
                if seen >= want {
                    return Duration::from_micros(((i as u128 + 1) * BUCKET_MICROS) as u64);
                }
            }
            Duration::ZERO
        };
        (total, at(0.5), at(0.99))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn latencies_give_the_median_and_the_99th_percentile() {
        let l = Latencies::default();
        for ms in 1..=100 {
            l.record(Duration::from_millis(ms));
        }
        let (n, median, p99) = l.summary();
        assert_eq!(n, 100);
        assert_eq!(median, Duration::from_micros(50_100));
        assert_eq!(p99, Duration::from_micros(99_100));
        l.record(Duration::from_secs(30));
        assert_eq!(l.summary().0, 101);
    }

    #[test]
    fn a_flood_of_keys_is_cut_to_the_budget_which_then_refills() {
        let t = Instant::now();
        let mut b = KeyBudget::new(t);
        let taken = (0..1_000_000).filter(|_| b.take(t)).count();
        assert_eq!(taken, KEY_BURST as usize);
        assert!(!b.take(t));
        assert!(b.take(t + Duration::from_millis(10)));
        let later = t + Duration::from_secs(60);
        let taken = (0..10_000).filter(|_| b.take(later)).count();
        assert_eq!(taken, KEY_BURST as usize);
    }

    use super::*;

    #[test]
    fn sizes_are_clamped_and_zero_is_a_default() {
        assert_eq!(screen_size(0, 0), (80, 24));
        assert_eq!(screen_size(10_000, 10_000), (MAX_COLUMNS, MAX_ROWS));
        assert_eq!(screen_size(0, 30), (1, 30));
        assert_eq!(screen_size(132, 43), (132, 43));
    }

    #[test]
    fn an_address_gets_its_share_a_minute_and_others_theirs() {
        let mut r = RateLimiter::default();
        let t = Instant::now();
        let a: IpAddr = "127.0.0.1".parse().unwrap();
        let b: IpAddr = "127.0.0.2".parse().unwrap();
        for i in 0..3 {
            assert!(r.allow(a, 3, t + Duration::from_secs(i)));
        }
        assert!(!r.allow(a, 3, t + Duration::from_secs(5)));
        assert!(r.allow(b, 3, t + Duration::from_secs(5)));
        // A minute after the first, one more.
        assert!(r.allow(a, 3, t + Duration::from_secs(60)));
        assert!(!r.allow(a, 3, t + Duration::from_secs(60)));
    }

    #[test]
    fn many_addresses_never_grow_the_table_past_its_bound() {
        let mut r = RateLimiter::default();
        let t = Instant::now();
        for i in 0..(MAX_ADDRESSES as u32 + 500) {
            let addr = IpAddr::from(std::net::Ipv4Addr::from(0x0a00_0000 + i));
            assert!(r.allow(addr, 5, t));
        }
        assert!(r.addresses() <= MAX_ADDRESSES);
    }
}
