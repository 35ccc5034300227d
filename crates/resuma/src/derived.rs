//! Derived values on the server (protocol.md §14): what `{move || …}`,
//! bare reactive expressions, `computed!`, `effect!` and `debounce!` expand
//! to. The server evaluates a derived value once, writes its real value,
//! and leaves the browser a reference to the translated body in the view's
//! chunk; computeds and effects become the page's reactions, listed in the
//! state script.

use std::fmt::{self, Display};

use serde::Serialize;

use crate::attr::AttrValue;
use crate::html::Html;
use crate::scope;
use crate::signal::{use_signal, Signal};

/// Where a derived body lives: its chunk, its export, and the ids of what
/// it captures, in the order it destructures them.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct Body<'a> {
    pub chunk: &'static str,
    pub symbol: &'static str,
    pub ids: &'a [u32],
}

/// A derived text: `<!--r-d:CHUNK#SYMBOL|ids-->VALUE<!---->`.
#[doc(hidden)]
pub fn derived_text<V: Display>(out: &mut Html, body: Body<'_>, value: impl FnOnce() -> V) {
    out.derived_text_start(body.chunk, body.symbol, body.ids);
    out.display(&value());
    out.block_end();
}

/// A derived attribute: its real value, and `name=CHUNK#SYMBOL|ids` in the
/// element's `data-r-d`.
#[doc(hidden)]
pub fn derived_attr<V: AttrValue>(
    out: &mut Html,
    name: &str,
    body: Body<'_>,
    value: impl FnOnce() -> V,
) {
    value().write_attr(name, out);
    out.derive_attr(name, body.chunk, body.symbol, body.ids);
}

/// One of the page's computeds or effects: when a signal of `deps`
/// changes, the browser runs the body and, for a computed, writes the
/// result into signal `target`; an effect whose `wait` is set is debounced.
#[derive(Debug, Clone)]
pub(crate) struct Reaction {
    deps: Vec<u32>,
    chunk: &'static str,
    symbol: &'static str,
    ids: Vec<u32>,
    target: Option<u32>,
    wait_ms: Option<u32>,
}

impl Reaction {
    /// Every id the browser needs in the page state.
    pub(crate) fn referenced(&self) -> impl Iterator<Item = u32> + '_ {
        self.deps.iter().chain(&self.ids).chain(&self.target).copied()
    }
}

/// `[DEPS, "CHUNK#SYMBOL|IDS", TARGET, WAIT]`, the state's `d` entries.
impl Display for Reaction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |ids: &[u32]| ids.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
        write!(
            f,
            "[[{}],\"{}#{}|{}\"",
            list(&self.deps),
            self.chunk,
            self.symbol,
            list(&self.ids)
        )?;
        match (self.target, self.wait_ms) {
            (Some(target), _) => write!(f, ",{target}]"),
            (None, Some(wait)) => write!(f, ",null,{wait}]"),
            (None, None) => f.write_str("]"),
        }
    }
}

/// `computed!`: a signal holding `value()` (the body evaluated on the
/// server) that the browser recomputes when one of `deps` changes.
#[doc(hidden)]
pub fn computed<T: Serialize + 'static>(
    value: impl FnOnce() -> T,
    deps: &[u32],
    body: Body<'_>,
) -> Signal<T> {
    let signal = use_signal(value());
    push(deps, body, Some(signal.id()), None);
    signal
}

/// `effect!` and `debounce!`: run the body in the browser after one of
/// `deps` changes (after they have been still for `wait_ms`, if given).
#[doc(hidden)]
pub fn effect(deps: &[u32], body: Body<'_>, wait_ms: Option<u32>) {
    push(deps, body, None, wait_ms);
}

fn push(deps: &[u32], body: Body<'_>, target: Option<u32>, wait_ms: Option<u32>) {
    scope::push_reaction(Reaction {
        deps: deps.to_vec(),
        chunk: body.chunk,
        symbol: body.symbol,
        ids: body.ids.to_vec(),
        target,
        wait_ms,
    });
}

/// The id of a dependency in `computed!([deps], …)`: a signal or a computed.
#[doc(hidden)]
pub fn dep_id<T: 'static>(signal: &Signal<T>) -> u32 {
    signal.id()
}

/// Type-check an effect's closure without calling it: effects run only in
/// the browser.
#[doc(hidden)]
pub fn check_effect<F: FnOnce() -> R, R>(_effect: F) {}

/// The same for effects that await a server function.
#[doc(hidden)]
pub fn check_async_effect<F: AsyncFnOnce()>(_effect: F) {}
