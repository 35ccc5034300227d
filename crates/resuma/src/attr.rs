//! Values of dynamic attributes (`name={expr}` in `view!`).

use crate::html::Html;
use crate::scope;
use crate::shown::Shown;
use crate::signal::Signal;

/// A value that can be written as an attribute.
///
/// Strings and numbers render as `name="value"`; `true` renders the bare
/// name, `false` and `None` render nothing; a [`Signal`] renders its current
/// value the same way and marks the attribute as bound (protocol.md §3).
///
/// ```
/// use resuma::prelude::*;
///
/// let html = resuma::render_to_string(|| {
///     let done = use_signal(true);
///     view! { <input type="checkbox" checked={done} disabled={false} title={"a\"b"} /> }
/// });
/// assert_eq!(html, r#"<input type="checkbox" checked title="a&quot;b" data-r-b="checked=0">"#);
/// ```
pub trait AttrValue {
    /// Write ` name="value"` (or the bare name, or nothing) into `out`.
    fn write_attr(&self, name: &str, out: &mut Html);
}

impl AttrValue for str {
    fn write_attr(&self, name: &str, out: &mut Html) {
        out.attr_str(name, self)
    }
}

impl AttrValue for String {
    fn write_attr(&self, name: &str, out: &mut Html) {
        out.attr_str(name, self)
    }
}

impl<T: AttrValue + ?Sized> AttrValue for &T {
    fn write_attr(&self, name: &str, out: &mut Html) {
        (**self).write_attr(name, out)
    }
}

impl AttrValue for bool {
    fn write_attr(&self, name: &str, out: &mut Html) {
        if *self {
            out.bare_attr(name)
        }
    }
}

impl<T: AttrValue> AttrValue for Option<T> {
    fn write_attr(&self, name: &str, out: &mut Html) {
        if let Some(v) = self {
            v.write_attr(name, out)
        }
    }
}

macro_rules! display_attrs {
    ($($t:ty),*) => {$(
        impl AttrValue for $t {
            fn write_attr(&self, name: &str, out: &mut Html) {
                out.attr(name, self)
            }
        }
    )*};
}
display_attrs!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64, char);

/// A bound string or integer is the attribute's whole value, which the
/// browser reads back, so it stays out of the state script (crate::shown).
impl<T: AttrValue + 'static> AttrValue for Signal<T> {
    fn write_attr(&self, name: &str, out: &mut Html) {
        scope::bind_slot(self.id(), |value: &T| {
            value.write_attr(name, out);
            // The HTML parser lowercases attribute names, and on an SVG or
            // MathML element `getAttribute` does not, so a mixed-case name
            // may not find the attribute again: such a value stays in the
            // state.
            let shown = Shown::of(value).filter(|_| !name.bytes().any(|b| b.is_ascii_uppercase()));
            out.bind_attr(name, self.id(), shown.as_ref().is_some_and(Shown::is_number));
            shown.is_some()
        })
    }
}
