// Bad input to the counter's server functions over plain HTTP, outside the
// browser: each refusal is the 4xx JSON error of protocol.md §8, before the
// function runs. run.mjs runs these against the native server and again
// against the wasi:http component ([wasi]), which must answer the same.
// Skipped with --fixture (they need the Rust server).

import { request } from 'node:http';
import { test, assert, assertEqual } from './lib/harness.mjs';

/** One raw HTTP/1.1 request on a fresh connection: { status, headers, body }. */
function send(url, { method = 'GET', path = '/', headers = {}, body = '' } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    // A connection of its own (agent: false): a server may close one after
    // refusing a body it did not read, and a reused socket would hang up.
    const req = request({ host: hostname, port, method, path, agent: false, headers: { host: `${hostname}:${port}`, ...headers } }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A visitor's session: the cookie the first page sets and its CSRF token. */
async function visit(url) {
  const page = await send(url);
  assertEqual(page.status, 200, 'page status');
  const cookie = String(page.headers['set-cookie']).split(';')[0];
  const token = /<meta name="resuma-csrf" content="([0-9a-f]+)">/.exec(page.body)?.[1];
  assert(cookie && token, 'the page starts a session with a CSRF token');
  return { cookie, token, origin: url };
}

/** A same-origin JSON call of `name`, as a translated handler sends it, with `change` applied. */
function call(url, session, name, { body = '[]', headers = {}, method = 'POST' } = {}) {
  return send(url, {
    method,
    path: `/_resuma/action/${name}`,
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-resuma-csrf': session.token, origin: session.origin, ...headers },
    body,
  });
}

function assertJsonError(response, status, kind, what) {
  assertEqual(response.status, status, `${what}: status`);
  assert(/^application\/json/.test(response.headers['content-type'] || ''), `${what}: a JSON error, got ${response.headers['content-type']}`);
  let parsed;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    throw new Error(`${what}: not JSON: ${response.body.slice(0, 200)}`);
  }
  assertEqual(parsed.error?.kind, kind, `${what}: kind`);
  assert(typeof parsed.error.message == 'string' && parsed.error.message.length > 0, `${what}: a message`);
}

if (!process.argv.includes('--fixture')) {
  test('http: a valid call succeeds, and CSRF, Origin and method refusals are JSON 403/405', async ({ app }) => {
    const session = await visit(app.url);
    const ok = await call(app.url, session, 'flaky');
    assertEqual(ok.status, 200, `valid call: ${ok.body}`);
    assertJsonError(await call(app.url, session, 'flaky', { headers: { 'x-resuma-csrf': '' } }), 403, 'csrf', 'no token');
    assertJsonError(await call(app.url, session, 'flaky', { headers: { 'x-resuma-csrf': '0'.repeat(64) } }), 403, 'csrf', 'a forged token');
    assertJsonError(await call(app.url, session, 'flaky', { headers: { cookie: '' } }), 403, 'csrf', 'no session cookie');
    assertJsonError(await call(app.url, session, 'flaky', { headers: { origin: 'https://evil.example' } }), 403, 'origin', 'a foreign Origin');
    const get = await call(app.url, session, 'flaky', { method: 'GET', body: '' });
    assertJsonError(get, 405, 'method_not_allowed', 'GET of a POST function');
  });

  test('http: malformed, mistyped, oversized and unknown calls are JSON 400/413/415/422/404', async ({ app }) => {
    const session = await visit(app.url);
    assertJsonError(await call(app.url, session, 'sign_guestbook', { body: '{"name": ' }), 400, 'bad_request', 'truncated JSON');
    assertJsonError(await call(app.url, session, 'sign_guestbook', { body: '{"name": 5}' }), 422, 'invalid_argument', 'a number for a string');
    assertJsonError(await call(app.url, session, 'sign_guestbook', { body: '{"nom": "x"}' }), 422, 'invalid_argument', 'an unknown argument');
    // Refused on the declared length, before the body is read (protocol.md
    // §8's order); sending all 70 KiB would race the server's early answer.
    const declared = { 'content-length': String(70 * 1024) };
    assertJsonError(await call(app.url, session, 'sign_guestbook', { body: '{}', headers: declared }), 413, 'payload_too_large', 'a declared 70 KiB body');
    assertJsonError(await call(app.url, session, 'flaky', { headers: { 'content-type': 'text/xml' }, body: '<a/>' }), 415, 'unsupported_media_type', 'XML');
    assertJsonError(await call(app.url, session, 'no_such_function'), 404, 'not_found', 'an unknown function');
  });

  test('http: a request for another host is refused (421) and an unknown asset is a 404', async ({ app }) => {
    const other = await send(app.url, { headers: { host: 'evil.example' } });
    assertEqual(other.status, 421, 'foreign Host header');
    const asset = await send(app.url, { path: '/_resuma/h000000000000.js' });
    assertEqual(asset.status, 404, 'unknown chunk');
    // The page itself still answers: nothing above broke the server.
    assertEqual((await send(app.url)).status, 200, 'page after the attacks');
  });
}
