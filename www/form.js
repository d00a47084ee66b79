// The transform list: one row per transform (number, type picker, the fields its type uses,
// its errors and warnings, then move/duplicate/remove, in that order for both the eye and the
// Tab key). Rows are rebuilt only when the list's shape changes; typing updates in place.

import { FIELDS, blank } from './model.js';
import { createPicker } from './picker.js';

const ICONS = {
  up: 'M12 19V5M5 12l7-7 7 7',
  down: 'M12 5v14M19 12l-7 7-7-7',
  duplicate: 'M9 9h11v11H9zM5 15H4V4h11v1',
  remove: 'M6 6l12 12M18 6L6 18',
};

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

function icon(action) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(NS, 'path');
  path.setAttribute('d', ICONS[action]);
  svg.append(path);
  return svg;
}

export class Form {
  /**
   * `types`: Map name -> TypeInfo (the engine's table); `examples`: name -> text;
   * `edit(mutate, {key, rerender, focus})`: apply an edit to the document (the app records
   * it for undo, re-analyses and re-renders); `nearestType(name)`: the engine's typo fix.
   */
  constructor({ types, examples, edit, nearestType }) {
    this.types = types;
    this.examples = examples;
    this.edit = edit;
    this.nearestType = nearestType;
    this.list = document.querySelector('#list');
    this.doc = null;
    this.list.addEventListener('click', (e) => this.onClick(e));
    this.list.addEventListener('input', (e) => this.onInput(e));
  }

  render(doc) {
    this.doc = doc;
    this.list.replaceChildren(...doc.transforms.map((item, i) => this.row(item, i)));
    const empty = document.querySelector('#empty-list');
    empty.hidden = doc.transforms.length > 0;
    empty.textContent = doc.listNull
      ? 'No transforms: caller_id_transforms is null. Every number passes through unchanged.'
      : 'No transforms: every number passes through unchanged.';
  }

  row(item, i) {
    const info = this.types.get(item.type);
    const n = i + 1;
    const group = info ? info.group : 'unknown';
    const picker = createPicker({
      id: `t${i}-type`,
      label: `Transform ${n}, type`,
      describedBy: `t${i}-type-help t${i}-type-msgs t${i}-row-msgs`,
      types: [...this.types.values()],
      examples: this.examples,
      value: item.whole !== undefined ? '' : item.type,
      onPick: (name) => this.pickType(i, name),
    });
    const help = el('span', { class: 'type-summary', id: `t${i}-type-help`, text: this.helpOf(item) });
    const li = el(
      'li',
      { class: `transform group-${group}`, dataset: { index: String(i) } },
      el(
        'div',
        { class: 'row-main' },
        el('div', { class: 'row-head' }, el('span', { class: 'idx', 'aria-hidden': 'true', text: String(n) }), picker.root, help),
        el('div', { class: 'msgs type-msgs', id: `t${i}-type-msgs`, dataset: { msgs: 'type' } }),
        el('div', { class: 'fields' }, ...this.fieldBoxes(item, i)),
        this.keptMembers(item, i),
        el('div', { class: 'msgs row-msgs', id: `t${i}-row-msgs`, dataset: { msgs: 'row' } }),
      ),
      el(
        'div',
        { class: 'row-actions' },
        this.action('up', `Move transform ${n} up`, i === 0),
        this.action('down', `Move transform ${n} down`, i === this.doc.transforms.length - 1),
        this.action('duplicate', `Duplicate transform ${n}`),
        this.action('remove', `Remove transform ${n}`),
      ),
    );
    li.picker = picker;
    return li;
  }

  helpOf(item) {
    if (item.whole !== undefined) return 'Not a transform object: choose a type to replace it.';
    const info = this.types.get(item.type);
    if (info) return info.summary;
    return item.type === '' ? 'Choose a type.' : 'Unknown type: choose one from the list.';
  }

  action(name, label, disabled = false) {
    return el('button', { type: 'button', class: `icon act-${name}`, 'aria-label': label, title: label, dataset: { action: name }, disabled }, icon(name));
  }

  fieldBoxes(item, i) {
    if (item.whole !== undefined) return [el('code', { class: 'whole', text: JSON.stringify(item.whole) })];
    const info = this.types.get(item.type);
    return FIELDS.filter((f) => {
      if (info) return info[f].use !== 'unused' || item[f] !== '' || f in item.raw;
      return item[f] !== '' || f in item.raw; // unknown type: only what it holds
    }).map((f) => this.fieldBox(item, i, f));
  }

  fieldBox(item, i, field) {
    const info = this.types.get(item.type)?.[field];
    const use = info?.use ?? (this.types.has(item.type) ? 'unused' : 'unknown');
    const id = `t${i}-${field}`;
    const hint =
      use === 'unknown' ? 'kept as it is until the type is known' : use === 'unused' ? 'not used by this type' : info.hint;
    const input = el('input', {
      id,
      type: 'text',
      class: 'field-input',
      placeholder: info?.placeholder ? `e.g. ${info.placeholder}` : undefined,
      spellcheck: 'false',
      autocomplete: 'off',
      inputmode: field === 'number' ? 'numeric' : undefined,
      'aria-describedby': use === 'required' || use === 'unused' ? `${id}-msgs ${id}-req ${id}-hint` : `${id}-msgs ${id}-hint`,
      dataset: { field },
    });
    input.value = item[field];
    if (field in item.raw) input.classList.add('raw');
    return el(
      'div',
      { class: `field field-${field} use-${use}`, dataset: { field } },
      el(
        'div',
        { class: 'field-head' },
        el('label', { for: id }, el('span', { class: 'sr-only', text: `Transform ${i + 1}, ` }), el('span', { class: 'fname', text: field })),
        use === 'required' ? el('span', { class: 'req', id: `${id}-req`, text: 'required' }) : null,
        use === 'unused' ? el('span', { class: 'req unused', id: `${id}-req`, text: 'unused' }) : null,
      ),
      input,
      el('span', { class: 'hint', id: `${id}-hint`, text: hint }),
      el('div', { class: 'msgs', id: `${id}-msgs`, dataset: { msgs: field } }),
    );
  }

  /** Members the form does not edit (kept as pasted): each with a button to remove it. */
  keptMembers(item, i) {
    const keys = Object.keys(item.extra);
    if (!keys.length) return null;
    return el(
      'ul',
      { class: 'kept', 'aria-label': `Transform ${i + 1}, other members` },
      ...keys.map((k) =>
        el(
          'li',
          {},
          el('code', { text: `"${k}": ${JSON.stringify(item.extra[k])}` }),
          el('button', { type: 'button', class: 'fix', dataset: { action: 'drop-member', member: k }, 'aria-label': `Remove member ${k} from transform ${i + 1}` }, `Remove “${k}”`),
        ),
      ),
    );
  }

  pickType(i, name) {
    this.edit(
      (doc) => {
        const item = doc.transforms[i];
        const info = this.types.get(name);
        item.stash ??= {};
        if (item.whole !== undefined) Object.assign(item, blank(), { whole: undefined });
        item.type = name;
        delete item.raw.type;
        // Keep what the new type also uses; put the rest aside (restored if a type that uses
        // it comes back), so nothing is silently sent and nothing is lost.
        for (const f of FIELDS) {
          if (info && info[f].use === 'unused') {
            if (item[f] !== '' || f in item.raw) item.stash[f] = { text: item[f], raw: item.raw[f], hasRaw: f in item.raw };
            item[f] = '';
            delete item.raw[f];
          } else if (info && item[f] === '' && !(f in item.raw) && item.stash[f]) {
            const s = item.stash[f];
            item[f] = s.text;
            if (s.hasRaw) item.raw[f] = s.raw;
            delete item.stash[f];
          }
        }
      },
      { key: null, rerender: 'row', index: i },
    );
  }

  /** Rebuilds one row's fields after its type changed, keeping the picker (and the focus). */
  refreshRow(i) {
    const li = this.list.children[i];
    const item = this.doc.transforms[i];
    if (!li || !item) return;
    const info = this.types.get(item.type);
    li.className = `transform group-${info ? info.group : 'unknown'}`;
    li.querySelector('.fields').replaceChildren(...this.fieldBoxes(item, i));
    li.querySelector('.type-summary').textContent = this.helpOf(item);
    li.querySelector('.kept')?.remove();
    const kept = this.keptMembers(item, i);
    if (kept) li.querySelector('.row-msgs').before(kept);
    li.picker.setValue(item.type);
  }

  onClick(e) {
    const button = e.target.closest('button[data-action]');
    if (!button) return;
    const i = Number(button.closest('li.transform').dataset.index);
    const count = this.doc.transforms.length;
    const swap = (a, b) => (doc) => {
      const t = doc.transforms;
      [t[a], t[b]] = [t[b], t[a]];
    };
    switch (button.dataset.action) {
      case 'up':
        if (i > 0) this.edit(swap(i - 1, i), { rerender: 'list', focus: [i - 1, i - 1 === 0 ? '.act-down' : '.act-up'] });
        break;
      case 'down':
        if (i < count - 1) this.edit(swap(i, i + 1), { rerender: 'list', focus: [i + 1, i + 1 === count - 1 ? '.act-up' : '.act-down'] });
        break;
      case 'duplicate':
        this.edit((doc) => doc.transforms.splice(i + 1, 0, structuredClone(doc.transforms[i])), { rerender: 'list', focus: [i + 1, '.type-input'] });
        break;
      case 'remove':
        this.edit((doc) => doc.transforms.splice(i, 1), {
          rerender: 'list',
          focus: count > 1 ? [Math.min(i, count - 2), '.act-remove'] : ['add'],
        });
        break;
      case 'drop-member':
        this.edit((doc) => delete doc.transforms[i].extra[button.dataset.member], { rerender: 'row', index: i, focus: [i, '.type-input'] });
        break;
      case 'use-type':
        this.list.children[i]?.querySelector('.type-input')?.focus();
        this.pickType(i, button.dataset.type);
        break;
    }
  }

  onInput(e) {
    const input = e.target;
    const field = input.dataset.field;
    if (!field) return;
    const i = Number(input.closest('li.transform').dataset.index);
    input.classList.remove('raw');
    this.edit(
      (doc) => {
        const item = doc.transforms[i];
        item[field] = input.value;
        delete item.raw[field];
      },
      { key: `${i}:${field}` },
    );
  }

  focus(spec) {
    if (!spec) return;
    if (spec[0] === 'add') return document.querySelector('#add').focus();
    const [i, selector] = spec;
    const row = this.list.children[i];
    const target = row?.querySelector(selector);
    if (target && !target.disabled) target.focus();
    else row?.querySelector('.type-input')?.focus();
  }

  /** Indents each row by its depth in the engine's guard-block structure. */
  setBlocks(blocks) {
    [...this.list.children].forEach((row, i) => {
      const d = blocks[i]?.depth ?? 0;
      row.style.setProperty('--depth', String(Math.min(d, 8)));
      row.dataset.depth = String(d);
    });
  }

  /** Puts each error and warning at its transform and field (unplaceable ones above the list). */
  placeMessages(errors, warnings) {
    const rows = [...this.list.children];
    for (const row of rows) {
      row.classList.remove('has-error', 'has-warning');
      for (const box of row.querySelectorAll('[data-msgs]')) box.replaceChildren();
      for (const input of row.querySelectorAll('input')) input.removeAttribute('aria-invalid');
    }
    const global = document.querySelector('#global-errors');
    global.replaceChildren();
    const place = (kind, entry) => {
      const row = entry.index === null || entry.index === undefined ? null : rows[entry.index];
      if (!row) {
        const where = entry.index === null || entry.index === undefined ? '' : `Transform ${entry.index + 1}: `;
        global.append(message(kind, { ...entry, message: where + entry.message }));
        return;
      }
      row.classList.add(kind === 'error' ? 'has-error' : 'has-warning');
      const field = entry.field ?? null;
      let box = field ? row.querySelector(`[data-msgs="${field}"]`) : null;
      const target = box ?? row.querySelector('[data-msgs="row"]');
      const msg = message(kind, { ...entry, placed: Boolean(box) });
      if (entry.kind === 'unknown_type') {
        const near = this.nearestType(this.doc.transforms[entry.index].type);
        if (near) {
          msg.append(' ', el('button', { type: 'button', class: 'fix', dataset: { action: 'use-type', type: near } }, `Use ${near}`));
        }
      }
      target.append(msg);
      if (kind === 'error') {
        const input = field === 'type' || !box ? row.querySelector('.type-input') : row.querySelector(`input[data-field="${field}"]`);
        input?.setAttribute('aria-invalid', 'true');
      }
    };
    errors.forEach((e) => place('error', e));
    warnings.forEach((w) => place('warning', w));
    global.hidden = !global.children.length;
  }
}

function message(kind, entry) {
  const where = entry.field && !entry.placed ? `${entry.field}: ` : '';
  const code = entry.code ? el('span', { class: 'code', text: entry.code.replace(/_/g, ' ') }) : null;
  const multiline = entry.message.includes('\n') ? ' multiline' : '';
  return el(
    'p',
    { class: `msg ${kind}${multiline}`, dataset: { kind: entry.kind ?? entry.code ?? '' } },
    el('span', { class: 'sr-only', text: kind === 'error' ? 'Error: ' : 'Warning: ' }),
    code,
    `${where}${entry.message}`,
  );
}
