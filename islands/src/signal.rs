//! Island signals: the server's signal API (`use_signal`, `get`, `set`,
//! `update`, `with`) for Rust running in the browser, plus [`effect`].
//!
//! A Wasm module runs on one thread, so the values live in a thread-local
//! arena and a [`Signal`] is a `Copy` id into it, exactly like the server's
//! handle into its render scope. Reading a signal inside an effect subscribes
//! the effect; `set` and `update` re-run the subscribed effects. `update`
//! always notifies, even when the closure leaves the value equal (an in-place
//! change of a list is a change), as on the server and in the JS core.

use std::any::Any;
use std::cell::RefCell;
use std::marker::PhantomData;
use std::rc::Rc;

use wasm_bindgen::UnwrapThrowExt;

type Value = Rc<RefCell<dyn Any>>;
type EffectFn = Rc<RefCell<dyn FnMut()>>;

struct Runtime {
    values: Vec<Value>,
    /// `subscribers[signal]`: ids of the effects that read it.
    subscribers: Vec<Vec<usize>>,
    effects: Vec<EffectFn>,
    /// The effect running now, which a read subscribes.
    running: Option<usize>,
}

thread_local! {
    // A `const` initialiser: no lazy-initialisation code in the module.
    static RUNTIME: RefCell<Runtime> = const {
        RefCell::new(Runtime {
            values: Vec::new(),
            subscribers: Vec::new(),
            effects: Vec::new(),
            running: None,
        })
    };
}

/// A reactive value owned by the island. `Copy`, so closures take it by value.
pub struct Signal<T> {
    id: usize,
    _type: PhantomData<fn() -> T>,
}

impl<T> Clone for Signal<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Signal<T> {}

/// Create a signal holding `initial`.
pub fn use_signal<T: 'static>(initial: T) -> Signal<T> {
    let value: Value = Rc::new(RefCell::new(initial));
    let id = RUNTIME.with(|rt| {
        let mut rt = rt.borrow_mut();
        rt.values.push(value);
        rt.subscribers.push(Vec::new());
        rt.values.len() - 1
    });
    Signal {
        id,
        _type: PhantomData,
    }
}

impl<T: 'static> Signal<T> {
    /// A clone of the current value.
    pub fn get(&self) -> T
    where
        T: Clone,
    {
        self.with(T::clone)
    }

    /// Replace the value and notify.
    pub fn set(&self, value: T) {
        self.update(|slot| *slot = value);
    }

    /// Change the value in place, then notify (always).
    pub fn update(&self, f: impl FnOnce(&mut T)) {
        // Writing does not subscribe: an effect may set a signal it does not read.
        let value = RUNTIME.with(|rt| rt.borrow().values[self.id].clone());
        {
            let mut borrowed = value.borrow_mut();
            f(borrowed.downcast_mut::<T>().unwrap_throw());
        }
        notify(self.id);
    }

    /// Borrow the value without cloning it. Inside an [`effect`], this
    /// subscribes the effect to the signal.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        let value = self.tracked();
        let borrowed = value.borrow();
        f(borrowed.downcast_ref::<T>().unwrap_throw())
    }

    /// The value's cell, after subscribing the running effect (if any). The
    /// runtime is borrowed only here, so `f` may read other signals.
    fn tracked(&self) -> Value {
        RUNTIME.with(|rt| {
            let mut rt = rt.borrow_mut();
            if let Some(effect) = rt.running {
                let subscribers = &mut rt.subscribers[self.id];
                if !subscribers.contains(&effect) {
                    subscribers.push(effect);
                }
            }
            rt.values[self.id].clone()
        })
    }
}

/// Run `f` now and again whenever a signal it read changes. Used to keep the
/// DOM in step with signals (see [`crate::bind_text`]). An effect must not
/// set a signal it reads.
pub fn effect(f: impl FnMut() + 'static) {
    let f: EffectFn = Rc::new(RefCell::new(f));
    let id = RUNTIME.with(|rt| {
        let mut rt = rt.borrow_mut();
        rt.effects.push(f);
        rt.effects.len() - 1
    });
    run_effect(id);
}

fn run_effect(id: usize) {
    let (f, previous) = RUNTIME.with(|rt| {
        let mut rt = rt.borrow_mut();
        let previous = rt.running.replace(id);
        (rt.effects[id].clone(), previous)
    });
    (f.borrow_mut())();
    RUNTIME.with(|rt| rt.borrow_mut().running = previous);
}

fn notify(signal: usize) {
    let effects = RUNTIME.with(|rt| rt.borrow().subscribers[signal].clone());
    for effect in effects {
        run_effect(effect);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn get_set_update_with_match_the_server() {
        let count = use_signal(1);
        count.set(count.get() + 1);
        count.update(|n| *n *= 10);
        assert_eq!(count.with(|n| n.to_string()), "20");
    }

    #[test]
    fn effects_rerun_on_change_and_update_always_notifies() {
        let list = use_signal(vec![1]);
        let runs = Rc::new(Cell::new(0));
        let seen = Rc::new(Cell::new(0));
        let (r, s) = (runs.clone(), seen.clone());
        effect(move || {
            r.set(r.get() + 1);
            s.set(list.with(|l| l.len()));
        });
        assert_eq!((runs.get(), seen.get()), (1, 1));
        list.update(|l| l.push(2));
        assert_eq!((runs.get(), seen.get()), (2, 2));
        // Leaving the value equal still notifies, as on the server and in the JS core.
        list.update(|_| {});
        assert_eq!(runs.get(), 3);
    }

    #[test]
    fn an_effect_may_set_a_signal_it_does_not_read() {
        let text = use_signal(String::from("a b"));
        let words = use_signal(0usize);
        effect(move || words.set(text.with(|t| t.split_whitespace().count())));
        let shown = Rc::new(Cell::new(0));
        let s = shown.clone();
        effect(move || s.set(words.get()));
        assert_eq!(shown.get(), 2);
        text.set("one two three".into());
        assert_eq!(shown.get(), 3);
    }
}
