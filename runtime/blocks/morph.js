// Bring an existing DOM subtree in line with a freshly rendered one of the
// same template, touching only what differs. Used when a list row's item
// changes: the row's nodes stay (focus, selection and listeners survive)
// and only changed text and attributes are written.

export const morph = (node, fresh) => {
  if (node.nodeType != fresh.nodeType || node.nodeName != fresh.nodeName) return node.replaceWith(fresh);
  if (node.nodeType != 1) {
    if (node.data != fresh.data) node.data = fresh.data;
    return;
  }
  for (const { name, value } of fresh.attributes) if (node.getAttribute(name) !== value) node.setAttribute(name, value);
  for (const { name } of [...node.attributes]) if (!fresh.hasAttribute(name)) node.removeAttribute(name);
  // Once edited, an input shows its property, not its attribute.
  if (node.tagName == 'INPUT') {
    node.checked = fresh.hasAttribute('checked');
    if (node.value != (fresh.getAttribute('value') ?? '')) node.value = fresh.getAttribute('value') ?? '';
  }
  const kids = node.childNodes, freshKids = [...fresh.childNodes];
  if (kids.length != freshKids.length) return node.replaceChildren(...freshKids);
  freshKids.forEach((kid, i) => morph(kids[i], kid));
};
