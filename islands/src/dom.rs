//! Small DOM helpers for taking over the subtree the server rendered: find
//! its elements, listen to them, keep their text in step with signals.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, EventTarget};

use crate::signal::{effect, Signal};

/// The first element inside `root` matching `selector`. Throws a JS error
/// naming the selector when there is none: the island's markup and its Wasm
/// side disagree, which is a bug to see in the console, not to hide.
pub fn find(root: &Element, selector: &str) -> Element {
    match root.query_selector(selector) {
        Ok(Some(element)) => element,
        _ => wasm_bindgen::throw_str(
            &[
                "resuma-islands: nothing inside the island matches `",
                selector,
                "`",
            ]
            .concat(),
        ),
    }
}

/// Call `handler` on every `event` at `target` for the life of the page.
pub fn on(target: &EventTarget, event: &str, handler: impl FnMut(Event) + 'static) {
    let closure = Closure::<dyn FnMut(Event)>::new(handler);
    target
        .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
        .unwrap_throw();
    // An island lives as long as its page: the listener is never removed.
    closure.forget();
}

/// Keep `node.textContent` equal to the signal's value. The browser turns
/// the value into text (`String(value)`), so numbers need no formatting code
/// in the Wasm module.
pub fn bind_text<T: Clone + Into<JsValue> + 'static>(node: &Element, signal: Signal<T>) {
    bind_property(node, "textContent", signal);
}

/// Keep an input's `value` property equal to the signal's value.
pub fn bind_value<T: Clone + Into<JsValue> + 'static>(input: &Element, signal: Signal<T>) {
    bind_property(input, "value", signal);
}

fn bind_property<T: Clone + Into<JsValue> + 'static>(
    node: &Element,
    property: &'static str,
    signal: Signal<T>,
) {
    let node = node.clone();
    let key = JsValue::from_str(property);
    effect(move || {
        let value: JsValue = signal.get().into();
        Reflect::set(&node, &key, &value).unwrap_throw();
    });
}

/// Replace the children of `element` with `html`. The caller vouches for the
/// markup (e.g. it escaped or sanitised it).
pub fn set_html(element: &Element, html: &str) {
    element.set_inner_html(html);
}
