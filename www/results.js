// The results table: a client of the results worker and a virtual list that renders only the
// rows in view. One Tab stop (a listbox; arrow keys, Page Up/Down, Home and End move the
// selection, which is the number traced beside the table), counts, filters and search.

const ROW_H = 30;
const OVERSCAN = 6;
const FAILED = 2;
const CHANGED = 1;

const $ = (sel) => document.querySelector(sel);

export class Results {
  /**
   * `onSelect(i)`: the selected sample changed (trace it). `decide(numbers)`: the engine's
   * `decisions` for a few numbers (the Rule column), or null while there is no pipeline.
   * `onUpdate()`: new results were shown (for the debounced announcement).
   */
  constructor({ onSelect, decide, onUpdate }) {
    this.onSelect = onSelect;
    this.decide = decide;
    this.onUpdate = onUpdate;
    this.box = $('#results');
    this.spacer = $('#results-rows');
    this.countsEl = $('#counts');
    this.note = $('#results-note');
    this.filterEl = $('#filter');
    this.searchEl = $('#search');
    this.inputs = [];
    this.res = null; // the newest accepted worker results
    this.view = new Int32Array(0); // sample indices shown, in order
    this.selected = 0;
    this.seq = { config: 0, samples: 0, rule: 0, baseline: 0 };
    this.ruleIndex = -1;
    this.transformCount = 0;
    this.stale = false;
    this.expect = null; // optional: input -> {expect, ok} (the Expected column)
    this.expectFailed = 0;
    this.onDiff = null;

    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e) => this.onMessage(e.data);
    this.worker.onerror = (e) => {
      this.note.hidden = false;
      this.note.textContent = `The results worker failed: ${e.message ?? 'unknown error'}`;
    };
    this.box.addEventListener('scroll', () => this.render());
    this.box.addEventListener('keydown', (e) => this.onKey(e));
    this.box.addEventListener('click', (e) => {
      const row = e.target.closest('[data-sample]');
      if (row) this.select(Number(row.dataset.sample));
    });
    this.filterEl.addEventListener('change', () => this.onFilter());
    this.searchEl.addEventListener('input', () => {
      this.computeView();
      this.render();
    });
    new ResizeObserver(() => this.render()).observe(this.box);
  }

  /** The sample numbers changed (the textarea's text). */
  setSamples(text) {
    this.inputs = text === '' ? [] : text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    this.worker.postMessage({ kind: 'samples', seq: ++this.seq.samples, text });
    this.mark();
    this.computeView();
    this.render();
  }

  /** A valid configuration (JSON of the array) to apply. */
  setConfig(json, transformCount) {
    this.transformCount = transformCount;
    this.configSentAt = performance.now();
    this.worker.postMessage({ kind: 'config', seq: ++this.seq.config, json });
    this.fillRuleChoices();
    this.mark();
  }

  /** Pins a configuration (JSON) as the baseline to compare with, or forgets it (null). */
  setBaseline(json) {
    this.worker.postMessage({ kind: 'baseline', seq: ++this.seq.baseline, json });
  }

  /** The Expected column: input -> {expect, ok}, or null to hide it; `failed`: failing cases. */
  setExpect(byInput, failed) {
    this.expect = byInput;
    this.expectFailed = failed;
    document.querySelector('.results-table').classList.toggle('has-expect', Boolean(byInput));
    document.querySelector('.vhead .c-exp').hidden = !byInput;
    const option = this.filterEl.querySelector('option[value="expect-failed"]');
    option.hidden = !byInput;
    option.disabled = !byInput;
    if (!byInput && this.filterEl.value === 'expect-failed') this.filterEl.value = 'all';
    this.computeView();
    this.render();
  }

  /** While the configuration has errors: keep the last results, marked out of date. */
  setStale(stale, why = '', hasResults = true) {
    this.stale = stale;
    const panel = $('#results-panel');
    panel.classList.toggle('stale', stale && hasResults);
    $('#stale-note').hidden = !stale;
    $('#stale-title').textContent = hasResults ? 'Out of date.' : 'No results yet.';
    $('#stale-text').textContent = hasResults
      ? 'The configuration has errors (shown with the transforms above); these are the results of the last valid configuration.'
      : 'The configuration has errors (shown with the transforms above): fix them to see results.';
    $('#stale-why').textContent = why;
    this.mark();
  }

  /** Whether the results shown are for the current samples and configuration. */
  get fresh() {
    const r = this.res;
    return !this.stale && !!r && r.configSeq === this.seq.config && r.samplesSeq === this.seq.samples && r.ruleSeq === this.seq.rule;
  }

  /** For the tests and the announcement: whether the table shows up-to-date results. */
  mark() {
    document.body.dataset.resultsFresh = String(this.fresh);
  }

  aligned() {
    return this.res && this.res.samplesSeq === this.seq.samples ? this.res : null;
  }

  onMessage(m) {
    if (m.kind === 'failed') {
      this.note.hidden = false;
      this.note.textContent = m.message;
      return;
    }
    if (m.kind === 'diff') {
      if (m.configSeq === this.seq.config && m.samplesSeq === this.seq.samples && m.baselineSeq === this.seq.baseline) this.onDiff?.(m);
      return;
    }
    if (m.kind !== 'results') return;
    // A result older than what is already shown is stale: drop it.
    if (this.res && (m.configSeq < this.res.configSeq || m.samplesSeq < this.res.samplesSeq)) return;
    this.res = m;
    this.computeView();
    this.render();
    this.mark();
    if (this.fresh) {
      // For the scale test and the README: from the edit to the results on screen, and the
      // worker's share of it.
      document.body.dataset.resultsLatency = (performance.now() - this.configSentAt).toFixed(1);
      document.body.dataset.workerMs = m.ms.toFixed(1);
    }
    this.onUpdate?.();
  }

  outputOf(i) {
    const r = this.aligned();
    if (!r || i >= r.count) return null;
    return r.text.slice(i ? r.ends[i - 1] : 0, r.ends[i]);
  }

  onFilter() {
    const v = this.filterEl.value;
    const rule = v.startsWith('rule:') ? Number(v.slice(5)) : -1;
    if (rule !== this.ruleIndex) {
      this.ruleIndex = rule;
      this.worker.postMessage({ kind: 'rule', seq: ++this.seq.rule, index: rule });
      this.mark();
    }
    this.computeView();
    this.render();
  }

  fillRuleChoices() {
    const keep = this.filterEl.value;
    for (const o of [...this.filterEl.querySelectorAll('option[data-rule]')]) o.remove();
    const group = this.filterEl.querySelector('optgroup') ?? this.filterEl.appendChild(Object.assign(document.createElement('optgroup'), { label: 'Decided by transform' }));
    for (let i = 0; i < this.transformCount; i++) {
      const o = document.createElement('option');
      o.value = `rule:${i}`;
      o.dataset.rule = '';
      o.textContent = `Decided by transform ${i + 1}`;
      group.append(o);
    }
    this.filterEl.value = keep;
    if (this.filterEl.value !== keep) {
      this.filterEl.value = 'all';
      this.onFilter();
    }
  }

  computeView() {
    const n = this.inputs.length;
    const r = this.aligned();
    const filter = this.filterEl.value;
    const q = this.searchEl.value.trim();
    const out = new Int32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (r) {
        const c = r.codes[i];
        if (filter === 'failed' && c !== FAILED) continue;
        if (filter === 'changed' && c !== CHANGED) continue;
        if (filter === 'unchanged' && c !== 0) continue;
        if (filter === 'expect-failed' && this.expect?.get(this.inputs[i])?.ok !== false) continue;
        if (filter.startsWith('rule:') && !(r.ruleMask && r.rule === this.ruleIndex && r.ruleMask[i])) continue;
      }
      if (q && !this.inputs[i].includes(q) && !(this.outputOf(i) ?? '').includes(q)) continue;
      out[k++] = i;
    }
    this.view = out.subarray(0, k);
    this.renderCounts();
  }

  renderCounts() {
    const n = this.inputs.length;
    const r = this.aligned();
    const parts = [`${n.toLocaleString('en')} number${n === 1 ? '' : 's'}`];
    if (r) {
      parts.push(`${r.counts.changed.toLocaleString('en')} changed`, `${r.counts.unchanged.toLocaleString('en')} unchanged`, `${r.counts.failed.toLocaleString('en')} failed`);
    }
    if (this.expect) parts.push(`${this.expectFailed.toLocaleString('en')} expected-failed`);
    if (this.view.length !== n) parts.push(`showing ${this.view.length.toLocaleString('en')}`);
    this.countsEl.textContent = parts.join(' · ');
    this.note.hidden = n > 0;
    if (!n) this.note.textContent = 'Type or paste some sample numbers.';
  }

  /** A short summary for the live region. */
  summary() {
    const r = this.aligned();
    if (!r) return '';
    return `${r.count} numbers: ${r.counts.changed} changed, ${r.counts.unchanged} unchanged, ${r.counts.failed} failed.`;
  }

  select(i, scroll = true) {
    if (i < 0 || i >= this.inputs.length) return;
    this.selected = i;
    if (scroll) this.scrollTo(i);
    this.render();
    this.onSelect(i);
  }

  scrollTo(i) {
    const pos = this.view.indexOf(i);
    if (pos < 0) return;
    const top = pos * ROW_H;
    const h = this.box.clientHeight - ROW_H; // minus the sticky header
    if (top < this.box.scrollTop) this.box.scrollTop = top;
    else if (top + ROW_H > this.box.scrollTop + h) this.box.scrollTop = top + ROW_H - h;
  }

  onKey(e) {
    const v = this.view;
    if (!v.length) return;
    const pos = v.indexOf(this.selected);
    const page = Math.max(1, Math.floor(this.box.clientHeight / ROW_H) - 2);
    let next;
    switch (e.key) {
      case 'ArrowDown': next = pos < 0 ? 0 : Math.min(v.length - 1, pos + 1); break;
      case 'ArrowUp': next = pos < 0 ? 0 : Math.max(0, pos - 1); break;
      case 'PageDown': next = Math.min(v.length - 1, Math.max(0, pos) + page); break;
      case 'PageUp': next = Math.max(0, pos - page); break;
      case 'Home': next = 0; break;
      case 'End': next = v.length - 1; break;
      default: return;
    }
    e.preventDefault();
    this.select(v[next]);
  }

  render() {
    const v = this.view;
    this.spacer.style.height = `${v.length * ROW_H}px`;
    const top = this.box.scrollTop;
    const first = Math.max(0, Math.floor(top / ROW_H) - OVERSCAN);
    const last = Math.min(v.length - 1, Math.ceil((top + this.box.clientHeight) / ROW_H) + OVERSCAN);
    const positions = [];
    for (let p = first; p <= last; p++) positions.push(p);
    const selPos = v.indexOf(this.selected);
    if (selPos >= 0 && (selPos < first || selPos > last)) positions.push(selPos); // aria-activedescendant must exist
    const r = this.aligned();
    const numbers = positions.map((p) => this.inputs[v[p]]);
    const decided = r && !this.stale && this.decide ? this.decide(numbers) : null;
    const rows = [];
    let at = 0;
    positions.forEach((p, j) => {
      const i = v[p];
      let rule = [];
      if (decided) {
        const k = decided[at];
        rule = Array.from(decided.subarray(at + 1, at + 1 + k), (x) => x + 1);
        at += k + 1;
      }
      rows.push(this.row(i, p, r, rule, numbers[j]));
    });
    this.spacer.replaceChildren(...rows);
    if (selPos >= 0) this.box.setAttribute('aria-activedescendant', `res-${this.selected}`);
    else this.box.removeAttribute('aria-activedescendant');
  }

  row(i, pos, r, rule, input) {
    const el = document.createElement('div');
    el.id = `res-${i}`;
    el.className = 'vrow';
    el.setAttribute('role', 'option');
    el.setAttribute('aria-posinset', String(pos + 1));
    el.setAttribute('aria-setsize', String(this.view.length));
    el.setAttribute('aria-selected', String(i === this.selected));
    el.dataset.sample = String(i);
    el.style.transform = `translateY(${pos * ROW_H}px)`;
    const out = this.outputOf(i);
    let note;
    let kind;
    if (!r || out === null) {
      note = '…';
      kind = 'pending';
    } else if (r.codes[i] === FAILED) {
      note = `error${r.steps[i] >= 0 ? ` at transform ${r.steps[i] + 1}` : ''}: ${out}`;
      kind = 'error';
    } else {
      kind = r.codes[i] === CHANGED ? 'changed' : 'unchanged';
      note = kind;
    }
    el.classList.add(kind);
    if (i === this.selected) el.classList.add('selected');
    const cell = (cls, content, title, spoken = '') => {
      const c = document.createElement('span');
      c.className = `c ${cls}`;
      if (spoken) c.append(Object.assign(document.createElement('span'), { className: 'sr-only', textContent: spoken }));
      c.append(content);
      if (title) c.title = title;
      return c;
    };
    const num = (s) => {
      const span = document.createElement('span');
      if (s === '') {
        span.className = 'withheld';
        span.textContent = '(withheld)';
      } else {
        span.className = 'num';
        span.textContent = s;
      }
      return span;
    };
    const output = kind === 'error' || out === null ? '—' : out;
    const expect = this.expect?.get(input);
    el.append(
      cell('c-n', String(i + 1), '', 'Number '),
      cell('c-in', num(input), input, ': '),
      cell('c-out', output === '—' ? '—' : num(output), output, ' gives '),
      cell('c-note', Object.assign(document.createElement('span'), { className: `badge ${kind}`, textContent: note }), note, ', '),
      cell('c-rule', rule.join(' ') || '—', '', rule.length ? ', decided by transform ' : ''),
    );
    if (this.expect) {
      const wanted = expect ? (expect.expect === null ? 'error' : expect.expect === '' ? '(withheld)' : expect.expect) : '';
      const verdict = expect ? (expect.ok ? 'pass' : `fail: expected ${wanted}`) : '—';
      el.append(cell('c-exp', verdict, expect ? `expected ${wanted}` : '', ', expected: '));
      if (expect) el.classList.add(expect.ok ? 'exp-pass' : 'exp-fail');
    }
    return el;
  }
}
