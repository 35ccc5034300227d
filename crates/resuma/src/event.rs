//! The event a handler closure receives.

/// A DOM event, as seen by a handler closure.
///
/// Handlers run only in the browser: `view!` translates the closure to
/// JavaScript, and on the server it is only type-checked, never called. So an
/// `Event` never exists on the server; its methods document what the
/// translated code does in the browser.
///
/// ```
/// use resuma::prelude::*;
///
/// let html = resuma::render_to_string(|| {
///     let name = use_signal(String::new());
///     view! { <input value={name} onInput={move |e: Event| name.set(e.value())} /> }
/// });
/// assert!(html.contains("data-r-on:input="));
/// ```
pub struct Event {
    // Not constructible outside the crate: no Event exists on the server.
    _private: Private,
}

enum Private {}

// The methods come from the one list `rs2js` translates
// (resuma_protocol::with_event_methods).
macro_rules! event_methods {
    ($($doc:literal $name:ident -> $ret:ty = $js:literal;)*) => {
        impl Event {
            $(
                #[doc = $doc]
                #[doc = ""]
                #[doc = concat!("In the browser: `", $js, "`.")]
                #[allow(clippy::unused_unit)]
                pub fn $name(&self) -> $ret {
                    match self._private {}
                }
            )*
        }
    };
}

resuma_protocol::with_event_methods!(event_methods);
