// Progressive-enhancement forms (docs/protocol.md §13): the handler chunk
// of every `<Form>` (crates/resuma/src/form.rs). `npm run build` minifies it
// into crates/resuma/assets/forms.js; the server registers it as a handler
// chunk named by its content hash, so the loader fetches it on the first
// submit of a page with a form, and pages without forms never do.
//
// The form works without this file: it is a real `<form method="post">`
// that posts to the server function. Here the loader has already called
// preventDefault() (`data-r-prevent:submit`), and we post the same fields
// with fetch instead, then show the outcome in place:
// - success: the result goes into the form's `result` signals (the
//   captures), and the form is reset;
// - failure: the inputs keep what the user typed, the message goes next to
//   its field (`data-r-field-error`) or into the form's alert, and the
//   field is marked aria-invalid and focused.

// The field an error is about, as form.rs `field_of` decides it.
const fieldOf = ({ kind = '', message = '' }) =>
  kind.startsWith('invalid:') ? kind.slice(8) : kind == 'invalid_argument' ? message.match(/^argument `([^`.[]+)/)?.[1] : undefined;

// Show `error` (or clear every message when it is null).
const showError = (form, error) => {
  const field = error && fieldOf(error);
  let shown = false;
  for (const slot of form.querySelectorAll('[data-r-field-error]')) {
    const mine = field != null && slot.getAttribute('data-r-field-error') == field;
    slot.textContent = mine ? error.message : '';
    shown ||= mine;
  }
  for (const input of form.elements) {
    const invalid = field != null && input.name == field;
    invalid ? input.setAttribute('aria-invalid', 'true') : input.removeAttribute('aria-invalid');
    if (invalid) input.focus();
  }
  const alert = form.querySelector('[data-r-form-error]');
  if (alert) alert.textContent = error && !shown ? error.message : '';
};

export const h0 = (results, event) => {
  const form = event.target;
  // A button with `formaction` (e.g. a list row's "delete") posts elsewhere.
  const submitter = event.submitter;
  const url = submitter?.getAttribute('formaction') || form.getAttribute('action');
  // The fields as they are now, even if the post waits for an earlier one.
  const body = new URLSearchParams(new FormData(form, submitter));
  // One post at a time per form, in submit order, so results (whole lists)
  // can never arrive out of order and undo each other.
  return (form.__posts = (form.__posts || Promise.resolve()).then(() => post(form, url, body, results)));
};

const post = async (form, url, body, results) => {
  form.setAttribute('aria-busy', 'true');
  let status = 0, reply;
  try {
    const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    // The CSRF token goes to this site only. A `formaction` (or `action`)
    // naming another origin, e.g. a button injected into the page, gets
    // neither the header nor the form's `_csrf` field.
    url = new URL(url, document.baseURI);
    if (url.origin == location.origin) headers['x-resuma-csrf'] = document.querySelector('meta[name="resuma-csrf"]')?.content || '';
    else body.delete('_csrf');
    const response = await fetch(url, { method: 'POST', headers, body });
    status = response.status;
    reply = await response.json();
  } catch (error) {
    reply = { error: { kind: 'network', message: status ? `The server answered HTTP ${status}.` : 'The server could not be reached.' } };
  }
  form.removeAttribute('aria-busy');
  if (status < 200 || status > 299) return showError(form, reply?.error || { message: `The server answered HTTP ${status}.` });
  showError(form, null);
  // One signal takes the whole result; several take a tuple's elements.
  results.length == 1 ? results[0].set(reply) : results.forEach((signal, i) => signal.set(reply[i]));
  form.reset();
};
