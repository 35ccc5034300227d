//! Forms that work before any JavaScript has loaded, and without it
//! (protocol.md §13).
//!
//! [`Form`] renders a real `<form method="post">` that targets a server
//! function, with the CSRF field the action endpoint checks. Without
//! JavaScript the browser posts it: on success the server runs the function
//! and redirects back to the page (`303`); on failure it renders the page
//! again, with the submitted values ([`submitted_value`]) and the error next
//! to its field ([`FieldError`]). With JavaScript the loader intercepts the
//! submit, a small handler chunk (`runtime/forms.js`) posts the same fields
//! with `fetch`, puts the result into the form's `result` signals, and on
//! failure leaves the typed text alone and shows the error in place.
//!
//! ```
//! use resuma::prelude::*;
//!
//! #[server(encoding = "form")]
//! async fn subscribe(email: String) -> Result<usize, ServerFnError> {
//!     if !email.contains('@') {
//!         return Err(resuma::form::invalid_field("email", "an e-mail address has an @"));
//!     }
//!     Ok(1)
//! }
//!
//! #[component]
//! fn Subscribe() -> impl IntoView {
//!     let count = use_signal(0usize);
//!     view! {
//!         <Form action={subscribe {}} result={count} label="Subscribe">
//!             <label for="email">"E-mail"</label>
//!             <input id="email" name="email" value={resuma::form::submitted_value("email")}>
//!             <FieldError name="email" />
//!             <button>"Subscribe"</button>
//!         </Form>
//!         <p>{count} " subscribers"</p>
//!     }
//! }
//! # let html = resuma::render_to_string(|| view! { <Subscribe /> });
//! # assert!(html.contains(r#"<form method="post" action="/_resuma/action/subscribe""#), "{html}");
//! ```
//!
//! The function must accept form bodies: `#[server(encoding = "form")]`, or
//! with a type name `#[server(Subscribe, "/api", "Url")]`, written
//! `action={Subscribe}`.

mod rerender;

use axum::http::StatusCode;

use crate::html::Html;
use crate::server_fn::{csrf_field, Descriptor, ServerFn, ServerFnError};
use rerender::FAILURE;

use crate::signal::Signal;
use crate::view::{Children, IntoView};
pub(crate) use rerender::rerender_on_failure;

/// The handler chunk every `<Form>` uses: `runtime/forms.js`, minified by
/// `npm run build` into `assets/forms.js`. Its name is its content hash
/// (protocol.md §4); the `chunk_name_is_the_content_hash` test below fails
/// with the right name when the file changes.
const CHUNK_NAME: &str = "h162e36c010a7";
const CHUNK_SOURCE: &str = include_str!("../assets/forms.js");

/// The `<Form>` chunk, which every app serves (App::try_into_router adds it
/// on targets without link-time registration).
pub(crate) static CHUNK: crate::chunk::ChunkSource =
    crate::chunk::ChunkSource { name: CHUNK_NAME, source: CHUNK_SOURCE };

#[cfg(not(target_arch = "wasm32"))]
inventory::submit! { crate::chunk::ChunkSource { name: CHUNK_NAME, source: CHUNK_SOURCE } }

/// What `<Form action={...}>` accepts: a server function's type (`AddTodo`
/// for `#[server(AddTodo, ...)]`, else `add_todo {}`, the braced struct
/// `#[server]` generates with the function's name) or its [`Descriptor`].
pub trait FormAction {
    /// The function's descriptor (its name and URL).
    fn descriptor(&self) -> &'static Descriptor;
}

impl<F: ServerFn> FormAction for F {
    fn descriptor(&self) -> &'static Descriptor {
        F::DESCRIPTOR
    }
}

impl FormAction for &'static Descriptor {
    fn descriptor(&self) -> &'static Descriptor {
        self
    }
}

/// Where a `<Form>` puts a successful result in the browser: one signal
/// (set to the result), or a tuple of signals (the function returns a tuple
/// and each signal gets its element).
pub trait FormResult {
    /// The signals' ids, in order.
    fn ids(&self) -> Vec<u32>;
}

impl<T: 'static> FormResult for Signal<T> {
    fn ids(&self) -> Vec<u32> {
        vec![self.id()]
    }
}

impl<A: 'static, B: 'static> FormResult for (Signal<A>, Signal<B>) {
    fn ids(&self) -> Vec<u32> {
        vec![self.0.id(), self.1.id()]
    }
}

impl<A: 'static, B: 'static, C: 'static> FormResult for (Signal<A>, Signal<B>, Signal<C>) {
    fn ids(&self) -> Vec<u32> {
        vec![self.0.id(), self.1.id(), self.2.id()]
    }
}

/// Props of [`Form`]; `view!` builds them from `<Form action={..} ...>`.
/// The type parameter is the builder's state: `A` is [`NoAction`] until
/// `action` is given, and only then does `build()` exist.
pub struct FormProps<A = &'static Descriptor> {
    action: A,
    result: Vec<u32>,
    id: Option<&'static str>,
    class: Option<&'static str>,
    label: Option<&'static str>,
    children: Children,
}

/// A required prop not given yet (the builder's type state).
#[doc(hidden)]
pub struct NoAction;

/// The builder of [`FormProps`]: the props themselves, before `action`.
pub type FormPropsBuilder<A> = FormProps<A>;

impl FormProps {
    /// Start building the props.
    pub fn builder() -> FormProps<NoAction> {
        FormProps {
            action: NoAction,
            result: Vec::new(),
            id: None,
            class: None,
            label: None,
            children: Children::default(),
        }
    }
}

impl<A> FormProps<A> {
    /// The server function the form posts to (required).
    pub fn action(self, action: impl FormAction) -> FormProps {
        let FormProps {
            result,
            id,
            class,
            label,
            children,
            ..
        } = self;
        FormProps {
            action: action.descriptor(),
            result,
            id,
            class,
            label,
            children,
        }
    }

    /// The signal(s) a successful result goes into, in the browser.
    pub fn result(mut self, result: impl FormResult) -> Self {
        self.result = result.ids();
        self
    }

    /// The form's `id` (other elements join it with `form="ID"`). It also
    /// names the form when the page is rendered again after a failed post.
    pub fn id(mut self, id: &'static str) -> Self {
        self.id = Some(id);
        self
    }

    /// The form's `class`.
    pub fn class(mut self, class: &'static str) -> Self {
        self.class = Some(class);
        self
    }

    /// An accessible name (`aria-label`).
    pub fn label(mut self, label: &'static str) -> Self {
        self.label = Some(label);
        self
    }

    /// The form's content.
    pub fn children(mut self, children: Children) -> Self {
        self.children = children;
        self
    }
}

impl FormProps {
    /// Finish the props (only once `action` is set).
    pub fn build(self) -> FormProps {
        self
    }
}

/// A form posting to a server function, with or without JavaScript (see
/// the [module docs](self)). Props: `action` (required), `result`, `id`,
/// `class`, `label`.
#[allow(non_snake_case)]
pub fn Form(props: FormProps) -> impl IntoView {
    FormView(props)
}

/// The view [`Form`] returns.
pub struct FormView(FormProps);

impl IntoView for FormView {
    fn render(self, out: &mut Html) {
        let FormProps {
            action,
            result,
            id,
            class,
            label,
            children,
        } = self.0;
        let key = id.unwrap_or(action.name);
        out.raw("<form method=\"post\"");
        out.attr("action", &action.path);
        if let Some(id) = id {
            out.attr("id", &id);
        }
        if let Some(class) = class {
            out.attr("class", &class);
        }
        if let Some(label) = label {
            out.attr("aria-label", &label);
        }
        out.handler("submit", CHUNK_NAME, "h0", &result);
        out.raw(" data-r-prevent:submit>");
        csrf_field().render(out);
        out.raw("<input type=\"hidden\" name=\"_form\"");
        out.attr("value", &key);
        out.raw(">");
        // A page rendered again after a failed post has the action's URL in
        // the address bar: remember the real page, for the next post's
        // redirect or re-render.
        if let Ok(back) = FAILURE.try_with(|f| f.back.clone()) {
            out.raw("<input type=\"hidden\" name=\"_back\"");
            out.attr("value", &back);
            out.raw(">");
        }
        children.render(out);
        // Errors that belong to no field (or to a field without a
        // `<FieldError>`) are shown here.
        let general = FAILURE
            .try_with(|f| {
                let mine = f.form == key;
                (mine && !f.slot_shown.get()).then(|| f.error.message.clone())
            })
            .ok()
            .flatten();
        out.raw("<p class=\"form-error\" role=\"alert\" data-r-form-error>");
        out.text(general.as_deref().unwrap_or(""));
        out.raw("</p></form>");
    }
}

/// Props of [`FieldError`].
pub struct FieldErrorProps {
    name: &'static str,
}

/// Builder of [`FieldErrorProps`].
pub struct FieldErrorPropsBuilder<N>(N);

impl FieldErrorProps {
    /// Start building the props.
    pub fn builder() -> FieldErrorPropsBuilder<NoAction> {
        FieldErrorPropsBuilder(NoAction)
    }
}

impl<N> FieldErrorPropsBuilder<N> {
    /// The field's `name` (required).
    pub fn name(self, name: &'static str) -> FieldErrorPropsBuilder<&'static str> {
        FieldErrorPropsBuilder(name)
    }
}

impl FieldErrorPropsBuilder<&'static str> {
    /// Finish the props.
    pub fn build(self) -> FieldErrorProps {
        FieldErrorProps { name: self.0 }
    }
}

/// Where the error of field `name` is shown, inside a [`Form`]:
/// `<p class="field-error" id="NAME-error" data-r-field-error="NAME">`.
/// Point the input's `aria-describedby` at `NAME-error`.
#[allow(non_snake_case)]
pub fn FieldError(props: FieldErrorProps) -> impl IntoView {
    FieldErrorView(props.name)
}

/// The view [`FieldError`] returns.
pub struct FieldErrorView(&'static str);

impl IntoView for FieldErrorView {
    fn render(self, out: &mut Html) {
        let name = self.0;
        let message = FAILURE
            .try_with(|f| {
                (f.field.as_deref() == Some(name)).then(|| {
                    f.slot_shown.set(true);
                    f.error.message.clone()
                })
            })
            .ok()
            .flatten();
        out.raw("<p class=\"field-error\"");
        out.attr("id", &format_args!("{name}-error"));
        out.attr("data-r-field-error", &name);
        out.raw(">");
        out.text(message.as_deref().unwrap_or(""));
        out.raw("</p>");
    }
}

/// A validation error for form field `field`: status 422, kind
/// `invalid:FIELD`. A `<Form>` shows `message` in that field's
/// [`FieldError`] and marks the input `aria-invalid`.
pub fn invalid_field(field: &str, message: impl Into<String>) -> ServerFnError {
    ServerFnError::custom(
        format!("invalid:{field}"),
        StatusCode::UNPROCESSABLE_ENTITY,
        message,
    )
}

/// The field an error is about: `invalid:FIELD` errors, and the endpoint's
/// own "argument `FIELD`: …" decoding errors. `runtime/forms.js` does the same.
pub(crate) fn field_of(error: &ServerFnError) -> Option<String> {
    if let Some(field) = error.kind.strip_prefix("invalid:") {
        return Some(field.to_owned());
    }
    if error.kind == "invalid_argument" {
        let rest = error.message.strip_prefix("argument `")?;
        let end = rest.find(['`', '.', '['])?;
        return Some(rest[..end].to_owned());
    }
    None
}

/// While a page is rendered again after a failed post without JavaScript:
/// the value the user submitted in field `name`, so the form keeps it. `None`
/// otherwise (then an input's `value={...}` renders no attribute).
pub fn submitted_value(name: &str) -> Option<String> {
    FAILURE
        .try_with(|f| {
            f.values
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
        .ok()
        .flatten()
}

/// Whether the page is being rendered again because field `name` was
/// refused (for `aria-invalid={resuma::form::field_failed("title")}`).
pub fn field_failed(name: &str) -> bool {
    FAILURE
        .try_with(|f| f.field.as_deref() == Some(name))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_name_is_the_content_hash() {
        let expected = format!("h{}", crate::assets::content_hash(CHUNK_SOURCE.as_bytes()));
        assert_eq!(
            CHUNK_NAME, expected,
            "assets/forms.js changed: set CHUNK_NAME in form.rs to {expected}"
        );
    }

    #[test]
    fn errors_name_their_field() {
        assert_eq!(
            field_of(&invalid_field("title", "too long")).as_deref(),
            Some("title")
        );
        let e = ServerFnError::custom(
            "invalid_argument",
            StatusCode::UNPROCESSABLE_ENTITY,
            "argument `id`: invalid digit",
        );
        assert_eq!(field_of(&e).as_deref(), Some("id"));
        assert_eq!(field_of(&ServerFnError::new("down")), None);
    }
}
