// The results worker: holds the sample numbers and the last valid pipeline, applies one to
// the other off the UI thread, and posts packed results back. Messages carry sequence numbers;
// when several arrive while it is busy, only the newest of each kind is worked on.
//
// In:  {kind: 'samples', seq, text} | {kind: 'config', seq, json} | {kind: 'rule', seq, index}
//      | {kind: 'baseline', seq, json | null}
// Out: {kind: 'ready'} | {kind: 'results', configSeq, samplesSeq, ruleSeq, count, text, ends,
//       codes, steps, counts, ruleMask} | {kind: 'diff', configSeq, samplesSeq, baselineSeq,
//       seen, unchanged, different, newlyFailing, newlyFixed, groups}
//      | {kind: 'failed', configSeq, message}

import { loadEngine } from './engine.js';

const OK_UNCHANGED = 0;
const OK_CHANGED = 1;
const FAILED = 2;

let engine = null;
let samples = [];
let pipeline = null;
let rule = -1; // the "decided by transform N" filter, or -1
let baseline = null; // the pinned pipeline of "Compare with saved", or null
const seen = { config: 0, samples: 0, rule: 0, baseline: 0 };
const pending = new Map(); // kind -> newest message of that kind
let scheduled = false;

self.onmessage = (event) => {
  pending.set(event.data.kind, event.data);
  if (!scheduled && engine) {
    scheduled = true;
    setTimeout(work, 0);
  }
};

function work() {
  scheduled = false;
  if (!pending.size) return;
  const messages = [...pending.values()];
  pending.clear();
  for (const m of messages) {
    if (m.kind === 'samples') {
      samples = m.text === '' ? [] : m.text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
      seen.samples = m.seq;
    } else if (m.kind === 'config') {
      seen.config = m.seq;
      let next;
      try {
        next = engine.compile(m.json);
      } catch (e) {
        self.postMessage({ kind: 'failed', configSeq: m.seq, message: String(e.message) });
        continue;
      }
      pipeline?.free();
      pipeline = next;
    } else if (m.kind === 'rule') {
      rule = m.index;
      seen.rule = m.seq;
    } else if (m.kind === 'baseline') {
      seen.baseline = m.seq;
      baseline?.free();
      baseline = null;
      try {
        if (m.json !== null) baseline = engine.compile(m.json);
      } catch {
        baseline = null; // only valid configurations are pinned
      }
    }
  }
  if (pipeline) {
    run();
    if (baseline) compare();
  }
}

/** The engine's diff of the baseline against the current pipeline: totals and the groups. */
function compare() {
  const d = engine.diff(baseline, pipeline, samples);
  self.postMessage({
    kind: 'diff',
    configSeq: seen.config,
    samplesSeq: seen.samples,
    baselineSeq: seen.baseline,
    seen: d.seen,
    unchanged: d.unchanged,
    different: d.different,
    newlyFailing: d.newlyFailing,
    newlyFixed: d.newlyFixed,
    groups: d.groups.slice(0, 50).map((g) => ({ ...g, examples: g.examples.slice(0, 3) })),
  });
}

function run() {
  const started = performance.now();
  const n = samples.length;
  // One packed call: the outputs as one string with offsets, a code per number.
  const { text, ends, codes: raw } = pipeline.applyPacked(samples);
  const codes = new Uint8Array(n);
  const steps = new Int32Array(n);
  const counts = { changed: 0, unchanged: 0, failed: 0 };
  for (let i = 0; i < n; i++) {
    const c = raw[i];
    if (c === -3) {
      codes[i] = OK_UNCHANGED;
      steps[i] = -1;
      counts.unchanged++;
    } else if (c === -2) {
      codes[i] = OK_CHANGED;
      steps[i] = -1;
      counts.changed++;
    } else {
      codes[i] = FAILED;
      steps[i] = c;
      counts.failed++;
    }
  }
  let ruleMask = null;
  if (rule >= 0) {
    ruleMask = new Uint8Array(n);
    const flat = pipeline.decisions(samples);
    for (let i = 0, at = 0; i < n; i++) {
      const k = flat[at];
      for (let j = 1; j <= k; j++) if (flat[at + j] === rule) ruleMask[i] = 1;
      at += k + 1;
    }
  }
  const message = {
    kind: 'results',
    configSeq: seen.config,
    samplesSeq: seen.samples,
    ruleSeq: seen.rule,
    rule,
    count: n,
    text,
    ends,
    codes,
    steps,
    counts,
    ruleMask,
    ms: performance.now() - started, // time spent in this worker, for the page's figures
  };
  const transfer = [ends.buffer, codes.buffer, steps.buffer];
  if (ruleMask) transfer.push(ruleMask.buffer);
  self.postMessage(message, transfer);
}

loadEngine().then(
  (e) => {
    engine = e;
    self.postMessage({ kind: 'ready' });
    if (pending.size && !scheduled) {
      scheduled = true;
      setTimeout(work, 0);
    }
  },
  (e) => self.postMessage({ kind: 'failed', configSeq: 0, message: `could not load the engine: ${e.message}` }),
);
