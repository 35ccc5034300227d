//! How the render scope (crate::scope) stores one signal's value.
//!
//! Any `Serialize + 'static` type can be a signal, so values are stored
//! type-erased. Most signals hold a string or a small number, though, and
//! boxing each of them cost one allocation per signal per render (3000 on
//! a table of 1000 rows): those few types are stored inline instead.

use std::any::Any;

/// A value stored in the scope, type-erased, that can serialise itself for
/// the state script.
pub(crate) trait Slot: Any {
    /// Append the value's JSON to `out`, as `serde_json` writes it (an
    /// `f32` keeps its own shortest digits: `0.1`, not `0.100000001…`).
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error>;
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<T: serde::Serialize + 'static> Slot for T {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        serde_json::to_writer(out, self)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// One slot: the common value types inline, any other boxed.
pub(crate) enum SlotValue {
    String(String),
    I32(i32),
    U32(u32),
    I64(i64),
    U64(u64),
    Usize(usize),
    Bool(bool),
    Boxed(Box<dyn Slot>),
}

impl SlotValue {
    /// Store `value`, inline when its type is one of the variants'.
    pub(crate) fn new<T: serde::Serialize + 'static>(value: T) -> SlotValue {
        // A `T` can only be moved out as a concrete type through `Any`,
        // which needs it behind a reference: `Option::take` moves it out.
        let mut value = Some(value);
        let any = &mut value as &mut dyn Any;
        macro_rules! inline {
            ($($variant:ident($t:ty)),*) => {$(
                if let Some(v) = any.downcast_mut::<Option<$t>>() {
                    return SlotValue::$variant(v.take().expect("taken once"));
                }
            )*};
        }
        inline!(
            String(String),
            I32(i32),
            U32(u32),
            I64(i64),
            U64(u64),
            Usize(usize),
            Bool(bool)
        );
        SlotValue::Boxed(Box::new(value.take().expect("taken once")))
    }

    /// The value, for a `downcast_ref` to its type.
    pub(crate) fn as_any(&self) -> &dyn Any {
        match self {
            SlotValue::String(v) => v,
            SlotValue::I32(v) => v,
            SlotValue::U32(v) => v,
            SlotValue::I64(v) => v,
            SlotValue::U64(v) => v,
            SlotValue::Usize(v) => v,
            SlotValue::Bool(v) => v,
            SlotValue::Boxed(v) => v.as_any(),
        }
    }

    /// The value, for a `downcast_mut` to its type.
    pub(crate) fn as_any_mut(&mut self) -> &mut dyn Any {
        match self {
            SlotValue::String(v) => v,
            SlotValue::I32(v) => v,
            SlotValue::U32(v) => v,
            SlotValue::I64(v) => v,
            SlotValue::U64(v) => v,
            SlotValue::Usize(v) => v,
            SlotValue::Bool(v) => v,
            SlotValue::Boxed(v) => v.as_any_mut(),
        }
    }

    /// Append the value's JSON to `out`, as `serde_json` writes it.
    pub(crate) fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        match self {
            SlotValue::Boxed(v) => v.write_json(out),
            SlotValue::String(v) => serde_json::to_writer(out, v),
            SlotValue::I32(v) => serde_json::to_writer(out, v),
            SlotValue::U32(v) => serde_json::to_writer(out, v),
            SlotValue::I64(v) => serde_json::to_writer(out, v),
            SlotValue::U64(v) => serde_json::to_writer(out, v),
            SlotValue::Usize(v) => serde_json::to_writer(out, v),
            SlotValue::Bool(v) => serde_json::to_writer(out, v),
        }
    }
}

/// A value of one of the types most signals hold, read in place through
/// `Any`: what the state script writes without `serde_json`
/// (crate::render) and what the browser can read back from the markup
/// (crate::shown) are decided from this one classification.
pub(crate) enum Scalar<'a> {
    /// A `String` or `&'static str`.
    Str(&'a str),
    /// A signed integer of at most 64 bits.
    Int(i64),
    /// An unsigned integer of at most 64 bits.
    UInt(u64),
    /// A `bool`.
    Bool(bool),
}

impl<'a> Scalar<'a> {
    /// `value` as a scalar, or `None` for any other type.
    pub(crate) fn of(value: &'a dyn Any) -> Option<Scalar<'a>> {
        if let Some(s) = value.downcast_ref::<String>() {
            return Some(Scalar::Str(s));
        }
        if let Some(s) = value.downcast_ref::<&'static str>() {
            return Some(Scalar::Str(s));
        }
        if let Some(b) = value.downcast_ref::<bool>() {
            return Some(Scalar::Bool(*b));
        }
        macro_rules! int {
            ($variant:ident as $wide:ty: $($t:ty),*) => {$(
                if let Some(n) = value.downcast_ref::<$t>() {
                    return Some(Scalar::$variant(*n as $wide));
                }
            )*};
        }
        int!(Int as i64: i32, i64, isize, i8, i16);
        int!(UInt as u64: u32, u64, usize, u8, u16);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::SlotValue;

    #[test]
    fn inline_and_boxed_values_read_back_as_their_type() {
        let string = SlotValue::new("a".to_owned());
        assert!(matches!(string, SlotValue::String(_)));
        assert_eq!(string.as_any().downcast_ref::<String>().unwrap(), "a");
        let mut count = SlotValue::new(7i32);
        *count.as_any_mut().downcast_mut::<i32>().unwrap() += 1;
        assert_eq!(count.as_any().downcast_ref::<i32>(), Some(&8));
        assert!(count.as_any().downcast_ref::<u32>().is_none());
        let list = SlotValue::new(vec![1u8, 2]);
        assert!(matches!(list, SlotValue::Boxed(_)));
        let mut json = Vec::new();
        list.write_json(&mut json).unwrap();
        assert_eq!(json, b"[1,2]");
    }
}
