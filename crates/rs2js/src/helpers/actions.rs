//! Helpers for server-function calls: `$dispatch`, the browser half of
//! `resuma::Action::dispatch` (protocol.md §8).
//!
//! It lives in the chunk, not in core, so only pages that dispatch pay for
//! it; core lends it `r.call` and `r.signal`.

/// The JS body of helper `$name` (what follows `const $name = `).
pub(super) fn body(name: &str) -> Option<&'static str> {
    Some(match name {
        // `action` is the captured action: a client signal whose value is
        // the ids `[pending, value, error]`. The newest dispatch's ticket is
        // kept on the `pending` signal, the one object every capture of the
        // action shares (whatever chunk it is in), so only the call started
        // last writes its answer; older ones still resolve to their result.
        "dispatch" => {
            r#"async (r, action, name, args) => {
  const [pending, value, error] = action.get().map(id => r.signal(id));
  const ticket = pending.newest = (pending.newest || 0) + 1;
  pending.set(true);
  const result = await r.call(name, args);
  if (pending.newest === ticket) {
    if ("Ok" in result) {
      value.set(result.Ok);
      error.set("");
    } else error.set(result.Err.message);
    pending.set(false);
  }
  return result;
}"#
        }
        _ => return None,
    })
}
