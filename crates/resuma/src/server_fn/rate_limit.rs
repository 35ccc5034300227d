//! Per-IP, per-function token buckets: a client that calls one function too
//! often gets `429 Too Many Requests` with `Retry-After`, without affecting
//! other clients or its calls to other functions.
//!
//! The buckets are in memory and per replica (a load balancer spreading one
//! client over N replicas gives it N times the rate); the table is bounded so
//! a flood of addresses cannot grow it without limit, and IPv6 clients are
//! keyed by their /64.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::http::StatusCode;

use super::config::Rate;
use super::error::ServerFnError;

/// Largest number of buckets kept. When a new client arrives at a full
/// table, the buckets idle the longest are dropped ([`EVICT_FRACTION`] of
/// them at once, so the cost of finding them is paid rarely); recently
/// active clients keep their buckets, so a flood of new addresses cannot
/// reset a limited client's count.
const MAX_BUCKETS: usize = 100_000;
/// One tenth of the table goes when it is full.
const EVICT_FRACTION: usize = 10;

struct Bucket {
    tokens: f64,
    last: Instant,
}

/// The buckets of every (client, function) pair seen recently.
#[derive(Default)]
pub(crate) struct RateLimiter {
    buckets: Mutex<HashMap<(IpAddr, &'static str), Bucket>>,
}

/// The key of a client: its IPv4 address, or its IPv6 /64 network. One
/// IPv6 host usually holds a whole /64 and can pick any address in it, so
/// keying by the full address would give it 2^64 buckets.
pub(crate) fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !((1u128 << 64) - 1))),
        },
    }
}

impl RateLimiter {
    /// Take one token for `ip` calling `function`; `Err(wait)` when the
    /// bucket is empty, with the time until the next token.
    pub(crate) fn take(
        &self,
        ip: IpAddr,
        function: &'static str,
        rate: Rate,
    ) -> Result<(), Duration> {
        self.take_at(ip, function, rate, Instant::now(), MAX_BUCKETS)
    }

    fn take_at(
        &self,
        ip: IpAddr,
        function: &'static str,
        rate: Rate,
        now: Instant,
        max_buckets: usize,
    ) -> Result<(), Duration> {
        let key = (client_key(ip), function);
        let capacity = rate.burst as f64;
        let per_token = rate.per.as_secs_f64() / capacity;
        // A poisoned lock only means another request panicked mid-update of a
        // counter: the map is still usable.
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= max_buckets && !buckets.contains_key(&key) {
            evict_oldest(&mut buckets, (max_buckets / EVICT_FRACTION).max(1));
        }
        let bucket = buckets.entry(key).or_insert(Bucket {
            tokens: capacity,
            last: now,
        });
        let refill = now.saturating_duration_since(bucket.last).as_secs_f64() / per_token;
        bucket.tokens = (bucket.tokens + refill).min(capacity);
        bucket.last = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) * per_token))
        }
    }
}

/// Drop the `count` buckets that were used the longest ago.
fn evict_oldest(buckets: &mut HashMap<(IpAddr, &'static str), Bucket>, count: usize) {
    let mut times: Vec<Instant> = buckets.values().map(|b| b.last).collect();
    let count = count.min(times.len());
    if count == 0 {
        return;
    }
    let (_, cutoff, _) = times.select_nth_unstable(count - 1);
    let cutoff = *cutoff;
    let mut dropped = 0;
    buckets.retain(|_, b| {
        let drop = b.last <= cutoff && dropped < count;
        dropped += usize::from(drop);
        !drop
    });
}

/// The address rate limits are keyed by: the last `X-Forwarded-For` entry
/// when the app trusts its proxy, else the TCP peer. Without either the
/// server cannot tell clients apart, and one shared bucket would let any
/// client lock everyone out: the call is refused with a 500 naming the fix
/// (and logged), never limited as a crowd.
pub(crate) fn client_address(
    req: &Request,
    trust_forwarded_for: bool,
) -> Result<IpAddr, ServerFnError> {
    let forwarded = req.headers().get_all("x-forwarded-for");
    if trust_forwarded_for {
        let last = forwarded
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .last()
            .and_then(|ip| ip.trim().parse().ok());
        if let Some(ip) = last {
            return Ok(ip);
        }
    } else if forwarded.iter().next().is_some() && !WARNED_PROXY.swap(true, Ordering::Relaxed) {
        tracing::warn!(
            "requests carry X-Forwarded-For but Security::trust_forwarded_for is off: if this server is \
             behind a proxy, every client shares the proxy's rate-limit bucket; enable it (only behind a \
             proxy that sets the header)"
        );
    }
    // Only a native server knows the peer (a wasi:http component is not
    // told it, and does not rate-limit: crate::wasi).
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(axum::extract::ConnectInfo(peer)) =
        req.extensions().get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
    {
        return Ok(peer.ip());
    }
    tracing::error!(
        "a rate-limited server function was called but the client's address is unknown: serve the app with \
         resuma::serve / serve_on, or axum's `into_make_service_with_connect_info::<SocketAddr>()`, or \
         enable Security::trust_forwarded_for behind a proxy"
    );
    Err(ServerFnError::custom(
        "client_unknown",
        StatusCode::INTERNAL_SERVER_ERROR,
        "the server cannot tell clients apart for its rate limits (a configuration error); see the server log",
    ))
}

/// Whether the X-Forwarded-For warning was logged (once per process).
static WARNED_PROXY: AtomicBool = AtomicBool::new(false);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_then_refuse_then_refill() {
        let limiter = RateLimiter::default();
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let rate = Rate {
            burst: 3,
            per: Duration::from_secs(3),
        };
        let t0 = Instant::now();
        let take = |ip, f, t| limiter.take_at(ip, f, rate, t, MAX_BUCKETS);
        for _ in 0..3 {
            assert!(take(ip, "f", t0).is_ok());
        }
        let wait = take(ip, "f", t0).unwrap_err();
        assert!(
            wait > Duration::from_millis(900) && wait <= Duration::from_secs(1),
            "{wait:?}"
        );
        assert!(
            take(ip, "g", t0).is_ok(),
            "other function has its own bucket"
        );
        assert!(
            take("10.0.0.2".parse().unwrap(), "f", t0).is_ok(),
            "other IP too"
        );
        assert!(
            take(ip, "f", t0 + Duration::from_millis(1001)).is_ok(),
            "refilled"
        );
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64_network() {
        let limiter = RateLimiter::default();
        let rate = Rate {
            burst: 2,
            per: Duration::from_secs(60),
        };
        let t0 = Instant::now();
        let take = |ip: &str| limiter.take_at(ip.parse().unwrap(), "f", rate, t0, MAX_BUCKETS);
        assert!(take("2001:db8:1:2::1").is_ok());
        assert!(
            take("2001:db8:1:2:ffff:ffff:ffff:ffff").is_ok(),
            "same /64, second token"
        );
        assert!(
            take("2001:db8:1:2:abcd::9").is_err(),
            "a new address in the same /64 shares the bucket"
        );
        assert!(take("2001:db8:1:3::1").is_ok(), "another /64 has its own");
        assert_eq!(
            client_key("::ffff:10.0.0.1".parse().unwrap()),
            "10.0.0.1".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn a_full_table_drops_the_idlest_buckets_not_everyone() {
        let limiter = RateLimiter::default();
        let rate = Rate {
            burst: 1,
            per: Duration::from_secs(3600),
        };
        let t0 = Instant::now();
        let limited: IpAddr = "10.9.9.9".parse().unwrap();
        let max = 50;
        // 40 idle clients, then one that is at its limit, then more new ones.
        for i in 0..40u8 {
            limiter
                .take_at(IpAddr::from([10, 0, 0, i]), "f", rate, t0, max)
                .unwrap();
        }
        let t1 = t0 + Duration::from_secs(10);
        limiter.take_at(limited, "f", rate, t1, max).unwrap();
        assert!(limiter.take_at(limited, "f", rate, t1, max).is_err());
        for i in 0..100u8 {
            let t = t1 + Duration::from_millis(u64::from(i) + 1);
            limiter
                .take_at(IpAddr::from([10, 1, 0, i]), "f", rate, t, max)
                .unwrap();
            // The limited client stays active, so it is never the idlest.
            let now = t + Duration::from_micros(1);
            assert!(
                limiter.take_at(limited, "f", rate, now, max).is_err(),
                "its bucket survived insert {i}"
            );
        }
        assert!(limiter.buckets.lock().unwrap().len() <= max);
    }
}
