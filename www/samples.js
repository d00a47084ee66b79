// The sample numbers panel. A short list is edited in the text box; a long one (a paste of
// thousands of numbers) is kept out of it, because a text box holding 100,000 lines costs the
// browser seconds of layout: the panel shows how many numbers are loaded instead, with "Show
// as text" and "Clear". The list is saved in this browser (localStorage), never in the link.

import { loadSamples, saveSamples } from './persist.js';

/** Lists with more lines than this are held outside the text box. */
export const LARGE_LINES = 2000;

const $ = (sel) => document.querySelector(sel);
const lineCount = (text) => (text === '' ? 0 : text.split('\n').length);

export class Samples {
  /** `onChange(text)`: the list changed (typed, pasted, cleared). */
  constructor({ onChange }) {
    this.onChange = onChange;
    this.box = $('#samples');
    this.large = $('#samples-large');
    this.text = '';
    this.timer = 0;
    this.box.addEventListener('input', () => this.changed(this.box.value));
    this.box.addEventListener('paste', (e) => this.onPaste(e));
    $('#samples-show').addEventListener('click', () => {
      this.showText(true);
      this.box.focus();
    });
    $('#samples-clear').addEventListener('click', () => {
      this.set('');
      this.changed('');
      this.box.focus();
    });
  }

  /** The list stored in this browser, or null. */
  static stored() {
    return loadSamples();
  }

  /** Shows `text` (initial load, a link): in the box if it is short, else as a count. */
  set(text) {
    this.text = text;
    this.showText(lineCount(text) <= LARGE_LINES);
  }

  showText(inBox) {
    this.box.hidden = !inBox;
    this.large.hidden = inBox;
    if (inBox) this.box.value = this.text;
    else {
      this.box.value = '';
      const n = lineCount(this.text);
      $('#samples-count').textContent = `${n.toLocaleString('en')} sample numbers loaded`;
    }
  }

  /** A paste that would make the list long goes around the text box. */
  onPaste(e) {
    const pasted = e.clipboardData?.getData('text/plain') ?? '';
    if (lineCount(pasted) <= LARGE_LINES) return;
    e.preventDefault();
    const { selectionStart: a, selectionEnd: b, value } = this.box;
    const text = (value.slice(0, a) + pasted + value.slice(b)).replace(/\r\n?/g, '\n');
    this.set(text);
    this.changed(text);
    $('#samples-show').focus();
  }

  changed(text) {
    this.text = text;
    this.onChange(text);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), 300);
  }

  /** Saves the list now (the page is being left). */
  flush() {
    clearTimeout(this.timer);
    this.timer = 0;
    const kept = saveSamples(this.text);
    const note = $('#samples-storage');
    note.hidden = kept;
    if (!kept) note.textContent = 'This browser refused to keep the list (storage full or disabled): it will be gone after a reload.';
  }
}
