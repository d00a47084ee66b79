// "Compare with saved": pin the current configuration as the baseline, keep editing, and see
// which numbers now give another result and which transforms decided them before and after.
// The numbers are compared in the results worker with the engine's own `diff`.

import { el } from './form.js';

const $ = (sel) => document.querySelector(sel);
const fmt = (n) => n.toLocaleString('en');
const rules = (list) => (list.length ? `transform${list.length === 1 ? '' : 's'} ${list.map((i) => i + 1).join(', ')}` : 'no transform');
const side = (r) => (r.error ? `error (${r.error.message})` : r.output === '' ? '(withheld)' : r.output);

export class Compare {
  /** `pin()`: the current valid configuration JSON or null; `send(json|null)`: to the worker. */
  constructor({ pin, send }) {
    this.baseline = null;
    this.send = send;
    $('#pin').addEventListener('click', () => {
      const json = pin();
      if (json === null) return;
      this.baseline = json;
      $('#unpin').hidden = false;
      $('#compare').hidden = false;
      $('#compare-summary').textContent = 'Comparing…';
      $('#compare-groups').replaceChildren();
      send(json);
    });
    $('#unpin').addEventListener('click', () => {
      this.baseline = null;
      $('#unpin').hidden = true;
      $('#compare').hidden = true;
      send(null);
    });
  }

  /** A diff report from the worker: totals and groups (largest first). */
  show(d) {
    if (!this.baseline) return;
    $('#compare-summary').textContent = d.different
      ? `Against the baseline: ${fmt(d.different)} of ${fmt(d.seen)} numbers give another result` +
        ` (${fmt(d.newlyFailing)} newly failing, ${fmt(d.newlyFixed)} newly fixed).`
      : `Against the baseline: all ${fmt(d.seen)} numbers give the same result.`;
    const list = $('#compare-groups');
    list.replaceChildren(
      ...d.groups.map((g) => {
        const e = g.examples[0];
        const li = el(
          'li',
          {},
          el('strong', { text: `${fmt(g.count)} number${g.count === 1 ? '' : 's'}` }),
          g.other ? ' (other groups)' : `: decided by ${rules(g.old)} before, by ${rules(g.new)} now`,
          e ? el('span', { class: 'example' }, ' — e.g. ', el('span', { class: 'num', text: e.input }), `: ${side(e.old)} → ${side(e.new)}`) : null,
        );
        li.title = li.textContent; // the whole line, when it is cut short
        return li;
      }),
    );
  }
}
