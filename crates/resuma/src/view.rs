//! What can appear in a view: the [`IntoView`] trait and its implementations.

use std::fmt::Display;

use crate::html::Html;
use crate::scope;
use crate::shown::Shown;
use crate::signal::Signal;

/// Something that renders into an [`Html`] buffer: a `view!`, text, numbers,
/// signals (as bound text), `Option`s and `Vec`s of views, and [`Children`].
///
/// ```
/// use resuma::prelude::*;
///
/// let items = vec!["a", "b<"];
/// let html = resuma::render_to_string(|| view! {
///     <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect::<Vec<_>>()}</ul>
/// });
/// assert_eq!(html, "<ul><li>a</li><li>b&lt;</li></ul>");
/// ```
pub trait IntoView {
    /// Write this view into `out`.
    fn render(self, out: &mut Html);

    /// Box the view, so that branches returning different views have one type.
    fn into_any(self) -> AnyView
    where
        Self: Sized + 'static,
    {
        AnyView(Box::new(move |out: &mut Html| self.render(out)))
    }
}

/// A view written with `view!`: a closure that renders into the buffer.
pub struct ViewFn<F>(pub F);

impl<F: FnOnce(&mut Html)> IntoView for ViewFn<F> {
    fn render(self, out: &mut Html) {
        (self.0)(out)
    }
}

/// A boxed view of any type; see [`IntoView::into_any`].
pub struct AnyView(Box<dyn FnOnce(&mut Html)>);

impl IntoView for AnyView {
    fn render(self, out: &mut Html) {
        (self.0)(out)
    }
}

/// The children passed to a component between its tags.
///
/// ```
/// use resuma::prelude::*;
///
/// #[component]
/// fn Card(title: &'static str, children: Children) -> impl IntoView {
///     view! { <section><h2>{title}</h2>{children}</section> }
/// }
///
/// let html = resuma::render_to_string(|| view! { <Card title="Hi"><p>"body"</p></Card> });
/// assert_eq!(html, "<section><h2>Hi</h2><p>body</p></section>");
/// ```
pub struct Children(AnyView);

impl Children {
    /// Wrap a view as children (the `view!` macro does this).
    pub fn new(view: impl IntoView + 'static) -> Self {
        Children(view.into_any())
    }
}

impl Default for Children {
    fn default() -> Self {
        Children::new(())
    }
}

impl IntoView for Children {
    fn render(self, out: &mut Html) {
        self.0.render(out)
    }
}

impl IntoView for () {
    fn render(self, _: &mut Html) {}
}

impl IntoView for &str {
    fn render(self, out: &mut Html) {
        out.text(self)
    }
}

impl IntoView for String {
    fn render(self, out: &mut Html) {
        out.text(&self)
    }
}

impl IntoView for &String {
    fn render(self, out: &mut Html) {
        out.text(self)
    }
}

macro_rules! display_views {
    ($($t:ty),*) => {$(
        impl IntoView for $t {
            fn render(self, out: &mut Html) {
                out.display(&self)
            }
        }
    )*};
}
display_views!(i128, u128, f32, f64, bool, char);

// Integers are written by a decimal writer, not through `core::fmt`: a
// table of numbers spent more time formatting than writing.
macro_rules! integer_views {
    ($($variant:ident as $wide:ty: $($t:ty),*;)*) => {$($(
        impl IntoView for $t {
            fn render(self, out: &mut Html) {
                out.$variant(self as $wide)
            }
        }
    )*)*};
}
integer_views! {
    int as i64: i8, i16, i32, i64, isize;
    uint as u64: u8, u16, u32, u64, usize;
}

impl<V: IntoView> IntoView for Option<V> {
    fn render(self, out: &mut Html) {
        if let Some(v) = self {
            v.render(out)
        }
    }
}

impl<V: IntoView> IntoView for Vec<V> {
    fn render(self, out: &mut Html) {
        for v in self {
            v.render(out)
        }
    }
}

/// A signal in text position renders its value as bound text
/// (protocol.md §2), which the browser updates when the signal changes.
/// A string or an integer the browser reads back from that text, so it
/// stays out of the state script (crate::shown).
impl<T: Display + 'static> IntoView for Signal<T> {
    fn render(self, out: &mut Html) {
        scope::bind_slot(self.id(), |value: &T| match Shown::of(value) {
            Some(shown) => out.bound_shown(self.id(), &shown),
            None => {
                out.bound_text(self.id(), value);
                false
            }
        })
    }
}
