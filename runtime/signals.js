// Client signals: the browser half of `resuma::Signal` (crates/resuma/src/signal.rs),
// with the same four methods and meanings (docs/protocol.md §6).

import { initialValue } from './state.js';
import { notify } from './bindings.js';

// id -> signal. One object per id, so every handler sees the same value.
const signals = {};

// Creates the signal for `id`, starting from the page's state.
const create = id => {
  let value = initialValue(id);
  const write = next => {
    value = next;
    notify(id, value);
  };
  return {
    /** The current value. */
    get: () => value,
    /** Replaces the value and updates the bound nodes. */
    set: write,
    /**
     * Replaces the value with `fn(value)`. Always notifies, even when `fn`
     * returns the same object mutated in place: for a list or a struct that
     * mutation is the change.
     */
    update: fn => write(fn(value)),
    /** `fn(value)`, for reading part of a value without copying it. */
    with: fn => fn(value),
  };
};

/** The signal with id `id` (created on first use). */
export const signal = id => (signals[id] ||= create(id));
