//! What joins the speaker to the audience: the speaker's place, newest
//! only, and how many watch.
//!
//! Both are `watch` channels: publishing never waits for a viewer, and a
//! viewer that falls behind skips the places in between (it only ever
//! needs the newest). One stalled viewer therefore delays nobody.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use tokio::sync::watch;

use crate::app::Cue;

/// A cue and when the speaker's key that made it came.
pub type Timed = (Cue, Instant);

/// The speaker's side and the count; cheap to clone.
#[derive(Clone)]
pub struct Stage {
    cue: watch::Sender<Option<Timed>>,
    audience: watch::Sender<usize>,
    /// A speaker connection drives now (one at a time).
    speaking: Arc<AtomicBool>,
    runtime: tokio::runtime::Handle,
}

impl Stage {
    pub fn new(runtime: tokio::runtime::Handle) -> Stage {
        Stage {
            cue: watch::Sender::new(None),
            audience: watch::Sender::new(0),
            speaking: Arc::new(AtomicBool::new(false)),
            runtime,
        }
    }

    /// The speaker is here now.
    pub fn publish(&self, cue: Cue) {
        self.publish_since(cue, Instant::now());
    }

    /// The speaker is here now, after a key that came at `since`.
    pub fn publish_since(&self, cue: Cue, since: Instant) {
        self.cue.send_if_modified(|now| {
            let changed = now.as_ref().is_none_or(|(c, _)| *c != cue);
            if changed {
                *now = Some((cue, since));
            }
            changed
        });
    }

    pub fn cues(&self) -> watch::Receiver<Option<Timed>> {
        self.cue.subscribe()
    }

    pub fn audience(&self) -> watch::Receiver<usize> {
        self.audience.subscribe()
    }

    pub fn watching(&self) -> usize {
        *self.audience.borrow()
    }

    /// The speaker's place for one connection (until the guard is
    /// dropped), or none while another has it.
    pub(crate) fn speak(&self) -> Option<Speaking> {
        (self.speaking)
            .compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst)
            .ok()
            .map(|_| Speaking(self.speaking.clone()))
    }

    /// One more viewer (until the guard is dropped).
    pub fn join(&self) -> Seat {
        self.audience.send_modify(|n| *n += 1);
        Seat {
            audience: self.audience.clone(),
        }
    }
}

/// A speaker connection's hold on the stage.
pub(crate) struct Speaking(Arc<AtomicBool>);

impl Drop for Speaking {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

/// A viewer's place in the count.
pub struct Seat {
    audience: watch::Sender<usize>,
}

impl Drop for Seat {
    fn drop(&mut self) {
        self.audience.send_modify(|n| *n = n.saturating_sub(1));
    }
}

impl crate::shell::Podium for Stage {
    fn publish(&self, cue: Cue) {
        Stage::publish(self, cue);
    }

    fn on_audience(&self, tell: Box<dyn Fn(usize) -> bool + Send>) {
        let mut rx = self.audience();
        self.runtime.spawn(async move {
            loop {
                let n = *rx.borrow_and_update();
                if !tell(n) {
                    break;
                }
                if rx.changed().await.is_err() {
                    break;
                }
            }
        });
    }
}
