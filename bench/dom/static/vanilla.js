// The hand-written baseline: the same operations as the Resuma page, done
// directly on the DOM the way a careful vanilla JS entry of the
// js-framework-benchmark does them: rows cloned from one parsed template,
// only the changed text nodes and class names written, one delegated
// listener for the row links.
'use strict';
{
  // The label generator shared with the Resuma page and run.mjs (a test in
  // src/main.rs checks the copies are identical).
  const A = "bright quiet rapid gentle bold shiny tiny vast humble lucky fuzzy brave calm eager fancy grand jolly noble proud silly witty zesty cozy dusty sleek".split(" "), C = "red orange yellow green blue indigo violet white black grey brown".split(" "), N = "lamp river garden bicycle kettle window ladder pencil rocket teapot violin wagon harbour".split(" "); const label = id => { const h = Math.imul(id, 0x9e3779b1) >>> 0; return A[h % 25] + " " + C[(h >>> 5) % 11] + " " + N[(h >>> 11) % 13]; };

  const tbody = document.getElementById('tbody');
  const rowTemplate = document.createElement('template');
  rowTemplate.innerHTML =
    '<tr><td class="col-md-1"> </td><td class="col-md-4"><a class="lbl"> </a></td>' +
    '<td class="col-md-1"><a class="remove"><span class="remove glyphicon" aria-hidden="true">×</span></a></td>' +
    '<td class="col-md-6"></td></tr>';
  const prototypeRow = rowTemplate.content.firstChild;

  let nextId = 1;
  // data[i] is shown by rows[i]; each row element knows its item as `item`.
  let data = [];
  let rows = [];
  let selected = null;

  const createRow = item => {
    const tr = prototypeRow.cloneNode(true);
    const idCell = tr.firstChild;
    idCell.firstChild.nodeValue = item.id;
    idCell.nextSibling.firstChild.firstChild.nodeValue = item.label;
    tr.item = item;
    return tr;
  };

  // New rows are built in a fragment and inserted in one operation.
  const append = count => {
    const fragment = document.createDocumentFragment();
    for (let i = 0; i < count; i++) {
      const id = nextId++;
      const item = { id, label: label(id) };
      const tr = createRow(item);
      data.push(item);
      rows.push(tr);
      fragment.appendChild(tr);
    }
    tbody.appendChild(fragment);
  };

  const clear = () => {
    tbody.textContent = '';
    data = [];
    rows = [];
    selected = null;
  };

  const replace = count => {
    if (rows.length) clear();
    append(count);
  };

  const update = () => {
    for (let i = 0; i < data.length; i += 10) {
      const item = data[i];
      item.label += ' !!!';
      rows[i].firstChild.nextSibling.firstChild.firstChild.nodeValue = item.label;
    }
  };

  const swap = () => {
    if (rows.length <= 998) return;
    const a = rows[1], b = rows[998];
    const afterB = b.nextSibling;
    tbody.insertBefore(b, a);
    tbody.insertBefore(a, afterB);
    rows[1] = b;
    rows[998] = a;
    [data[1], data[998]] = [data[998], data[1]];
  };

  const select = tr => {
    if (selected) selected.className = '';
    tr.className = 'danger';
    selected = tr;
  };

  const remove = tr => {
    const index = data.indexOf(tr.item);
    tr.remove();
    data.splice(index, 1);
    rows.splice(index, 1);
    if (selected == tr) selected = null;
  };

  const buttons = {
    run: () => replace(1000),
    runlots: () => replace(10000),
    add: () => append(1000),
    update,
    clear,
    swaprows: swap,
  };
  for (const [id, action] of Object.entries(buttons)) document.getElementById(id).addEventListener('click', action);

  tbody.addEventListener('click', event => {
    const link = event.target.closest('a');
    if (!link) return;
    const tr = link.closest('tr');
    if (link.classList.contains('lbl')) select(tr);
    else if (link.classList.contains('remove')) remove(tr);
  });
}
