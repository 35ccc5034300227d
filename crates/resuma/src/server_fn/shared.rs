//! What every request of an app shares, checked once at start-up: the
//! table of server functions, the secret, the site's origin rules and the
//! limits. Built by [`Shared::new`] from the app's [`Security`]; a
//! configuration error is a start-up error with a message saying what to
//! fix.

use std::sync::Arc;

use axum::http::{header, Extensions, HeaderMap};

use super::config::{Rate, Security};
use super::csrf::{self, Secret};
use super::rate_limit::RateLimiter;
use super::registry::{self, Descriptor, Table};
use super::site::Site;

/// The checked configuration of one app.
pub(crate) struct Shared {
    pub(crate) table: Table,
    pub(crate) secret: Secret,
    pub(crate) site: Site,
    pub(crate) default_rate: Option<Rate>,
    pub(crate) max_body: usize,
    pub(crate) trust_forwarded_for: bool,
    pub(crate) limiter: RateLimiter,
    /// The app's states ([`App::with_state`](crate::App::with_state)).
    pub(crate) states: Arc<Extensions>,
}

impl Shared {
    /// Check the functions (registered at link time plus `explicit`) and the
    /// security settings (completed from the environment); `states` are the
    /// app's, to which the signing key of signed cookies is added.
    pub(crate) fn new(
        explicit: &[&'static Descriptor],
        security: Security,
        mut states: Extensions,
    ) -> Result<Shared, String> {
        let security = security.resolve_env()?;
        let table = Table::build(registry::registered().chain(explicit.iter().copied()))?;
        let https = security.https.unwrap_or(false);
        let production = security.production.unwrap_or(true);
        let secret = Secret::resolve(security.secret.clone(), production)?;
        // Signed cookies (crate::signed_cookie) find the key among the states.
        states.insert(crate::signed_cookie::SigningKey {
            secret: secret.clone(),
            https,
        });
        Ok(Shared {
            secret,
            site: Site::new(
                &security.allowed_origins,
                &security.allowed_hosts,
                https,
                production,
            )?,
            default_rate: security.rate_limit,
            max_body: security.max_body,
            trust_forwarded_for: security.trust_forwarded_for,
            limiter: RateLimiter::default(),
            states: Arc::new(states),
            table,
        })
    }

    /// Whether the site is served over HTTPS.
    pub(crate) fn https(&self) -> bool {
        self.site.https()
    }

    /// The session id of the first session cookie whose signature verifies.
    /// Not simply the first cookie of that name: a cookie planted over plain
    /// HTTP or by a sibling subdomain may come first, and must not hide the
    /// real session (cookie tossing).
    pub(crate) fn session_of(&self, headers: &HeaderMap) -> Option<String> {
        let name = csrf::cookie_name(self.https());
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|h| csrf::cookie_values(h, name))
            .find_map(|v| self.secret.open_session(v))
    }
}
