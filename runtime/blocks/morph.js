// Bring an existing DOM subtree in line with a freshly rendered one of the
// same template, touching only what differs. Used when a list row's item
// changes: the row's nodes stay (focus, selection and listeners survive)
// and only changed text and attributes are written.
//
// Attributes are read by name (getAttributeNames/getAttribute), never
// through `.attributes`: iterating that creates an Attr object per
// attribute, which Blink then keeps on the element for its lifetime.

/**
 * Once edited, an input shows its properties, not its attributes: make
 * them follow the (just written) attributes again. Only inputs that hold a
 * typed value get `.value` set: on a checkbox, radio, hidden or button
 * input the property *is* the attribute, and setting it would add a
 * `value=""` the markup never had (a checkbox would then submit "" rather
 * than "on").
 */
const NO_VALUE = new Set(['checkbox', 'radio', 'hidden', 'file', 'submit', 'reset', 'button', 'image']);
export const syncInput = input => {
  input.checked = input.hasAttribute('checked');
  if (!NO_VALUE.has(input.type)) {
    const value = input.getAttribute('value') ?? '';
    if (input.value != value) input.value = value;
  }
};

export const morph = (node, fresh) => {
  if (node.nodeType != fresh.nodeType || node.nodeName != fresh.nodeName) return node.replaceWith(fresh);
  if (node.nodeType != 1) {
    if (node.data != fresh.data) node.data = fresh.data;
    return;
  }
  for (const name of fresh.getAttributeNames()) {
    const value = fresh.getAttribute(name);
    if (node.getAttribute(name) !== value) node.setAttribute(name, value);
  }
  for (const name of node.getAttributeNames()) if (!fresh.hasAttribute(name)) node.removeAttribute(name);
  if (node.localName == 'input') syncInput(node);
  if (node.childNodes.length != fresh.childNodes.length) return node.replaceChildren(...fresh.childNodes);
  // Walk both child lists together; a child may be replaced by its fresh
  // counterpart, so the next siblings are taken first.
  for (let kid = node.firstChild, freshKid = fresh.firstChild; kid; ) {
    const nextKid = kid.nextSibling, nextFresh = freshKid.nextSibling;
    morph(kid, freshKid);
    kid = nextKid;
    freshKid = nextFresh;
  }
};
