//! Per-IP, per-function token buckets: a client that calls one function too
//! often gets `429 Too Many Requests` with `Retry-After`, without affecting
//! other clients or its calls to other functions.
//!
//! The buckets are in memory and per replica (a load balancer spreading one
//! client over N replicas gives it N times the rate); the table is bounded so
//! a flood of spoofed-looking addresses cannot grow it without limit.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::config::Rate;

/// Largest number of buckets kept; above it, full (idle) buckets are dropped,
/// and if that is not enough, all of them.
const MAX_BUCKETS: usize = 100_000;

struct Bucket {
    tokens: f64,
    last: Instant,
}

/// The buckets of every (client, function) pair seen recently.
#[derive(Default)]
pub(crate) struct RateLimiter {
    buckets: Mutex<HashMap<(IpAddr, &'static str), Bucket>>,
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
        self.take_at(ip, function, rate, Instant::now())
    }

    fn take_at(
        &self,
        ip: IpAddr,
        function: &'static str,
        rate: Rate,
        now: Instant,
    ) -> Result<(), Duration> {
        let capacity = rate.burst as f64;
        let per_token = rate.per.as_secs_f64() / capacity;
        // A poisoned lock only means another request panicked mid-update of a
        // counter: the map is still usable.
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_BUCKETS && !buckets.contains_key(&(ip, function)) {
            buckets.retain(|_, b| {
                b.tokens + now.duration_since(b.last).as_secs_f64() / per_token < capacity
            });
            if buckets.len() >= MAX_BUCKETS {
                buckets.clear();
            }
        }
        let bucket = buckets.entry((ip, function)).or_insert(Bucket {
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
        for _ in 0..3 {
            assert!(limiter.take_at(ip, "f", rate, t0).is_ok());
        }
        let wait = limiter.take_at(ip, "f", rate, t0).unwrap_err();
        assert!(
            wait > Duration::from_millis(900) && wait <= Duration::from_secs(1),
            "{wait:?}"
        );
        assert!(
            limiter.take_at(ip, "g", rate, t0).is_ok(),
            "other function has its own bucket"
        );
        assert!(
            limiter
                .take_at("10.0.0.2".parse().unwrap(), "f", rate, t0)
                .is_ok(),
            "other IP too"
        );
        assert!(
            limiter
                .take_at(ip, "f", rate, t0 + Duration::from_millis(1001))
                .is_ok(),
            "refilled"
        );
    }
}
