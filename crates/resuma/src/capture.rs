//! What a handler closure may capture from the component.

use crate::html::Html;
use crate::signal::Signal;

/// A value a browser handler can capture: signals, and `Copy` primitives
/// which are serialised into the page state at render time (protocol.md §1).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be captured by a handler that runs in the browser",
    label = "captured here",
    note = "handlers can capture signals and Copy primitives (integers, floats, bool, char); \
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
