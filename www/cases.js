// The "Expected" column: a case file (one `number => expected output` a line, or the JSON
// form) run by the engine's own `runCases` against the current pipeline. Rows of the results
// table whose number has a case show pass or fail; the counts and a filter use it too.

const $ = (sel) => document.querySelector(sel);
const plural = (n, word) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

export class Cases {
  /** `run(text)`: the engine's runCases with the current pipeline (throws on a bad file, or
   *  returns null when there is no pipeline); `onChange()`: re-render; `useAsSamples(text)`. */
  constructor({ run, onChange, useAsSamples }) {
    this.run = run;
    this.onChange = onChange;
    this.box = $('#cases');
    this.note = $('#cases-note');
    this.byInput = null; // input -> {expect, ok}
    this.failed = 0;
    this.inputs = [];
    let timer = 0;
    this.box.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        this.update();
        this.onChange();
      }, 150);
    });
    $('#cases-use').addEventListener('click', () => {
      if (this.inputs.length) useAsSamples(this.inputs.join('\n'));
    });
  }

  /** Runs the case file again (the pipeline or the file changed). */
  update() {
    const text = this.box.value;
    this.byInput = null;
    this.failed = 0;
    this.inputs = [];
    $('#cases-use').disabled = true;
    this.note.className = 'io-message';
    if (!text.trim()) {
      this.note.textContent = '';
      return;
    }
    let run;
    try {
      run = this.run(text);
    } catch (e) {
      const errors = Array.isArray(e.errors) ? e.errors : [{ line: null, message: String(e.message ?? e) }];
      this.note.textContent = `The case file has ${plural(errors.length, 'error')}: ${errors.map((x) => `line ${x.line}: ${x.message}`).join('; ')}`;
      this.note.classList.add('bad');
      return;
    }
    if (!run) {
      this.note.textContent = 'Fix the configuration to run the cases.';
      this.note.classList.add('warn');
      return;
    }
    this.byInput = new Map(run.cases.map((c) => [c.input, { expect: c.expect, ok: c.ok, line: c.line }]));
    this.failed = run.failed;
    this.inputs = run.cases.map((c) => c.input);
    $('#cases-use').disabled = false;
    const bad = run.cases.filter((c) => !c.ok).slice(0, 3).map((c) => `line ${c.line}`);
    this.note.textContent = `${plural(run.cases.length, 'case')}: ${run.passed.toLocaleString('en')} pass, ${run.failed.toLocaleString('en')} fail${bad.length ? ` (${bad.join(', ')}${run.failed > 3 ? ', …' : ''})` : ''}.`;
    this.note.classList.add(run.failed ? 'bad' : 'ok');
  }
}
