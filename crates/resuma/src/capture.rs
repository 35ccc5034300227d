//! What a handler closure may capture from the component.

use crate::html::Html;
use crate::server_fn::Action;
use crate::signal::Signal;

/// A value a browser handler can capture: signals, actions, and `Copy`
/// primitives which are serialised into the page state at render time
/// (protocol.md §1).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be captured by a handler that runs in the browser",
    label = "captured here",
    note = "handlers can capture signals, actions (`use_action`) and Copy primitives (integers, floats, bool, char); \
            put other data in a signal with `use_signal` and capture the signal"
)]
pub trait Capture {
    /// The id the browser finds this value under, storing it if needed.
    fn capture_id(&self, out: &mut Html) -> u32;
}

impl<T: 'static> Capture for Signal<T> {
    fn capture_id(&self, _: &mut Html) -> u32 {
        self.id()
    }
}

/// An action crosses as a value: the ids of its signals,
/// `[pending, value, error]`, from which the browser's dispatch finds them
/// (protocol.md §8). The signals go into the page state too, bound or not.
impl<T: 'static> Capture for Action<T> {
    fn capture_id(&self, out: &mut Html) -> u32 {
        let ids = [self.pending.id(), self.value.id(), self.error.id()];
        for id in ids {
            out.reference(id);
        }
        crate::scope::push_slot(ids)
    }
}

macro_rules! capture_by_value {
    ($($t:ty),*) => {$(
        impl Capture for $t {
            fn capture_id(&self, _: &mut Html) -> u32 {
                crate::scope::push_slot(*self)
            }
        }
    )*};
}
capture_by_value!(i8, i16, i32, i64, u8, u16, u32, u64, isize, usize, f32, f64, bool, char);
