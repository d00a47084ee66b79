// Import and export. Import is strict: the pasted text goes to the engine's own `validate`
// and is loaded exactly as pasted (nothing silently fixed); errors then show at their
// transform and field. Export gives the array, or the imported trunk object back with its
// other members. Copy, Download and "Copy as cURL" ask first when the configuration has errors.

import { exportValue, fromWire } from './model.js';

const $ = (sel) => document.querySelector(sel);
const FATAL = ['json', 'shape', 'config_too_large', 'too_many_transforms'];

function say(node, text, kind) {
  node.textContent = text;
  node.className = `io-message ${kind}`;
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Wires the import and export panels. `app`: {validate(text), importRules(format, text,
 * options), doc(), replaceDoc(doc), errorCount(), firstError()}.
 */
export function setupIo(app) {
  const msg = $('#import-message');
  const format = $('#import-format');
  format.addEventListener('change', () => {
    for (const e of document.querySelectorAll('.vendor-only')) e.hidden = format.value === 'json';
  });
  $('#import').addEventListener('click', () => {
    const source = $('#import-text').value;
    if (format.value !== 'json') return importVendor(app, format.value, source, msg);
    if (!source.trim()) return say(msg, 'Paste a JSON array or trunk object first.', 'bad');
    const report = app.validate(source);
    // The text could not be read as a list of transforms at all: the list stays as it was.
    const fatal = (report.errors ?? []).filter((e) => FATAL.includes(e.kind) && (e.index === null || e.index === undefined));
    if (fatal.length) return say(msg, `Not imported: ${fatal.map((e) => e.message).join('; ')}`, 'bad');
    const data = JSON.parse(source);
    const trunk = Array.isArray(data) ? null : data;
    const list = Array.isArray(data) ? data : data.caller_id_transforms ?? [];
    const listNull = !Array.isArray(data) && data.caller_id_transforms === null;
    app.replaceDoc({ transforms: list.map(fromWire), trunk, listNull });
    const errors = (report.errors ?? []).length;
    const what = listNull ? 'caller_id_transforms is null: no transforms' : plural(list.length, 'transform');
    if (errors) {
      say(msg, `Imported ${what} with ${plural(errors, 'error')}: the API would refuse this configuration. The errors are shown at their transforms.`, 'bad');
      app.firstError()?.focus();
    } else {
      say(msg, `Imported ${what}${trunk ? ' (trunk object: Export gives it back with its other members)' : ''}; the engine accepts it.`, 'ok');
    }
  });

  const copyMsg = $('#copy-message');
  setupCopy(app, copyMsg);
}

/** Another system's rule table, through the engine's importer: strict unless "Lossy". */
function importVendor(app, format, source, msg) {
  const label = $('#import-format').selectedOptions[0].textContent;
  if (!source.trim()) return say(msg, `Paste the ${label} first.`, 'bad');
  const select = $('#import-select').value.trim();
  const options = { lossy: $('#import-lossy').checked, ...(select ? { select } : {}) };
  let imported;
  try {
    imported = app.importRules(format, source, options);
  } catch (e) {
    const errors = Array.isArray(e.errors) ? e.errors : [{ line: null, message: String(e.message ?? e) }];
    const where = (n) => (n.line === null || n.line === undefined ? '' : `line ${n.line}: `);
    return say(msg, `Not imported (${label}): ${errors.map((n) => where(n) + n.message).join('; ')}`, 'bad');
  }
  app.replaceDoc({ transforms: imported.transforms.map(fromWire), trunk: null, listNull: false });
  const warnings = imported.warnings ?? [];
  const notes = warnings.map((n) => `${n.line === null || n.line === undefined ? '' : `line ${n.line}: `}${n.message}`);
  const n = imported.transforms.length;
  say(
    msg,
    `Imported ${plural(n, 'transform')} from the ${label}` +
      (warnings.length ? ` with ${plural(warnings.length, 'warning')} (lossy): ${notes.join('; ')}` : '.'),
    warnings.length || app.errorCount() ? 'warn' : 'ok',
  );
}

function setupCopy(app, copyMsg) {
  const confirm = $('#confirm');
  let pending = null;
  /** Runs `action` at once if the configuration is valid, else after the user confirms. */
  function guarded(what, action) {
    const n = app.errorCount();
    if (!n) return action();
    pending = action;
    $('#confirm-text').textContent = `The configuration has ${plural(n, 'error')}; the API will refuse it. ${what} anyway?`;
    $('#confirm-yes').textContent = `${what} anyway`;
    confirm.hidden = false;
    $('#confirm-no').focus();
  }
  $('#confirm-yes').addEventListener('click', () => {
    confirm.hidden = true;
    const action = pending;
    pending = null;
    action?.();
  });
  $('#confirm-no').addEventListener('click', () => {
    confirm.hidden = true;
    pending = null;
    say(copyMsg, 'Nothing copied.', 'warn');
  });

  async function copyText(text, done) {
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      ok = false;
    }
    const errors = app.errorCount();
    if (ok) say(copyMsg, errors ? `${done} (with ${plural(errors, 'error')}).` : `${done}.`, errors ? 'warn' : 'ok');
    else say(copyMsg, 'The browser refused the clipboard: select the text and copy it (Ctrl+C).', 'warn');
  }

  const exportText = () => JSON.stringify(exportValue(app.doc()), null, 2);
  $('#copy').addEventListener('click', () => guarded('Copy', () => copyText(exportText(), 'Copied')));
  $('#download').addEventListener('click', () =>
    guarded('Download', () => {
      const blob = new Blob([exportText() + '\n'], { type: 'application/json' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'caller_id_transforms.json';
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      say(copyMsg, 'Downloaded caller_id_transforms.json.', app.errorCount() ? 'warn' : 'ok');
    }),
  );
  $('#copy-curl').addEventListener('click', () => {
    const base = $('#curl-base').value.trim().replace(/\/+$/, '');
    const id = $('#curl-id').value.trim();
    if (!base || !id) {
      say(copyMsg, 'Fill in the base URL and the trunk id first.', 'bad');
      (!base ? $('#curl-base') : $('#curl-id')).focus();
      return;
    }
    guarded('Copy', () => copyText(curlCommand(base, id, app.doc()), 'Copied the cURL command'));
  });
}

const shellQuote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The trunk API call that sets this configuration; the token comes from the environment. */
export function curlCommand(base, id, doc) {
  const value = exportValue(doc);
  const list = Array.isArray(value) ? value : value.caller_id_transforms;
  const body = JSON.stringify({ caller_id_transforms: list });
  const url = `${base}/v1/sip-trunks/${encodeURIComponent(id)}`;
  return [
    `curl -X PATCH ${shellQuote(url)}`,
    `  -H "Authorization: Bearer $API_TOKEN"`,
    `  -H 'Content-Type: application/json'`,
    `  --data-raw ${shellQuote(body)}`,
  ].join(' \\\n');
}
