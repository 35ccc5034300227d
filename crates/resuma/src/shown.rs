//! Signal values the browser reads back from the markup instead of the state
//! script (protocol.md §5, "Values the markup shows").
//!
//! A bound text region shows its signal's value as text, and a bound
//! attribute shows it as the attribute's value. For a string or an integer
//! that text is the value itself, so the state script does not need to carry
//! it a second time: the runtime reads it from the DOM as it scans the page,
//! before anything has changed the markup. Every other type (floats, whose
//! text does not always give the same number back, booleans, options,
//! structs, …) stays in the state.

use crate::slot::Scalar;

/// A value bound into the markup, seen as the browser will read it back.
pub(crate) enum Shown<'a> {
    /// A string: the text region's text or the attribute's value, exactly.
    Str(&'a str),
    /// A signed integer, shown in decimal.
    Int(i64),
    /// An unsigned integer, shown in decimal.
    UInt(u64),
}

impl<'a> Shown<'a> {
    /// `value` as the markup shows it, if the browser can read it back
    /// exactly; `None` keeps the value in the state script.
    pub(crate) fn of<T: 'static>(value: &'a T) -> Option<Shown<'a>> {
        match Scalar::of(value)? {
            Scalar::Str(s) => Shown::string(s),
            Scalar::Int(n) => Some(Shown::Int(n)),
            Scalar::UInt(n) => Some(Shown::UInt(n)),
            // The runtime reads back strings and numbers only.
            Scalar::Bool(_) => None,
        }
    }

    /// The HTML parser turns a carriage return (alone or before a line feed)
    /// into a line feed and drops or replaces U+0000, in text and in
    /// attribute values alike: a string with either is not shown exactly.
    fn string(s: &'a str) -> Option<Shown<'a>> {
        (!s.bytes().any(|b| b == b'\r' || b == 0)).then_some(Shown::Str(s))
    }

    /// Whether the runtime must turn the text it reads into a number (the
    /// marker's id then ends in `n`, protocol.md §2).
    pub(crate) fn is_number(&self) -> bool {
        !matches!(self, Shown::Str(_))
    }
}

/// Whether the state script may leave a slot out because the markup shows it.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Readback {
    /// Not bound so far: the state keeps it (if the page references it,
    /// e.g. as a handler's capture).
    #[default]
    Unbound,
    /// Every binding so far shows the current value in a form the browser
    /// reads back exactly: the state leaves it out.
    Shown,
    /// The state keeps it: a binding did not show it exactly, or it changed
    /// after it was bound (the markup may show an older value than the one
    /// the browser must start from).
    InState,
}

impl Readback {
    /// After the value was bound into the markup; `exactly`: in a form the
    /// browser reads back ([`Shown::of`] gave `Some`).
    pub(crate) fn bound(self, exactly: bool) -> Readback {
        match self {
            Readback::Unbound | Readback::Shown if exactly => Readback::Shown,
            _ => Readback::InState,
        }
    }

    /// After the value was changed.
    pub(crate) fn changed(self) -> Readback {
        match self {
            Readback::Shown => Readback::InState,
            other => other,
        }
    }
}
