//! Rate limits per verified API key or, for anonymous requests and for
//! tokens that name no live key, per client address: a GCRA bucket each
//! (`governor`), refilled at the configured rate. A refused request gets
//! HTTP 429 with `Retry-After`.
//!
//! The map of buckets is bounded: past `max_clients` it first drops the
//! buckets that are full again, and if that is not enough, new clients share
//! one overflow bucket rather than growing the map. Only verified key names
//! and client addresses become keys, so random tokens cannot grow it either.
//!
//! The buckets live in this process: behind a load balancer each server
//! limits on its own, so the effective limit is the per-server limit times
//! the number of servers.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

/// Who a request counts against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Client {
    /// A verified API key, by name.
    Key(String),
    /// A client address (IPv6 addresses by their /64 network, which one host usually holds whole).
    Address(IpAddr),
    /// Everyone who arrived while the map was full.
    Overflow,
}

impl Client {
    /// The client at `addr`.
    pub fn address(addr: IpAddr) -> Self {
        match addr {
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Client::Address(IpAddr::V4(v4)),
                None => {
                    let mut octets = v6.octets();
                    octets[8..].fill(0);
                    Client::Address(IpAddr::from(octets))
                }
            },
            v4 => Client::Address(v4),
        }
    }
}

/// GCRA buckets, one per client, bounded in number.
pub struct RateLimiter {
    buckets: DefaultKeyedRateLimiter<Client>,
    max_clients: usize,
    /// When the full map was last swept: a sweep walks every bucket, so it
    /// runs at most once a second however many requests arrive meanwhile.
    last_sweep: Mutex<Option<Instant>>,
}

impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiter")
            .field("clients", &self.buckets.len())
            .finish()
    }
}

impl RateLimiter {
    /// A limiter allowing `per_minute` requests a minute with bursts of
    /// `burst`, tracking at most `max_clients`; `None` when `per_minute` is 0.
    pub fn new(per_minute: u32, burst: u32, max_clients: usize) -> Option<Self> {
        let per_minute = NonZeroU32::new(per_minute)?;
        let burst = NonZeroU32::new(burst.max(1))?;
        let quota = Quota::per_minute(per_minute).allow_burst(burst);
        Some(RateLimiter {
            buckets: DefaultKeyedRateLimiter::keyed(quota),
            max_clients: max_clients.max(1),
            last_sweep: Mutex::new(None),
        })
    }

    /// Takes a request's token from `client`'s bucket, or says how long until one is free.
    pub fn check(&self, client: &Client) -> Result<(), Duration> {
        let client = self.admit(client);
        self.buckets
            .check_key(&client)
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    /// The bucket `client` uses: its own, or the overflow bucket when the map is full.
    fn admit(&self, client: &Client) -> Client {
        if self.buckets.len() < self.max_clients {
            return client.clone();
        }
        if self.sweep_due() {
            self.buckets.retain_recent();
            self.buckets.shrink_to_fit();
        }
        if self.buckets.len() < self.max_clients {
            client.clone()
        } else {
            Client::Overflow
        }
    }

    /// Whether a second has passed since the last sweep (and if so, marks one now).
    fn sweep_due(&self) -> bool {
        let Ok(mut last) = self.last_sweep.lock() else {
            return false;
        };
        let now = Instant::now();
        let due = last.is_none_or(|at| now.duration_since(at) >= Duration::from_secs(1));
        if due {
            *last = Some(now);
        }
        due
    }

    /// How many clients have a bucket.
    pub fn clients(&self) -> usize {
        self.buckets.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_the_burst_then_refuses_with_a_wait() {
        let limiter = RateLimiter::new(60, 3, 10).unwrap();
        let a = Client::Key("a".into());
        for _ in 0..3 {
            assert!(limiter.check(&a).is_ok());
        }
        let wait = limiter.check(&a).unwrap_err();
        assert!(wait > Duration::from_millis(900) && wait <= Duration::from_secs(1));
        assert!(limiter.check(&Client::Key("b".into())).is_ok());
        assert!(RateLimiter::new(0, 10, 10).is_none());
    }

    #[test]
    fn the_map_of_buckets_stays_bounded() {
        let limiter = RateLimiter::new(1, 1, 100).unwrap();
        for i in 0..1000u32 {
            let _ = limiter.check(&Client::address(IpAddr::from(i.to_be_bytes())));
        }
        assert!(limiter.clients() <= 101, "{} buckets", limiter.clients());
    }

    #[test]
    fn an_ipv6_host_is_one_client() {
        let a: IpAddr = "2001:db8::1".parse().unwrap();
        let b: IpAddr = "2001:db8::ffff:2".parse().unwrap();
        assert_eq!(Client::address(a), Client::address(b));
    }
}
