// Caller-ID transform preview: the page's wiring. The WebAssembly engine is the only source of
// truth (types, validation, lint, guard blocks, explanation, results, traces); this file keeps
// the document (the transform list), its undo history and its storage, and connects the form
// (form.js), the results worker and table (results.js) and import/export (io.js).

import { loadEngine } from './engine.js';
import { Form, el } from './form.js';
import { History } from './history.js';
import { setupIo } from './io.js';
import { blank, deserialise, exportValue, fromWire, labelOf, serialise, wireList } from './model.js';
import { decodeHash, encodeHash, linkSamples, loadLocal, saveLocal } from './persist.js';
import { Results } from './results.js';
import { Samples } from './samples.js';
import { Cases } from './cases.js';
import { Compare } from './compare.js';

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
const EXAMPLE_INPUTS = ['020 7946 0000', '+442079460000', '00331234567', '2079460000#', ''];

const $ = (sel) => document.querySelector(sel);

let engine;
let form;
let results;
let samples;
let cases;
const history = new History();
/** The document: {transforms: form items, trunk: imported trunk object or null, listNull}. */
let doc = { transforms: [], trunk: null, listNull: false };
/** The last valid configuration: its compiled pipeline (explanation, trace, Rule column). */
let valid = null; // {pipeline, json}
let report = { errors: [], warnings: [] };
let blocks = [];

// ---------------------------------------------------------------------------------------------
// Status and announcements

function setStatus(message, kind = '') {
  $('#status').textContent = message;
  $('#status').className = `status ${kind}`;
}

let announceTimer = 0;
/** Announces a short summary once the user pauses (never on every keystroke). */
function announceLater() {
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    const parts = [$('#summary').textContent];
    if (report.errors.length) parts.push('Results are out of date.');
    else if (results.fresh) parts.push(results.summary());
    $('#announce').textContent = parts.filter(Boolean).join('. ');
  }, 900);
}

// ---------------------------------------------------------------------------------------------
// Editing, undo and redo

const snapshot = () => JSON.stringify(serialise(doc));

/** Applies one edit: recorded for undo, then re-rendered as asked and re-analysed. */
function edit(mutate, { key = null, rerender = null, index, focus } = {}) {
  history.record(snapshot(), key);
  mutate(doc);
  if (doc.transforms.length) doc.listNull = false;
  if (rerender === 'list') {
    form.render(doc);
    form.focus(focus);
  } else if (rerender === 'row') {
    form.refreshRow(index);
    form.focus(focus);
  }
  analyse();
}

function restore(snap) {
  const focusId = document.activeElement?.id;
  const fresh = deserialise(JSON.parse(snap));
  doc = { ...doc, ...fresh };
  form.render(doc);
  analyse();
  const target = focusId && document.getElementById(focusId);
  if (target) target.focus();
}

function undo() {
  const snap = history.undo(snapshot());
  if (snap) restore(snap);
}

function redo() {
  const snap = history.redo(snapshot());
  if (snap) restore(snap);
}

function onKey(e) {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
  const k = e.key.toLowerCase();
  if (k !== 'z' && k !== 'y') return;
  // Text boxes outside the transform list keep their own undo.
  if (e.target.closest?.('textarea, #search, .curl input')) return;
  e.preventDefault();
  if (k === 'y' || e.shiftKey) redo();
  else undo();
}

// ---------------------------------------------------------------------------------------------
// Analysis: validation, lint, blocks, compile, explanation, results, trace

function errorsOf(e) {
  if (e && Array.isArray(e.errors)) return e.errors;
  return [{ index: null, field: null, kind: 'internal', message: String(e?.message ?? e) }];
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

function analyse() {
  const list = wireList(doc.transforms);
  const json = JSON.stringify(list);
  try {
    report = engine.lint(json);
  } catch (e) {
    report = { errors: errorsOf(e), warnings: [] };
  }
  const errors = report.errors ?? [];
  const warnings = report.warnings ?? [];
  blocks = engine.blocks(json);
  form.setBlocks(blocks);
  if (!errors.length) {
    try {
      const pipeline = engine.compile(json);
      if (valid) valid.pipeline.free();
      valid = { pipeline, json, blocks };
    } catch (e) {
      errors.push(...errorsOf(e));
    }
  }
  form.placeMessages(errors, warnings);
  const stale = errors.length > 0;
  if (!stale) results.setConfig(json, doc.transforms.length);
  const first = errors[0];
  results.setStale(
    stale,
    first ? `First error: ${first.index === null || first.index === undefined ? '' : `transform ${first.index + 1}, `}${first.field ? `${first.field}: ` : ''}${first.message}` : '',
    Boolean(valid),
  );
  $('#summary').textContent = [
    plural(doc.transforms.length, 'transform'),
    errors.length ? plural(errors.length, 'error') : 'valid',
    warnings.length ? plural(warnings.length, 'warning') : null,
  ]
    .filter(Boolean)
    .join(' · ');
  $('#summary').className = `summary ${errors.length ? 'bad' : warnings.length ? 'warn' : 'ok'}`;
  renderExport(errors.length);
  cases.update();
  results.setExpect(cases.byInput, cases.failed);
  $('#pin').disabled = stale || !valid;
  renderExplain(stale);
  renderTrace();
  $('#undo').disabled = !history.canUndo;
  $('#redo').disabled = !history.canRedo;
  persist();
  announceLater();
}

function renderExport(errorCount) {
  $('#export-text').value = JSON.stringify(exportValue(doc), null, 2);
  const state = $('#export-state');
  state.textContent = errorCount
    ? `Not ready: ${plural(errorCount, 'error')}; the API would refuse this.`
    : 'Valid: the engine accepts this configuration.';
  state.className = `export-state ${errorCount ? 'bad' : 'ok'}`;
}

function renderExplain(stale) {
  const ol = $('#explain');
  ol.replaceChildren();
  $('#explain-stale').hidden = !(stale && valid);
  $('#explain-panel').classList.toggle('stale', stale && Boolean(valid));
  if (!valid) {
    ol.append(el('li', { class: 'muted', text: 'Fix the errors to see the explanation.' }));
    return;
  }
  const lines = valid.pipeline.explainLines();
  if (!lines.length) ol.append(el('li', { class: 'muted', text: 'Nothing: the number passes through unchanged.' }));
  lines.forEach((line, i) => {
    const depth = Math.min(valid.blocks[i]?.depth ?? 0, 8);
    const li = el('li', { text: line.trimStart(), dataset: { depth: String(depth) } });
    li.style.setProperty('--depth', String(depth));
    ol.append(li);
  });
}

const shown = (s) => (s === '' ? el('span', { class: 'withheld', text: '(withheld)' }) : el('span', { class: 'num', text: s }));

function renderTrace() {
  const body = $('#trace tbody');
  body.replaceChildren();
  $('#trace-result').replaceChildren();
  $('#trace-input').replaceChildren();
  const sample = results.inputs[results.selected];
  $('#trace-panel').classList.toggle('stale', Boolean(report.errors.length && valid));
  if (!valid || sample === undefined) {
    $('#trace-result').textContent = valid ? 'No sample number to trace.' : 'Fix the errors to see a trace.';
    return;
  }
  $('#trace-input').append(`of number ${results.selected + 1}: `, shown(sample));
  const trace = valid.pipeline.trace(sample);
  for (const step of trace.steps) {
    const dim = step.status === 'skipped' || step.status === 'not_reached';
    const typeCell = el('td', { class: 'type' }, el('code', { text: step.type }));
    typeCell.style.setProperty('--depth', String(Math.min(valid.blocks[step.index]?.depth ?? 0, 8)));
    const value = (s) => (s === undefined || s === null ? el('span', { text: '—' }) : shown(s));
    body.append(
      el(
        'tr',
        { class: `status-${step.status}${dim ? ' dim' : ''}`, dataset: { status: step.status, index: String(step.index), before: step.before } },
        el('td', { class: 'n', text: String(step.index + 1) }),
        typeCell,
        el('td', { class: 'after', title: step.after ?? '' }, value(step.after)),
        el('td', { class: 'status' }, el('span', { class: `badge ${step.status}`, text: STATUS_TEXT[step.status] ?? step.status })),
      ),
    );
  }
  if (trace.error !== undefined && trace.error !== null) {
    const at = trace.step === null || trace.step === undefined ? '' : ` at transform ${trace.step + 1}`;
    $('#trace-result').append(el('span', { class: 'badge error', text: 'failed' }), ` ${at.trim()}: ${trace.error}`);
    $('#trace-result').className = 'trace-result failed';
  } else {
    $('#trace-result').append('Output: ', shown(trace.output ?? ''));
    $('#trace-result').className = 'trace-result';
  }
}

// ---------------------------------------------------------------------------------------------
// Storage: this browser (everything, at once) and the link (configuration, a few samples)

let hashTimer = 0;
let lastHashWrite = -Infinity;
const HASH_INTERVAL_MS = 150;
let ownHash = '';

function linkData() {
  const few = linkSamples(results.inputs);
  return { doc: serialise(doc), samples: few, selected: results.selected };
}

function writeHash() {
  clearTimeout(hashTimer);
  hashTimer = 0;
  const hash = encodeHash(linkData());
  ownHash = hash;
  lastHashWrite = performance.now();
  if (location.hash !== hash) history_.replaceState(null, '', hash);
  saveLocal({ doc: serialise(doc), selected: results.selected, hash, curl: curlFields(), cases: $('#cases').value });
  document.body.dataset.hashPending = 'false';
}
const history_ = window.history;

function curlFields() {
  return { base: $('#curl-base').value, id: $('#curl-id').value };
}

/** Saves the state locally at once; the link at most every HASH_INTERVAL_MS (Chromium throttles). */
function persist() {
  saveLocal({ doc: serialise(doc), selected: results.selected, hash: ownHash, curl: curlFields(), cases: $('#cases').value });
  if (hashTimer) return;
  const wait = lastHashWrite + HASH_INTERVAL_MS - performance.now();
  if (wait <= 0) writeHash();
  else {
    hashTimer = setTimeout(writeHash, wait);
    document.body.dataset.hashPending = 'true';
  }
}

function flushAll() {
  if (hashTimer) writeHash();
  samples.flush();
}

/** Link first (a shared configuration), unless it is the one this browser wrote last. */
function loadInitial() {
  const local = loadLocal();
  let fromLink = null;
  try {
    fromLink = decodeHash(location.hash);
  } catch {
    setStatus('The link holds a state this page cannot read; showing your last work or the example instead.', 'warn');
  }
  const storedSamples = Samples.stored();
  const pick = (data, samples) => {
    doc = deserialise(data.doc);
    return { samples, selected: Number.isInteger(data.selected) && data.selected >= 0 ? data.selected : 0 };
  };
  try {
    if (fromLink && !(local && local.hash === location.hash)) {
      return pick(fromLink, Array.isArray(fromLink.samples) ? fromLink.samples.join('\n') : storedSamples ?? DEFAULT_SAMPLES.join('\n'));
    }
    if (typeof local?.cases === 'string') $('#cases').value = local.cases;
    if (local?.doc) {
      if (local.curl) {
        $('#curl-base').value = local.curl.base ?? '';
        $('#curl-id').value = local.curl.id ?? '';
      }
      return pick(local, storedSamples ?? DEFAULT_SAMPLES.join('\n'));
    }
  } catch {
    setStatus('The saved state could not be read; showing the example instead.', 'warn');
  }
  doc = { transforms: EXAMPLE_TRANSFORMS.map(fromWire), trunk: null, listNull: false };
  return { samples: DEFAULT_SAMPLES.join('\n'), selected: 0 };
}

function onHashChange() {
  if (location.hash === ownHash) return;
  try {
    const data = decodeHash(location.hash);
    if (!data) return;
    history.record(snapshot());
    doc = deserialise(data.doc);
    if (Array.isArray(data.samples)) setSamplesText(data.samples.join('\n'));
    form.render(doc);
    analyse();
  } catch {
    setStatus('The link holds a state this page cannot read.', 'warn');
  }
}

function setSamplesText(text) {
  samples.set(text);
  samples.changed(text);
}

// ---------------------------------------------------------------------------------------------
// Start

/** One example per type, made by the engine from the type's own placeholders. */
function typeExamples(types) {
  const out = {};
  for (const t of types) {
    const wire = { type: t.name };
    for (const f of ['value', 'value2', 'number']) {
      if (t[f].use === 'unused' || t[f].placeholder === '') continue;
      wire[f] = f === 'number' ? Number(t[f].placeholder) : t[f].placeholder;
    }
    if (t.group === 'guard') {
      out[t.name] = wire.value === undefined ? '' : `e.g. ${JSON.stringify(wire.value)}`;
      continue;
    }
    let p;
    try {
      p = engine.compile([wire]);
      for (const input of EXAMPLE_INPUTS) {
        let output;
        try {
          output = p.apply(input);
        } catch {
          continue;
        }
        if (output !== input) {
          const q = (s) => (s === '' ? '(withheld)' : s);
          out[t.name] = `e.g. ${q(input)} → ${q(output)}`;
          break;
        }
      }
    } catch {
      // a placeholder the engine refuses: no example
    } finally {
      p?.free();
    }
  }
  return out;
}

async function main() {
  try {
    engine = await loadEngine();
  } catch (e) {
    setStatus(`Could not load the engine (${e.message}). Build it with scripts/build-wasm.sh.`, 'bad');
    return;
  }
  const types = engine.types();
  form = new Form({
    types: new Map(types.map((t) => [t.name, t])),
    examples: typeExamples(types),
    edit,
    nearestType: (name) => engine.nearestType(name),
  });
  results = new Results({
    onSelect: () => {
      renderTrace();
      persist();
    },
    decide: (numbers) => (valid && !report.errors.length ? valid.pipeline.decisions(numbers) : null),
    onUpdate: announceLater,
  });
  cases = new Cases({
    run: (text) => (valid ? engine.runCases(valid.pipeline, text) : null),
    onChange: () => {
      results.setExpect(cases.byInput, cases.failed);
      persist();
    },
    useAsSamples: (text) => setSamplesText(text),
  });
  const compare = new Compare({
    pin: () => (valid && !report.errors.length ? valid.json : null),
    send: (json) => results.setBaseline(json),
  });
  results.onDiff = (d) => compare.show(d);
  const initial = loadInitial();
  samples = new Samples({
    onChange: (text) => {
      results.setSamples(text);
      renderTrace();
      persist();
    },
  });
  samples.set(initial.samples);
  results.setSamples(initial.samples);
  results.selected = Math.min(initial.selected, Math.max(0, results.inputs.length - 1));
  form.render(doc);
  analyse();
  results.render();

  $('#add').addEventListener('click', () =>
    edit((d) => d.transforms.push(blank('')), { rerender: 'list', focus: [doc.transforms.length, '.type-input'] }),
  );
  $('#clear').addEventListener('click', () => edit((d) => d.transforms.splice(0), { rerender: 'list', focus: ['add'] }));
  $('#undo').addEventListener('click', undo);
  $('#redo').addEventListener('click', redo);
  document.addEventListener('keydown', onKey);
  document.addEventListener('focusin', () => history.seal()); // a new field starts a new undo step
  for (const id of ['#curl-base', '#curl-id']) $(id).addEventListener('input', persist);
  setupIo({
    validate: (text) => engine.validate(text),
    importRules: (format, text, options) => engine.importRules(format, text, options),
    doc: () => doc,
    replaceDoc: (next) => edit(() => Object.assign(doc, next), { rerender: 'list' }),
    errorCount: () => report.errors.length,
    firstError: () => $('#list [aria-invalid="true"]') ?? $('#global-errors'),
  });
  window.addEventListener('hashchange', onHashChange);
  window.addEventListener('pagehide', flushAll);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flushAll());
  document.body.dataset.ready = 'true';
}

main();
