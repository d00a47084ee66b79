// The browser preview (www/) in real Chromium: building a pipeline through the form, errors at
// the right transform and field, import/export, reordering, the URL state, and a clean console.
//
// Run with scripts/test-browser.sh (it builds www/pkg first if it is missing).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT,
  WWW,
  addTransforms,
  clearAll,
  depthsOf,
  exported,
  launch,
  openPreview,
  results,
  row,
  serve,
  setSamples,
  setTransform,
  traceSteps,
} from './harness.mjs';

if (!existsSync(join(WWW, 'pkg', 'callerid_transform.js'))) {
  throw new Error('www/pkg is missing: build it with scripts/build-wasm.sh (scripts/test-browser.sh does)');
}

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the page, runs `body`, then checks nothing went wrong in the console or network. */
async function withPage(hash, body) {
  const { page, problems } = await openPreview(browser.context, server.url, hash);
  try {
    await body(page);
    // Let any pending async work (clipboard, timers) surface its errors.
    await page.waitForTimeout(50);
    assert.deepEqual(problems, [], 'no console errors, page errors or stray requests');
  } finally {
    await page.close();
  }
}

const UK_RULES = [
  { type: 'if_prefix', value: '+', number: '1' },
  { type: 'stop' },
  { type: 'remove_chars', value: ' -' },
  { type: 'to_e164', value: '44', value2: '0' },
];

describe('browser preview', () => {
  test('the example page loads with results, explanation and a trace', async () => {
    await withPage('', async (page) => {
      assert.equal(await page.title(), 'Caller-ID transform preview');
      assert.ok((await page.locator('#list > li').count()) > 0, 'an example pipeline is shown');
      assert.match(await page.locator('#summary').textContent(), /valid/);
      const rows = await results(page);
      assert.deepEqual(rows[0], ['020 7946 0000', '+442079460000', 'changed']);
      assert.ok((await page.locator('#explain li').count()) === (await page.locator('#list > li').count()));
      assert.ok((await traceSteps(page)).length > 0, 'the first sample is traced');
      // The type dropdown is grouped, and every type comes from the engine's table.
      const groups = await row(page, 0).locator('select.type optgroup').evaluateAll((gs) => gs.map((g) => g.label));
      assert.deepEqual(groups, ['API types', 'Extended', 'Guards and control']);
      const names = await row(page, 0).locator('select.type option').evaluateAll((os) => os.map((o) => o.value));
      assert.ok(names.includes('add_prefix') && names.includes('regex_replace') && names.includes('if_pattern'));

      await page.locator('#results tbody tr').nth(0).click();
      await mkdir(join(ROOT, 'test-artifacts'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'test-artifacts', 'preview.png'), fullPage: true });
    });
  });

  test('build a pipeline through the form; results and trace for typed numbers', async () => {
    await withPage('', async (page) => {
      await clearAll(page);
      assert.equal(await page.locator('#list > li').count(), 0);
      await addTransforms(page, UK_RULES);

      // Only the fields each type uses, with the engine's hint and placeholder.
      assert.equal(await row(page, 1).locator('input').count(), 0, 'stop has no fields');
      assert.equal(await row(page, 2).locator('input').count(), 1, 'remove_chars has only value');
      assert.deepEqual(
        await row(page, 3).locator('input').evaluateAll((is) => is.map((i) => i.dataset.field)),
        ['value', 'value2', 'number'],
      );
      assert.equal(await row(page, 3).locator('input[data-field="value"]').getAttribute('placeholder'), '44');
      assert.match(await row(page, 3).locator('.field-value .hint').textContent(), /country calling code/);

      // The guard indents the one transform it governs.
      assert.deepEqual(await depthsOf(page), [0, 1, 0, 0]);
      assert.match(await page.locator('#summary').textContent(), /4 transforms · valid/);
      const explain = await page.locator('#explain li').allTextContents();
      assert.equal(explain.length, 4);
      assert.equal(await page.locator('#explain li').nth(1).getAttribute('data-depth'), '1');

      await setSamples(page, ['020 7946 0000', '+442079460000', 'anonymous', '']);
      assert.deepEqual(await results(page), [
        ['020 7946 0000', '+442079460000', 'changed'],
        ['+442079460000', '+442079460000', 'unchanged'],
        ['anonymous', 'anonymous', 'unchanged'],
        ['(withheld)', '(withheld)', 'unchanged'],
      ]);

      await page.locator('#results tbody tr').nth(0).click();
      assert.equal(await page.locator('#results tbody tr[aria-current="true"]').getAttribute('data-sample'), '0');
      assert.deepEqual(await traceSteps(page), [
        { index: 0, type: 'if_prefix', before: '020 7946 0000', after: '020 7946 0000', status: 'guard_failed' },
        { index: 1, type: 'stop', before: '020 7946 0000', after: '020 7946 0000', status: 'skipped' },
        { index: 2, type: 'remove_chars', before: '020 7946 0000', after: '02079460000', status: 'changed' },
        { index: 3, type: 'to_e164', before: '02079460000', after: '+442079460000', status: 'changed' },
      ]);
      assert.match(await page.locator('#trace-result').textContent(), /Output: \+442079460000/);

      // Keyboard: focus the second row and press Enter.
      await page.locator('#results tbody tr').nth(1).focus();
      await page.keyboard.press('Enter');
      const held = await traceSteps(page);
      assert.deepEqual(held.map((s) => s.status), ['guard_held', 'stopped', 'not_reached', 'not_reached']);
      assert.match(await page.locator('#trace-result').textContent(), /Output: \+442079460000/);

      // A number typed into the samples is traced when its row is chosen.
      await page.locator('#samples').press('Control+End');
      await page.locator('#samples').pressSequentially('07700-900123');
      const rows = await results(page);
      assert.deepEqual(rows[3], ['07700-900123', '+447700900123', 'changed']);
      await page.locator('#results tbody tr').nth(3).click();
      assert.deepEqual((await traceSteps(page)).map((s) => s.after), ['07700-900123', '07700-900123', '07700900123', '+447700900123']);
    });
  });

  test('a bad regex is shown at its transform and field; lint warnings softly', async () => {
    await withPage('', async (page) => {
      await clearAll(page);
      await addTransforms(page, [
        { type: 'add_prefix', value: '0' },
        { type: 'regex_replace', value: '(', value2: '' },
        { type: 'strip_digits_start', number: '0' },
      ]);
      const bad = row(page, 1).locator('.field-value .msg.error');
      await bad.waitFor();
      assert.equal(await bad.getAttribute('data-kind'), 'invalid_regex');
      assert.equal(await row(page, 1).locator('input[data-field="value"]').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#list .msg.error').count(), 1, 'the only error is at transform 2, field value');
      assert.equal(await row(page, 0).locator('.msg').count(), 0);
      assert.match(await page.locator('#summary').textContent(), /1 error/);
      assert.equal(await page.locator('#results tbody tr').count(), 0);
      assert.match(await page.locator('#results-note').textContent(), /errors/);

      // The no-op strip is a soft warning, not an error.
      const warning = row(page, 2).locator('.msg.warning');
      assert.equal(await warning.getAttribute('data-kind'), 'no_op');

      // A replacement naming a missing group is an error at value2.
      await setTransform(page, 1, { type: 'regex_replace', value: '^0(\\d+)$', value2: '+44$2' });
      const bad2 = row(page, 1).locator('.field-value2 .msg.error');
      assert.equal(await bad2.getAttribute('data-kind'), 'invalid_replacement');
      assert.equal(await row(page, 1).locator('.field-value .msg').count(), 0);

      // Fixed: no errors, results again.
      await row(page, 1).locator('input[data-field="value2"]').fill('+44$1');
      assert.equal(await page.locator('#list .msg.error').count(), 0);
      await setSamples(page, ['1234']);
      assert.deepEqual(await results(page), [['1234', '+441234', 'changed']]);
    });
  });

  test('import a trunk object; export gives the same caller_id_transforms back', async () => {
    const trunk = {
      id: 'trk_01',
      name: 'Main office trunk',
      caller_id_transforms: [
        { type: 'if_pattern', value: '_0XXXXXXXXXX', number: 2 },
        { type: 'strip_digits_start', number: 1 },
        { type: 'add_prefix', value: '+44' },
        { type: 'regex_replace', value: '^00(\\d+)$', value2: '+\\1', number: 1 },
        { type: 'replace', value: '-' },
        { type: 'set_if_empty', value: 'anonymous' },
      ],
      codecs: ['PCMU'],
    };
    await withPage('', async (page) => {
      await page.locator('#import-text').fill(JSON.stringify(trunk, null, 2));
      await page.getByRole('button', { name: /^Import/ }).click();
      assert.match(await page.locator('#import-message').textContent(), /Imported 6 transforms/);
      assert.equal(await page.locator('#list > li').count(), 6);
      assert.deepEqual(await depthsOf(page), [0, 1, 1, 0, 0, 0]);
      assert.deepEqual(await exported(page), trunk.caller_id_transforms);
      assert.equal(await row(page, 3).locator('select.type').inputValue(), 'regex_replace');
      assert.equal(await row(page, 3).locator('input[data-field="value2"]').inputValue(), '+\\1');

      // Copy puts the export text on the clipboard (or says how to copy it).
      await page.getByRole('button', { name: 'Copy' }).click();
      await page.locator('#copy-message:not(:empty)').waitFor();

      // A bare array imports too; JSON errors leave the list alone.
      await page.locator('#import-text').fill('[{"type": "digits_only"}]');
      await page.getByRole('button', { name: /^Import/ }).click();
      assert.deepEqual(await exported(page), [{ type: 'digits_only' }]);
      await page.locator('#import-text').fill('[{"type": "digits_only"');
      await page.getByRole('button', { name: /^Import/ }).click();
      assert.match(await page.locator('#import-message').textContent(), /line 1/);
      assert.deepEqual(await exported(page), [{ type: 'digits_only' }]);

      // Back undoes an import.
      await page.goBack();
      await page.waitForFunction(() => document.querySelectorAll('#list > li').length === 6);
      assert.deepEqual(await exported(page), trunk.caller_id_transforms);
    });
  });

  test('move up / move down (keyboard) reorders and changes the result', async () => {
    await withPage('', async (page) => {
      await clearAll(page);
      await addTransforms(page, [
        { type: 'strip_digits_start', number: '1' },
        { type: 'add_prefix', value: '9' },
      ]);
      await setSamples(page, ['0123']);
      assert.deepEqual(await results(page), [['0123', '9123', 'changed']]);
      assert.equal(await row(page, 0).getByRole('button', { name: 'Move transform 1 up' }).isDisabled(), true);

      await row(page, 1).getByRole('button', { name: 'Move transform 2 up' }).focus();
      await page.keyboard.press('Enter');
      assert.deepEqual(await exported(page), [{ type: 'add_prefix', value: '9' }, { type: 'strip_digits_start', number: 1 }]);
      assert.deepEqual(await results(page), [['0123', '0123', 'unchanged']]);
      // The keyboard stays with the moved transform: now first, so on its "down" button.
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Move transform 1 down');
      await page.keyboard.press('Space');
      assert.deepEqual(await results(page), [['0123', '9123', 'changed']]);

      // Duplicate and remove.
      await row(page, 1).getByRole('button', { name: 'Duplicate transform 2' }).click();
      assert.deepEqual(await results(page), [['0123', '99123', 'changed']]);
      await row(page, 0).getByRole('button', { name: 'Remove transform 1' }).click();
      assert.deepEqual(await results(page), [['0123', '990123', 'changed']]);
    });
  });

  test('an apply error (length limit) shows in the results and the trace', async () => {
    await withPage('', async (page) => {
      await clearAll(page);
      await addTransforms(page, [
        { type: 'add_prefix', value: '1' },
        { type: 'add_suffix', value: 'x'.repeat(200) },
      ]);
      await setSamples(page, ['12345', '9'.repeat(100)]);
      const rows = await results(page);
      assert.equal(rows[0][1], '112345' + 'x'.repeat(200));
      assert.equal(rows[1][1], '—');
      assert.match(rows[1][2], /^error at transform 2: /);
      await page.locator('#results tbody tr').nth(1).click();
      assert.match(await page.locator('#trace-result').textContent(), /failed at transform 2/);
      assert.deepEqual((await traceSteps(page)).map((s) => s.status), ['changed', 'error']);
    });
  });

  test('the URL hash holds the state: reload and a shared link restore it', async () => {
    let url;
    await withPage('', async (page) => {
      await clearAll(page);
      await addTransforms(page, [
        { type: 'if_length', value: '11', number: '' },
        { type: 'to_e164', value: '44', value2: '0' },
        { type: 'mask', value: '+XXXXXXXXXXXXX' },
      ]);
      await setSamples(page, ['020 7946 0000', '07700 900123', 'ünïcode']);
      await page.locator('#results tbody tr').nth(1).click();
      await page.waitForSelector('body[data-hash-pending="false"]');
      url = page.url();
      assert.match(url, /#s=[A-Za-z0-9_-]+$/);
      const before = { list: await exported(page), results: await results(page), trace: await traceSteps(page) };

      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      assert.deepEqual(await exported(page), before.list);
      assert.equal(await page.locator('#samples').inputValue(), '020 7946 0000\n07700 900123\nünïcode');
      assert.deepEqual(await results(page), before.results);
      assert.equal(await page.locator('#results tbody tr[aria-current="true"]').getAttribute('data-sample'), '1');
      assert.deepEqual(await traceSteps(page), before.trace);
      assert.equal(await row(page, 0).locator('select.type').inputValue(), 'if_length');
      assert.equal(await row(page, 1).locator('input[data-field="value2"]').inputValue(), '0');

      // An edit is kept even when the page is reloaded right after it.
      await row(page, 2).locator('input[data-field="value"]').fill('+XXXXXXXXXXXX');
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      assert.equal(await row(page, 2).locator('input[data-field="value"]').inputValue(), '+XXXXXXXXXXXX');
    });
    // The same link in a fresh page shows the same thing.
    await withPage(url.slice(url.indexOf('#')), async (page) => {
      assert.equal(await page.locator('#list > li').count(), 3);
      assert.equal(await page.locator('#results tbody tr[aria-current="true"]').getAttribute('data-sample'), '1');
    });
    // A broken hash falls back to the example with a notice, and no console error.
    await withPage('#s=!!!not-base64', async (page) => {
      assert.match(await page.locator('#status').textContent(), /cannot read/);
      assert.ok((await page.locator('#list > li').count()) > 0);
    });
  });
});
