// Server-function calls from handlers (docs/protocol.md §8).
//
// rs2js translates `let r = search(q).await;` in a handler into
// `await r.call("search", [q])`, and treats the value as a Rust
// `Result<T, ServerFnError>` in its JSON form: `{Ok: value}` or
// `{Err: {kind, message}}`. So `call` never throws: a refusal, a failing
// function or a network error all come back as `Err`, which the handler
// `match`es and can show in the page.

// The page's CSRF token (<meta name="resuma-csrf">), bound to the session
// cookie; the server refuses state-changing calls without it.
const token = () => document.querySelector('meta[name="resuma-csrf"]')?.content || '';

/**
 * Calls server function `name` with `args`: an array of the arguments by
 * position, or an object of them by name. Resolves to `{Ok: result}` or
 * `{Err: {kind, message, status}}`.
 */
export const call = async (name, args) => {
  let response, body;
  try {
    response = await fetch('/_resuma/action/' + name, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-resuma-csrf': token() },
      body: JSON.stringify(args ?? []),
    });
    body = await response.json();
  } catch (error) {
    // Offline, or a proxy's HTML error page: say what happened.
    const status = response?.status || 0;
    return { Err: { kind: 'network', message: `${name}: ${status ? `HTTP ${status}, response is not JSON` : error.message}`, status } };
  }
  if (response.ok) return { Ok: body };
  const { kind = 'http', message = `${name}: HTTP ${response.status}` } = body?.error || {};
  return { Err: { kind, message, status: response.status } };
};
