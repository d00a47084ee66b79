// The type picker: a searchable combobox (ARIA 1.2 pattern) over the engine's type table,
// with human labels, the API's five types first, a one-line help and an example each. Typing
// filters the list and keeps the focus in the box; Enter or a click picks the active type.

import { labelOf } from './model.js';

const GROUP_LABELS = { api: 'API types', extended: 'Extended', guard: 'Guards and control' };
const GROUP_ORDER = ['api', 'extended', 'guard'];

let uid = 0;

/**
 * Builds a picker. `types`: TypeInfo[] from the engine; `examples`: name -> example text;
 * `onPick(name)` is called when a type is chosen. Returns {root, input, setValue(name)}.
 */
export function createPicker({ id, label, describedBy, types, examples, value, onPick }) {
  const listId = `${id}-list`;
  const ordered = GROUP_ORDER.flatMap((g) => types.filter((t) => t.group === g));
  const input = document.createElement('input');
  Object.assign(input, { id, type: 'text', className: 'type-input', spellcheck: false, autocomplete: 'off' });
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listId);
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-label', label);
  if (describedBy) input.setAttribute('aria-describedby', describedBy);
  const list = document.createElement('ul');
  list.id = listId;
  list.className = 'type-list';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', `${label}: choices`);
  list.hidden = true;
  const root = document.createElement('div');
  root.className = 'picker';
  root.append(input, list);

  let current = value;
  let shown = []; // names in the open list, in order
  let active = -1;

  const display = (name) => (name === '' ? '' : types.some((t) => t.name === name) ? labelOf(name) : name);
  input.value = display(current);
  input.placeholder = 'choose a type';

  function matches(query) {
    const q = query.trim().toLowerCase();
    if (!q) return ordered;
    const score = (t) => {
      const l = labelOf(t.name).toLowerCase();
      if (l === q || t.name === q) return -1;
      if (l.startsWith(q) || t.name.startsWith(q)) return 0;
      if (l.includes(q) || t.name.includes(q.replace(/ /g, '_'))) return 1;
      if (t.summary.toLowerCase().includes(q)) return 2;
      return 3;
    };
    return ordered
      .map((t) => [score(t), t])
      .filter(([s]) => s < 3)
      .sort((a, b) => a[0] - b[0])
      .map(([, t]) => t);
  }

  function render(query) {
    const found = matches(query);
    shown = found.map((t) => t.name);
    list.replaceChildren();
    let group = null;
    found.forEach((t, i) => {
      if (!query.trim() && t.group !== group) {
        group = t.group;
        const head = document.createElement('li');
        head.className = 'type-group';
        head.setAttribute('role', 'presentation');
        head.textContent = GROUP_LABELS[t.group] ?? t.group;
        list.append(head);
      }
      const li = document.createElement('li');
      li.id = `${listId}-${++uid}`;
      li.setAttribute('role', 'option');
      li.dataset.type = t.name;
      li.dataset.pos = String(i);
      li.setAttribute('aria-selected', String(t.name === current));
      const name = document.createElement('span');
      name.className = 'type-label';
      name.textContent = labelOf(t.name);
      const code = document.createElement('code');
      code.textContent = t.name;
      const help = document.createElement('span');
      help.className = 'type-help';
      help.textContent = t.summary + (examples[t.name] ? ` ${examples[t.name]}` : '');
      li.append(name, ' ', code, help);
      list.append(li);
    });
    if (!found.length) {
      const none = document.createElement('li');
      none.className = 'type-none';
      none.setAttribute('role', 'presentation');
      none.textContent = 'No type matches.';
      list.append(none);
    }
    setActive(found.length ? Math.max(0, query.trim() ? 0 : shown.indexOf(current)) : -1);
  }

  function setActive(i) {
    active = i;
    for (const li of list.querySelectorAll('[role="option"]')) li.classList.toggle('active', Number(li.dataset.pos) === i);
    const li = list.querySelector(`[role="option"][data-pos="${i}"]`);
    if (li) {
      input.setAttribute('aria-activedescendant', li.id);
      li.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function open(query = '') {
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    render(query);
  }

  function close(restore = true) {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    if (restore) input.value = display(current);
  }

  function pick(name) {
    close(false);
    const changed = name !== current;
    current = name;
    input.value = display(name);
    if (changed) onPick(name);
  }

  input.addEventListener('input', () => open(input.value));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden) return open('');
      if (!shown.length) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + shown.length) % shown.length);
    } else if (e.key === 'Enter') {
      if (!list.hidden && active >= 0) {
        e.preventDefault();
        pick(shown[active]);
      }
    } else if (e.key === 'Escape') {
      if (!list.hidden) {
        e.preventDefault();
        close();
      }
    } else if (e.key === 'Tab') {
      if (!list.hidden) close();
    }
  });
  input.addEventListener('click', () => (list.hidden ? open('') : close()));
  input.addEventListener('blur', () => close());
  list.addEventListener('mousedown', (e) => e.preventDefault()); // keep the focus in the box
  list.addEventListener('click', (e) => {
    const li = e.target.closest('[role="option"]');
    if (li) pick(li.dataset.type);
  });

  return {
    root,
    input,
    setValue(name) {
      current = name;
      if (list.hidden) input.value = display(name);
    },
  };
}
