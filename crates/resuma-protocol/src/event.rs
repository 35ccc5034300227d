//! The event vocabulary of handlers: the methods of `resuma::Event` and
//! what each does in the browser, in one list. `resuma` generates `Event`'s
//! methods from it and `rs2js` translates exactly these calls, so the two
//! can never disagree (a method one side has and the other lacks).
//!
//! ```
//! let value = resuma_protocol::EVENT_METHODS.iter().find(|m| m.name == "value").unwrap();
//! assert_eq!(value.rust_type, "String");
//! assert_eq!(value.js, "EVENT.target.value");
//! ```

/// One method of `resuma::Event`.
#[derive(Debug, Clone, Copy)]
pub struct EventMethod {
    /// The method's name; it takes no arguments besides `&self`.
    pub name: &'static str,
    /// Its Rust return type, as written.
    pub rust_type: &'static str,
    /// The JavaScript expression it becomes, with `EVENT` for the event.
    pub js: &'static str,
    /// What it is, for its doc comment.
    pub doc: &'static str,
}

/// Calls `$callback! { DOC NAME -> TYPE = "JS"; ... }` with every method of
/// `resuma::Event`: how `resuma` generates them and how [`EVENT_METHODS`]
/// is built.
#[macro_export]
macro_rules! with_event_methods {
    ($callback:path) => {
        $callback! {
            "The text of the input the event came from (`event.target.value`)."
            value -> String = "EVENT.target.value";
            "Whether the checkbox the event came from is ticked (`event.target.checked`)."
            checked -> bool = "EVENT.target.checked";
            "The key of a keyboard event (`\"Enter\"`, `\"a\"`)."
            key -> String = "EVENT.key";
            "Cancel the event's default action. For a default that must be prevented before the handler's code has loaded, add `prevent:EVENT` to the element."
            prevent_default -> () = "EVENT.preventDefault()";
            "Stop the event reaching the handlers of outer elements. Before the code has loaded only `stop:EVENT` on the element can do that."
            stop_propagation -> () = "EVENT.stopPropagation()";
            "The URL of the link (`<a href>`) the event happened in, if any."
            link_href -> Option<String> = "(EVENT.target.closest(\"a[href]\")?.href ?? null)";
            "Show the URL of the link the event happened in without loading it (`history.replaceState`): a filter link whose page the handler updates in place."
            replace_url_with_link -> () = "((a) => a && history.replaceState(null, \"\", a.href))(EVENT.target.closest(\"a[href]\"))";
            "The same as a new history entry (`history.pushState`), so Back returns to the URL before."
            push_url_with_link -> () = "((a) => a && history.pushState(null, \"\", a.href))(EVENT.target.closest(\"a[href]\"))";
        }
    };
}

macro_rules! table {
    ($($doc:literal $name:ident -> $ret:ty = $js:literal;)*) => {
        /// Every method of `resuma::Event`, in declaration order.
        pub const EVENT_METHODS: &[EventMethod] = &[$(EventMethod {
            name: stringify!($name),
            rust_type: stringify!($ret),
            js: $js,
            doc: $doc,
        }),*];
    };
}

with_event_methods!(table);
