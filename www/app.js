// Caller-ID transform preview: a form over the WebAssembly engine.
//
// The engine (www/pkg, built by scripts/build-wasm.sh) is the only source of truth: the type
// table, validation, lint, explanation, results and traces all come from it. This file only
// keeps the form state, renders it, and stores it in the URL hash.

// The engine's functions, bound once the module has loaded (see main).
let compile, lint, validate, types;

const FIELDS = ['value', 'value2', 'number'];
const GROUPS = [
  ['api', 'API types'],
  ['extended', 'Extended'],
  ['guard', 'Guards and control'],
];
const STATUS_TEXT = {
  changed: 'changed',
  unchanged: 'unchanged',
  skipped: 'skipped',
  guard_held: 'guard held',
  guard_failed: 'guard failed',
  stopped: 'stopped',
  not_reached: 'not reached',
  error: 'error',
};

// A useful first view: UK numbers to E.164, as a first-match rule table.
const EXAMPLE_TRANSFORMS = [
  { type: 'if_prefix', value: '+', number: 1 },
  { type: 'stop' },
  { type: 'if_prefix', value: '00', number: 2 },
  { type: 'replace_prefix', value: '00', value2: '+' },
  { type: 'stop' },
  { type: 'remove_chars', value: ' -()' },
  { type: 'to_e164', value: '44', value2: '0' },
];
const DEFAULT_SAMPLES = ['020 7946 0000', '+442079460000', '00331234567', '07700 900123', 'anonymous', ''];

const $ = (sel) => document.querySelector(sel);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k in node && typeof v !== 'string') node[k] = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};

const ui = {
  status: $('#status'),
  summary: $('#summary'),
  globalErrors: $('#global-errors'),
  list: $('#list'),
  emptyList: $('#empty-list'),
  add: $('#add'),
  clear: $('#clear'),
  explain: $('#explain'),
  explainNote: $('#explain-note'),
  samples: $('#samples'),
  results: $('#results tbody'),
  resultsNote: $('#results-note'),
  traceInput: $('#trace-input'),
  traceResult: $('#trace-result'),
  trace: $('#trace tbody'),
  importText: $('#import-text'),
  importButton: $('#import'),
  importMessage: $('#import-message'),
  exportText: $('#export-text'),
  copy: $('#copy'),
  copyMessage: $('#copy-message'),
};

/** type name -> {name, group, summary, value, value2, number}, from the engine. */
let TYPES = new Map();
/** The form: transforms hold strings ('' = empty), samples are lines, selected a sample index. */
let state = { transforms: [], samples: [], selected: 0 };
/** The compiled pipeline for the current form, or null while it has errors. */
let pipeline = null;
/** The hash this page last wrote, so its own updates are not read back. */
let ownHash = '';

// ---------------------------------------------------------------------------------------------
// Wire format <-> form

const text = (v) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** A wire transform object -> a form item (every member a string). */
function fromWire(obj) {
  return {
    type: text(obj.type),
    value: text(obj.value),
    value2: text(obj.value2),
    number: text(obj.number),
  };
}

/** A form item -> the wire object, empty members omitted, `number` as a JSON number if it is one. */
function toWire(item) {
  const out = { type: item.type };
  if (item.value !== '') out.value = item.value;
  if (item.value2 !== '') out.value2 = item.value2;
  const n = item.number.trim();
  if (n !== '') {
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(n) ? Number(n) : NaN;
    out.number = Number.isFinite(num) ? num : item.number; // a non-number is sent as is: the engine says why
  }
  return out;
}

const wireList = () => state.transforms.map(toWire);

/** How many transforms a guard governs, as the form shows it (empty or 0 = 1). */
function governed(item) {
  const n = /^\s*\d+\s*$/.test(item.number) ? parseInt(item.number, 10) : 0;
  return n > 0 ? n : 1;
}

/** Whether a transform is a guard that governs the ones after it (`stop` is in the group but does not). */
function governs(item) {
  const info = TYPES.get(item.type);
  return info?.group === 'guard' && info.number.use !== 'unused';
}

/** Nesting depth of each transform under the guards before it. */
function depths(items) {
  const out = [];
  const ends = []; // index of the last transform each open guard governs
  items.forEach((item, i) => {
    while (ends.length && ends[ends.length - 1] < i) ends.pop();
    out.push(ends.length);
    if (governs(item)) ends.push(i + governed(item));
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// URL hash

function b64urlEncode(str) {
  let bin = '';
  for (const b of new TextEncoder().encode(str)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function b64urlDecode(str) {
  const b64 = str.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

function hashOf(s) {
  return '#s=' + b64urlEncode(JSON.stringify({ transforms: wireList(), samples: s.samples, selected: s.selected }));
}

/** Reads the state from a `#s=...` hash; null if there is none or it cannot be read. */
function stateFromHash(hash) {
  if (!hash.startsWith('#s=')) return null;
  const data = JSON.parse(b64urlDecode(hash.slice(3)));
  if (!data || !Array.isArray(data.transforms)) throw new Error('no transforms');
  const transforms = data.transforms.map((t) => fromWire(t && typeof t === 'object' ? t : {}));
  const samples = Array.isArray(data.samples) ? data.samples.map(text) : DEFAULT_SAMPLES.slice();
  const selected = Number.isInteger(data.selected) && data.selected >= 0 ? data.selected : 0;
  return { transforms, samples, selected };
}

let hashTimer = 0;
let lastWrite = -Infinity;
const HASH_INTERVAL_MS = 120;

function writeHash(push) {
  const hash = hashOf(state);
  ownHash = hash;
  if (location.hash === hash) return;
  lastWrite = performance.now();
  if (push) history.pushState(null, '', hash);
  else history.replaceState(null, '', hash);
}

/**
 * Writes the state into the hash. Edits are written at once, but at most every
 * HASH_INTERVAL_MS (fast typing must not flood the history API: Chromium throttles it); the
 * last edit of a burst is written when the interval ends. `push` writes at once and makes a
 * history entry (import, clear) so Back undoes it.
 */
function saveHash(push = false) {
  if (push) {
    clearTimeout(hashTimer);
    hashTimer = 0;
    writeHash(true);
  } else if (!hashTimer) {
    const wait = lastWrite + HASH_INTERVAL_MS - performance.now();
    if (wait <= 0) writeHash(false);
    else hashTimer = setTimeout(flushHash, wait);
  }
  document.body.dataset.hashPending = String(Boolean(hashTimer));
}

/** Writes a pending edit now (before a history entry, and when the page is left). */
function flushHash() {
  clearTimeout(hashTimer);
  hashTimer = 0;
  writeHash(false);
  document.body.dataset.hashPending = 'false';
}

function loadInitialState() {
  try {
    const s = stateFromHash(location.hash);
    if (s) return s;
  } catch (e) {
    setStatus('The link holds a state this page cannot read; showing the example instead.', 'warn');
  }
  return { transforms: EXAMPLE_TRANSFORMS.map(fromWire), samples: DEFAULT_SAMPLES.slice(), selected: 0 };
}

function setStatus(message, kind = '') {
  ui.status.textContent = message;
  ui.status.className = `status ${kind}`;
  ui.status.hidden = !message;
}

// ---------------------------------------------------------------------------------------------
// The transform list

function typeSelect(item, i) {
  const select = el('select', { class: 'type', id: `t${i}-type`, 'aria-label': `Type of transform ${i + 1}` });
  if (!TYPES.has(item.type)) {
    const label = item.type === '' ? '(choose a type)' : `${item.type} (unknown)`;
    select.append(el('option', { value: item.type, text: label }));
  }
  for (const [group, label] of GROUPS) {
    const og = el('optgroup', { label });
    for (const t of TYPES.values()) {
      if (t.group === group) og.append(el('option', { value: t.name, text: t.name, title: t.summary }));
    }
    select.append(og);
  }
  select.value = item.type;
  return select;
}

function fieldBox(item, i, field) {
  const info = TYPES.get(item.type)?.[field];
  const use = info?.use ?? 'unused';
  const id = `t${i}-${field}`;
  const hint = info?.hint || (use === 'unused' ? 'not used by this type: clear it' : '');
  const input = el('input', {
    id,
    type: 'text',
    class: 'field-input',
    value: item[field],
    placeholder: info?.placeholder || '',
    spellcheck: 'false',
    autocomplete: 'off',
    inputmode: field === 'number' ? 'numeric' : undefined,
    'aria-describedby': `${id}-hint ${id}-msgs`,
    dataset: { field },
  });
  input.value = item[field];
  return el(
    'div',
    { class: `field field-${field} use-${use}`, dataset: { field } },
    el(
      'label',
      { for: id },
      el('span', { class: 'fname', text: field }),
      use === 'required' ? el('span', { class: 'req', text: 'required' }) : null,
      use === 'unused' ? el('span', { class: 'req unused', text: 'unused' }) : null,
    ),
    input,
    el('span', { class: 'hint', id: `${id}-hint`, text: hint }),
    el('div', { class: 'msgs', id: `${id}-msgs`, dataset: { msgs: field } }),
  );
}

const ICONS = {
  up: 'M12 19V5M5 12l7-7 7 7',
  down: 'M12 5v14M19 12l-7 7-7-7',
  duplicate: 'M9 9h11v11H9zM5 15H4V4h11v1',
  remove: 'M6 6l12 12M18 6L6 18',
};

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

function actionButton(action, label, disabled) {
  return el(
    'button',
    { type: 'button', class: `icon act-${action}`, dataset: { action }, 'aria-label': label, title: label, disabled },
    icon(action),
  );
}

function renderRow(item, i, count) {
  const info = TYPES.get(item.type);
  const fields = FIELDS.filter((f) => (info && info[f].use !== 'unused') || item[f] !== '');
  const n = i + 1;
  return el(
    'li',
    { class: `transform group-${info?.group ?? 'unknown'}`, dataset: { index: String(i) } },
    el(
      'div',
      { class: 'row-head' },
      el('span', { class: 'idx', 'aria-hidden': 'true', text: String(n) }),
      typeSelect(item, i),
      el('span', { class: 'type-summary', text: info?.summary ?? '' }),
      el(
        'div',
        { class: 'row-actions', role: 'group', 'aria-label': `Transform ${n}` },
        actionButton('up', `Move transform ${n} up`, i === 0),
        actionButton('down', `Move transform ${n} down`, i === count - 1),
        actionButton('duplicate', `Duplicate transform ${n}`),
        actionButton('remove', `Remove transform ${n}`),
      ),
    ),
    el('div', { class: 'msgs type-msgs', id: `t${i}-type-msgs`, dataset: { msgs: 'type' } }),
    fields.length ? el('div', { class: 'fields' }, ...fields.map((f) => fieldBox(item, i, f))) : null,
    el('div', { class: 'msgs row-msgs', dataset: { msgs: 'row' } }),
  );
}

/** Re-renders the whole list, then runs `focus` (to keep the keyboard where the user was). */
function renderList(focus) {
  const count = state.transforms.length;
  ui.list.replaceChildren(...state.transforms.map((item, i) => renderRow(item, i, count)));
  ui.emptyList.hidden = count > 0;
  analyse();
  if (focus) focus();
}

function focusInRow(i, selector) {
  const row = ui.list.children[i];
  const target = row?.querySelector(selector);
  if (target && !target.disabled) target.focus();
  else row?.querySelector('select')?.focus();
}

function onListClick(event) {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const i = Number(button.closest('li').dataset.index);
  const items = state.transforms;
  switch (button.dataset.action) {
    case 'up':
      if (i === 0) return;
      [items[i - 1], items[i]] = [items[i], items[i - 1]];
      renderList(() => focusInRow(i - 1, i - 1 === 0 ? '.act-down' : '.act-up'));
      break;
    case 'down':
      if (i === items.length - 1) return;
      [items[i + 1], items[i]] = [items[i], items[i + 1]];
      renderList(() => focusInRow(i + 1, i + 1 === items.length - 1 ? '.act-up' : '.act-down'));
      break;
    case 'duplicate':
      items.splice(i + 1, 0, { ...items[i] });
      renderList(() => focusInRow(i + 1, 'select'));
      break;
    case 'remove':
      items.splice(i, 1);
      renderList(() => (items.length ? focusInRow(Math.min(i, items.length - 1), '.act-remove') : ui.add.focus()));
      break;
  }
}

function onListInput(event) {
  const input = event.target;
  const li = input.closest('li');
  if (!li) return;
  const i = Number(li.dataset.index);
  const item = state.transforms[i];
  if (input.matches('select.type')) {
    item.type = input.value;
    const info = TYPES.get(item.type);
    // Fields the new type does not use would be hidden: clear them.
    if (info) for (const f of FIELDS) if (info[f].use === 'unused') item[f] = '';
    renderList(() => ui.list.children[i]?.querySelector('select')?.focus());
  } else if (input.dataset.field) {
    item[input.dataset.field] = input.value;
    analyse();
  }
}

function addTransform() {
  state.transforms.push({ type: 'add_prefix', value: '', value2: '', number: '' });
  renderList(() => ui.list.lastElementChild?.querySelector('select')?.focus());
}

// ---------------------------------------------------------------------------------------------
// Analysis: validation, lint, compile, explanation, results, trace

function errorsOf(e) {
  if (e && Array.isArray(e.errors)) return e.errors;
  return [{ index: null, field: null, kind: 'internal', message: String(e?.message ?? e) }];
}

function message(kind, entry) {
  const where = entry.field && !entry.placed ? `${entry.field}: ` : '';
  const code = entry.code ? el('span', { class: 'code', text: entry.code.replace(/_/g, ' ') }) : null;
  const multiline = entry.message.includes('\n') ? ' multiline' : '';
  return el('p', { class: `msg ${kind}${multiline}`, dataset: { kind: entry.kind ?? entry.code ?? '' } }, code, `${where}${entry.message}`);
}

/** Puts each error and warning at its transform and field. */
function placeMessages(errors, warnings) {
  const rows = [...ui.list.children];
  for (const row of rows) {
    row.classList.remove('has-error', 'has-warning');
    for (const box of row.querySelectorAll('[data-msgs]')) box.replaceChildren();
    for (const input of row.querySelectorAll('input, select')) input.removeAttribute('aria-invalid');
  }
  ui.globalErrors.replaceChildren();
  const place = (kind, entry) => {
    const row = entry.index === null || entry.index === undefined ? null : rows[entry.index];
    if (!row) {
      const where = entry.index === null || entry.index === undefined ? '' : `transform ${entry.index + 1}: `;
      ui.globalErrors.append(message(kind, { ...entry, message: where + entry.message }));
      return;
    }
    row.classList.add(kind === 'error' ? 'has-error' : 'has-warning');
    const field = entry.field ?? null;
    const box = field ? row.querySelector(`[data-msgs="${field}"]`) : null;
    const target = box ?? row.querySelector('[data-msgs="row"]');
    target.append(message(kind, { ...entry, placed: Boolean(box) }));
    if (box && kind === 'error') {
      const input = field === 'type' ? row.querySelector('select.type') : row.querySelector(`input[data-field="${field}"]`);
      input?.setAttribute('aria-invalid', 'true');
    }
  };
  errors.forEach((e) => place('error', e));
  warnings.forEach((w) => place('warning', w));
  ui.globalErrors.hidden = !ui.globalErrors.children.length;
}

function setDepths() {
  const ds = depths(state.transforms);
  [...ui.list.children].forEach((row, i) => {
    row.style.setProperty('--depth', String(Math.min(ds[i], 8)));
    row.dataset.depth = String(ds[i]);
  });
  return ds;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function analyse() {
  const wire = wireList();
  const json = JSON.stringify(wire);
  ui.exportText.value = JSON.stringify(wire, null, 2);
  saveHash();
  setDepths();

  let report;
  try {
    report = lint(json);
  } catch (e) {
    report = { errors: errorsOf(e), warnings: [] };
  }
  const errors = report.errors ?? [];
  const warnings = report.warnings ?? [];

  replacePipeline(null);
  if (!errors.length) {
    try {
      replacePipeline(compile(json));
    } catch (e) {
      errors.push(...errorsOf(e));
    }
  }
  placeMessages(errors, warnings);
  ui.summary.textContent = [
    plural(state.transforms.length, 'transform'),
    errors.length ? plural(errors.length, 'error') : 'valid',
    warnings.length ? plural(warnings.length, 'warning') : null,
  ]
    .filter(Boolean)
    .join(' · ');
  ui.summary.className = `summary ${errors.length ? 'bad' : warnings.length ? 'warn' : 'ok'}`;

  renderExplain();
  renderResults();
  renderTrace();
}

function replacePipeline(next) {
  if (pipeline && pipeline !== next) pipeline.free();
  pipeline = next;
}

function renderExplain() {
  ui.explain.replaceChildren();
  ui.explainNote.hidden = Boolean(pipeline);
  if (!pipeline) return;
  const lines = pipeline.explainLines();
  if (!lines.length) {
    ui.explain.append(el('li', { class: 'muted', text: 'Nothing: the number passes through unchanged.' }));
  }
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    const li = el('li', { text: line.trimStart() });
    const depth = Math.min(Math.round(indent / 3), 8);
    li.style.setProperty('--depth', String(depth));
    li.dataset.depth = String(depth);
    ui.explain.append(li);
  }
}

const shown = (s) => (s === '' ? el('span', { class: 'withheld', text: '(withheld)' }) : el('span', { class: 'num', text: s }));

function renderResults() {
  const samples = state.samples;
  if (state.selected >= samples.length) state.selected = Math.max(0, samples.length - 1);
  ui.results.replaceChildren();
  ui.resultsNote.hidden = Boolean(pipeline) && samples.length > 0;
  if (!pipeline) {
    ui.resultsNote.textContent = 'The configuration has errors: fix them to see results.';
    return;
  }
  if (!samples.length) {
    ui.resultsNote.textContent = 'Type some sample numbers.';
    return;
  }
  const outcomes = pipeline.applyMany(samples);
  outcomes.forEach((out, i) => {
    const failed = 'error' in out && out.error !== undefined;
    const note = failed
      ? `error${out.step === null || out.step === undefined ? '' : ` at transform ${out.step + 1}`}: ${out.error}`
      : out.output === samples[i]
        ? 'unchanged'
        : 'changed';
    const selected = i === state.selected;
    ui.results.append(
      el(
        'tr',
        {
          tabindex: '0',
          class: `${selected ? 'selected' : ''} ${failed ? 'failed' : note}`,
          'aria-current': selected ? 'true' : undefined,
          dataset: { sample: String(i) },
          title: 'Trace this number',
        },
        el('td', { class: 'n', text: String(i + 1) }),
        el('td', { class: 'input' }, shown(samples[i])),
        el('td', { class: 'output' }, failed ? el('span', { class: 'muted', text: '—' }) : shown(out.output)),
        el('td', { class: 'note' }, el('span', { class: `badge ${failed ? 'error' : note}`, text: note })),
      ),
    );
  });
}

function selectSample(i, focus = false) {
  if (i < 0 || i >= state.samples.length) return;
  state.selected = i;
  saveHash();
  renderResults();
  renderTrace();
  if (focus) ui.results.querySelector(`tr[data-sample="${i}"]`)?.focus();
}

function renderTrace() {
  ui.trace.replaceChildren();
  ui.traceResult.replaceChildren();
  ui.traceInput.replaceChildren();
  const sample = state.samples[state.selected];
  if (!pipeline || sample === undefined) {
    ui.traceResult.textContent = pipeline ? 'No sample number to trace.' : 'Fix the errors to see a trace.';
    return;
  }
  ui.traceInput.append('of ', shown(sample));
  const trace = pipeline.trace(sample);
  const ds = depths(state.transforms);
  for (const step of trace.steps) {
    const dim = step.status === 'skipped' || step.status === 'not_reached';
    const typeCell = el('td', { class: 'type' }, el('code', { text: step.type }));
    typeCell.style.setProperty('--depth', String(Math.min(ds[step.index] ?? 0, 8)));
    const value = (s) => (s === undefined || s === null ? el('span', { class: 'muted', text: '—' }) : shown(s));
    ui.trace.append(
      el(
        'tr',
        { class: `status-${step.status}${dim ? ' dim' : ''}`, dataset: { status: step.status, index: String(step.index) } },
        el('td', { class: 'n', text: String(step.index + 1) }),
        typeCell,
        el('td', { class: 'before' }, value(step.before)),
        el('td', { class: 'after' }, value(step.after)),
        el('td', { class: 'status' }, el('span', { class: `badge ${step.status}`, text: STATUS_TEXT[step.status] ?? step.status })),
      ),
    );
  }
  if (trace.error !== undefined && trace.error !== null) {
    const at = trace.step === null || trace.step === undefined ? '' : ` at transform ${trace.step + 1}`;
    ui.traceResult.append(el('span', { class: 'badge error', text: 'failed' }), ` ${at.trim()}: ${trace.error}`);
    ui.traceResult.className = 'trace-result failed';
  } else {
    ui.traceResult.append('Output: ', shown(trace.output ?? ''));
    ui.traceResult.className = 'trace-result';
  }
}

function onResultsClick(event) {
  const row = event.target.closest('tr[data-sample]');
  if (row) selectSample(Number(row.dataset.sample), true);
}

function onResultsKey(event) {
  const row = event.target.closest('tr[data-sample]');
  if (!row) return;
  const i = Number(row.dataset.sample);
  if (event.key === 'Enter' || event.key === ' ') selectSample(i, true);
  else if (event.key === 'ArrowDown') ui.results.querySelector(`tr[data-sample="${i + 1}"]`)?.focus();
  else if (event.key === 'ArrowUp') ui.results.querySelector(`tr[data-sample="${i - 1}"]`)?.focus();
  else return;
  event.preventDefault();
}

function onSamplesInput() {
  state.samples = ui.samples.value.split('\n').map((line) => line.replace(/\r$/, ''));
  saveHash();
  renderResults();
  renderTrace();
}

// ---------------------------------------------------------------------------------------------
// Import / export

function onImport() {
  const source = ui.importText.value;
  ui.importMessage.className = 'io-message';
  if (!source.trim()) {
    ui.importMessage.textContent = 'Paste a JSON array or trunk object first.';
    ui.importMessage.classList.add('bad');
    return;
  }
  let report;
  try {
    report = validate(source);
  } catch (e) {
    report = { errors: errorsOf(e), warnings: [] };
  }
  const fatal = (report.errors ?? []).filter((e) => ['json', 'shape', 'config_too_large'].includes(e.kind));
  if (fatal.length) {
    ui.importMessage.textContent = fatal.map((e) => (e.index === null || e.index === undefined ? '' : `transform ${e.index + 1}: `) + e.message).join('; ');
    ui.importMessage.classList.add('bad');
    return;
  }
  flushHash(); // the history entry Back returns to must hold the list as it was
  const data = JSON.parse(source);
  const list = Array.isArray(data) ? data : data.caller_id_transforms ?? [];
  const dropped = [];
  state.transforms = list.map((obj, i) => {
    for (const key of Object.keys(obj)) {
      if (!['type', ...FIELDS].includes(key)) dropped.push(`${key} (transform ${i + 1})`);
    }
    return fromWire(obj);
  });
  saveHash(true); // a history entry: Back brings the previous list back
  renderList();
  ui.importMessage.textContent =
    `Imported ${plural(state.transforms.length, 'transform')}.` +
    (dropped.length ? ` Ignored unknown members: ${dropped.join(', ')}.` : '');
  ui.importMessage.classList.add(dropped.length ? 'warn' : 'ok');
}

async function onCopy() {
  const value = ui.exportText.value;
  let ok = false;
  try {
    await navigator.clipboard.writeText(value);
    ok = true;
  } catch {
    ui.exportText.focus();
    ui.exportText.select();
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
  }
  ui.copyMessage.textContent = ok ? 'Copied.' : 'Select the text and copy it (Ctrl+C).';
  ui.copyMessage.className = `io-message ${ok ? 'ok' : 'warn'}`;
}

// ---------------------------------------------------------------------------------------------
// Start

function renderAll() {
  ui.samples.value = state.samples.join('\n');
  renderList();
}

function onHistory() {
  clearTimeout(hashTimer); // the history wins over a pending edit
  hashTimer = 0;
  document.body.dataset.hashPending = 'false';
  if (location.hash === ownHash) return;
  try {
    const s = stateFromHash(location.hash);
    if (!s) return;
    state = s;
    ownHash = location.hash;
    renderAll();
  } catch {
    setStatus('The link holds a state this page cannot read.', 'warn');
  }
}

async function main() {
  try {
    // Imported dynamically so that a missing build gets a message on the page.
    const engine = await import('./pkg/callerid_transform.js');
    await engine.default();
    ({ compile, lint, validate, types } = engine);
  } catch (e) {
    setStatus(`Could not load the engine (${e.message}). Build it with scripts/build-wasm.sh.`, 'bad');
    return;
  }
  TYPES = new Map(types().map((t) => [t.name, t]));
  setStatus('');
  state = loadInitialState();
  ui.list.addEventListener('click', onListClick);
  ui.list.addEventListener('input', onListInput);
  ui.add.addEventListener('click', addTransform);
  ui.clear.addEventListener('click', () => {
    flushHash();
    state.transforms = [];
    saveHash(true); // a history entry: Back brings the list back
    renderList(() => ui.add.focus());
  });
  ui.samples.addEventListener('input', onSamplesInput);
  ui.results.addEventListener('click', onResultsClick);
  ui.results.addEventListener('keydown', onResultsKey);
  ui.importButton.addEventListener('click', onImport);
  ui.copy.addEventListener('click', onCopy);
  window.addEventListener('popstate', onHistory);
  window.addEventListener('hashchange', onHistory);
  window.addEventListener('pagehide', () => hashTimer && flushHash());
  renderAll();
  document.body.dataset.ready = 'true';
}

main();
