//! The hybrid logical clock that orders events across machines.
//!
//! A stamp is the wall clock in milliseconds, a counter for events within the same
//! millisecond (or while the wall clock lags behind a stamp already seen), and the id of the
//! database that made it, so two machines never make the same stamp. Stamps only grow on one
//! machine even when its clock is set back, and [`Hlc::observe`] moves the clock past a
//! stamp received from elsewhere. The text form sorts as the stamps do. This module reads no
//! clock itself; the store passes "now" in.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One point of the hybrid logical clock.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    pub millis: u64,
    pub counter: u32,
    /// The database (node) that made the stamp.
    pub node: String,
}

impl Hlc {
    /// The clock of `node` before its first event.
    pub fn zero(node: &str) -> Hlc {
        Hlc {
            millis: 0,
            counter: 0,
            node: node.to_string(),
        }
    }

    /// The next stamp of this node: later than `self` and not behind the wall clock.
    pub fn tick(&self, now_millis: u64) -> Hlc {
        if now_millis > self.millis {
            Hlc {
                millis: now_millis,
                counter: 0,
                node: self.node.clone(),
            }
        } else {
            self.bump(self.millis, self.counter)
        }
    }

    /// The next stamp of this node after seeing `remote`: later than both.
    pub fn observe(&self, remote: &Hlc, now_millis: u64) -> Hlc {
        let millis = now_millis.max(self.millis).max(remote.millis);
        if millis == now_millis && millis > self.millis && millis > remote.millis {
            return Hlc {
                millis,
                counter: 0,
                node: self.node.clone(),
            };
        }
        let counter = match (millis == self.millis, millis == remote.millis) {
            (true, true) => self.counter.max(remote.counter),
            (true, false) => self.counter,
            (false, true) => remote.counter,
            (false, false) => 0,
        };
        self.bump(millis, counter)
    }

    fn bump(&self, millis: u64, counter: u32) -> Hlc {
        match counter.checked_add(1) {
            Some(counter) => Hlc {
                millis,
                counter,
                node: self.node.clone(),
            },
            // Four billion events in one millisecond: borrow the next one.
            None => Hlc {
                millis: millis + 1,
                counter: 0,
                node: self.node.clone(),
            },
        }
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:015}-{:010}-{}", self.millis, self.counter, self.node)
    }
}

/// Why a stamp's text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a clock stamp (MILLIS-COUNTER-NODE)")]
pub struct HlcParseError(String);

impl FromStr for Hlc {
    type Err = HlcParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || HlcParseError(s.to_string());
        let mut parts = s.splitn(3, '-');
        let millis = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let counter = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let node = parts.next().filter(|n| !n.is_empty()).ok_or_else(bad)?;
        Ok(Hlc {
            millis,
            counter,
            node: node.to_string(),
        })
    }
}

impl Serialize for Hlc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_clock_set_back_still_moves_forward() {
        let a = Hlc::zero("a").tick(1_000);
        let b = a.tick(500);
        assert!(b > a);
        assert_eq!((b.millis, b.counter), (1_000, 1));
    }

    #[test]
    fn observing_a_stamp_from_the_future_moves_past_it() {
        let local = Hlc::zero("a").tick(1_000);
        let remote = Hlc {
            millis: 5_000,
            counter: 7,
            node: "b".into(),
        };
        let next = local.observe(&remote, 1_001);
        assert!(next > remote && next > local);
        assert_eq!(
            (next.millis, next.counter, next.node.as_str()),
            (5_000, 8, "a")
        );
    }

    #[test]
    fn text_sorts_as_stamps_do_and_reads_back() {
        let a = Hlc::zero("n1").tick(999);
        let b = Hlc::zero("n1").tick(1_000);
        assert!(a.to_string() < b.to_string());
        assert_eq!(b.to_string().parse::<Hlc>().unwrap(), b);
        assert!("12-x-n".parse::<Hlc>().is_err());
    }

    proptest! {
        /// Whatever the wall clock does and whatever arrives from elsewhere, every stamp a
        /// node makes is later than the one before it and than every stamp it has seen.
        #[test]
        fn stamps_only_grow(steps in prop::collection::vec((0u64..10_000, any::<bool>(), 0u64..10_000, 0u32..5), 1..200)) {
            let mut clock = Hlc::zero("local");
            for (now, remote_arrives, remote_millis, remote_counter) in steps {
                let next = if remote_arrives {
                    let remote = Hlc { millis: remote_millis, counter: remote_counter, node: "remote".into() };
                    let next = clock.observe(&remote, now);
                    prop_assert!(next > remote);
                    next
                } else {
                    clock.tick(now)
                };
                prop_assert!(next > clock);
                prop_assert!(next.to_string() > clock.to_string());
                clock = next;
            }
        }
    }
}
