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

impl Event {
    /// `event.target.value`: the text of the input the event came from.
    pub fn value(&self) -> String {
        match self._private {}
    }
    /// `event.target.checked`: whether the checkbox is ticked.
    pub fn checked(&self) -> bool {
        match self._private {}
    }
    /// `event.key`: the key of a keyboard event (`"Enter"`, `"a"`).
    pub fn key(&self) -> String {
        match self._private {}
    }
    /// `event.preventDefault()`. For a default that must be prevented before
    /// the handler's code has loaded, add `prevent:EVENT` to the element.
    pub fn prevent_default(&self) {
        match self._private {}
    }
}
