// Server-function calls from handlers (docs/protocol.md §8).

/**
 * Calls server function `name` with `args` (an object of arguments by name)
 * and resolves to its JSON result. Rejects with an Error carrying the
 * server's message, `kind` and HTTP `status` when the call fails.
 */
export const call = async (name, args) => {
  const response = await fetch('/_resuma/action/' + name, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page, a truncated body: say what happened.
    throw Object.assign(Error(`${name}: HTTP ${response.status}, response is not JSON`), { status: response.status });
  }
  if (!response.ok) {
    const { kind, message } = body?.error || {};
    throw Object.assign(Error(message || `${name}: HTTP ${response.status}`), { kind, status: response.status });
  }
  return body;
};
