//! [`use_action`]: one server-function call site as signals the page binds
//! to (`pending`, `value`, `error`), and [`Action::dispatch`], which runs a
//! call and keeps them up to date.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use serde::Serialize;

use crate::server_fn::ServerFnError;
use crate::signal::{use_signal, Signal};

/// The state of one server-function call site, as signals the page binds to.
///
/// An `Action` is `Copy`, so a handler captures it whole and dispatches a
/// call of a `#[server]` function through it: `dispatch` sets `pending`,
/// makes the call, writes the outcome (`Ok` sets `value` and clears
/// `error`; `Err` sets `error` to the message and keeps `value`) and clears
/// `pending`:
///
/// ```
/// use resuma::prelude::*;
///
/// #[server]
/// async fn roll_dice(sides: i32) -> Result<i32, ServerFnError> { Ok(sides / 2) }
///
/// #[component]
/// fn Roller() -> impl IntoView {
///     let roll = use_action(0);
///     view! {
///         <button onClick={move |_| roll.dispatch(roll_dice(6))} disabled={roll.pending}>"Roll"</button>
///         <output>{roll.value}</output>
///         <p role="alert">{roll.error}</p>
///     }
/// }
/// # let html = resuma::render_to_string(|| view! { <Roller /> });
/// # assert!(html.contains("<output><!--r:n-->0</output>"), "{html}");
/// ```
///
/// In the browser the call starts when `dispatch` runs, awaited or not;
/// awaiting it gives the call's `Result`, after the signals are written:
///
/// ```
/// # use resuma::prelude::*;
/// # #[server]
/// # async fn roll_dice(sides: i32) -> Result<i32, ServerFnError> { Ok(sides / 2) }
/// # #[component]
/// # fn Roller() -> impl IntoView {
/// let roll = use_action(0);
/// let sixes = use_signal(0);
/// view! {
///     <button onClick={move |_| {
///         if let Ok(6) = roll.dispatch(roll_dice(6)).await {
///             sixes.update(|n| *n += 1);
///         }
///     }}>"Roll"</button>
///     <p>{sixes} " sixes"</p>
/// }
/// # }
/// # let _ = resuma::render_to_string(|| view! { <Roller /> });
/// ```
///
/// When dispatches of one action overlap, the one started last wins: an
/// older call's answer is not written (its `Result` is still returned to
/// its own handler), and `pending` stays `true` until the newest call is
/// answered (protocol.md §8).
///
/// The fields are plain signals: destructure the action
/// (`let Action { pending, .. } = roll;`) to read or set one in a handler.
pub struct Action<T: 'static> {
    /// `true` while a call is in flight.
    pub pending: Signal<bool>,
    /// The last successful result.
    pub value: Signal<T>,
    /// The last error's message; empty when the last call succeeded.
    pub error: Signal<String>,
}

// By hand: derived impls would require `T: Copy`, and an action of a
// `String` or a `Vec` is as `Copy` as its signals are.
impl<T> Clone for Action<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Action<T> {}

impl<T> fmt::Debug for Action<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Action")
            .field("pending", &self.pending)
            .field("value", &self.value)
            .field("error", &self.error)
            .finish()
    }
}

/// Create the signals of an action whose value starts as `initial`.
pub fn use_action<T: Serialize + 'static>(initial: T) -> Action<T> {
    Action {
        pending: use_signal(false),
        value: use_signal(initial),
        error: use_signal(String::new()),
    }
}

impl<T: Clone + 'static> Action<T> {
    /// Runs `call` — a call of a `#[server]` function, written
    /// `action.dispatch(name(args))` — with the bookkeeping described on
    /// [`Action`].
    ///
    /// In a handler this is translated to the browser's dispatch (the same
    /// request as `name(args).await`); there it starts at once, and `.await`
    /// is only needed for the `Result`. On the server (where handlers never
    /// run) the returned [`Dispatch`] is a future that does the same
    /// bookkeeping on the server's signals when it is polled.
    pub fn dispatch<F>(self, call: F) -> Dispatch<T, F>
    where
        F: Future<Output = Result<T, ServerFnError>>,
    {
        Dispatch {
            action: self,
            call: Box::pin(call),
            started: false,
        }
    }
}

/// A call made through [`Action::dispatch`]; resolves to the call's result
/// once the action's signals hold its outcome.
///
/// Not `#[must_use]`: in a handler, dispatching without awaiting is the
/// ordinary fire-and-forget case.
pub struct Dispatch<T: 'static, F> {
    action: Action<T>,
    call: Pin<Box<F>>,
    started: bool,
}

impl<T: 'static, F> fmt::Debug for Dispatch<T, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dispatch")
            .field("action", &self.action)
            .field("started", &self.started)
            .finish_non_exhaustive()
    }
}

impl<T, F> Future for Dispatch<T, F>
where
    T: Clone + 'static,
    F: Future<Output = Result<T, ServerFnError>>,
{
    type Output = Result<T, ServerFnError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // `Dispatch` is `Unpin` (the call is boxed), so it can be used mutably.
        let this = &mut *self;
        if !this.started {
            this.started = true;
            this.action.pending.set(true);
        }
        let result = ready!(this.call.as_mut().poll(cx));
        match &result {
            Ok(value) => {
                this.action.value.set(value.clone());
                this.action.error.set(String::new());
            }
            Err(e) => this.action.error.set(e.message.clone()),
        }
        this.action.pending.set(false);
        Poll::Ready(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::Waker;

    fn render<R>(f: impl FnOnce() -> R) -> R {
        crate::scope::RenderScope::enter(f).0
    }

    /// Polls `fut` to completion (its calls are ready at once).
    fn block_on<F: Future + Unpin>(mut fut: F) -> F::Output {
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(v) = Pin::new(&mut fut).poll(&mut cx) {
                return v;
            }
        }
    }

    #[test]
    fn dispatch_writes_the_outcome_into_the_signals() {
        let (ok, err) = render(|| {
            let roll = use_action(1);
            assert_eq!(block_on(roll.dispatch(async { Ok(4) })), Ok(4));
            let ok = (roll.pending.get(), roll.value.get(), roll.error.get());
            let failed = roll.dispatch(async { Err(ServerFnError::new("no dice")) });
            assert!(block_on(failed).is_err());
            let err = (roll.pending.get(), roll.value.get(), roll.error.get());
            (ok, err)
        });
        assert_eq!(ok, (false, 4, String::new()));
        assert_eq!(
            err,
            (false, 4, "no dice".to_owned()),
            "an error keeps the value"
        );
    }

    #[test]
    fn pending_is_set_while_the_call_is_in_flight() {
        let seen = render(|| {
            let roll = use_action(0);
            let pending = roll.pending;
            block_on(roll.dispatch(async move { Ok(i32::from(pending.get())) }))
        });
        assert_eq!(seen, Ok(1));
    }

    #[test]
    fn an_action_of_a_non_copy_value_is_copy() {
        fn copy<T: Copy>(_: T) {}
        render(|| copy(use_action(String::from("none yet"))));
    }
}
