// The browser preview (www/) in real Chromium: building a pipeline through the form, errors at
// the right transform and field, results and traces, reordering, the URL and local state, and
// a clean console. Run with scripts/test-browser.sh (it builds www/pkg first if it is missing).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { env, withPage } from './common.mjs';
import {
  ROOT,
  addTransforms,
  clearAll,
  clickResult,
  depthsOf,
  exported,
  freshResults,
  results,
  row,
  rules,
  setSamples,
  setTransform,
  traceSteps,
} from './harness.mjs';

const UK_RULES = [
  { type: 'if_prefix', value: '+', number: '1' },
  { type: 'stop' },
  { type: 'remove_chars', value: ' -' },
  { type: 'to_e164', value: '44', value2: '0' },
];

describe('browser preview', () => {
  test('the example page loads with results, explanation and a trace beside the table', async () => {
    await withPage('', async (page) => {
      assert.equal(await page.title(), 'Caller-ID transform preview');
      assert.ok((await page.locator('#list > li').count()) > 0, 'an example pipeline is shown');
      assert.match(await page.locator('#summary').textContent(), /valid/);
      const rows = await results(page);
      assert.deepEqual(rows[0], ['020 7946 0000', '+442079460000', 'changed']);
      assert.equal(await page.locator('#explain li').count(), await page.locator('#list > li').count());
      assert.ok((await traceSteps(page)).length > 0, 'the first sample is traced');
      // The trace sits beside the results, not below them (at desktop width).
      const table = await page.locator('#results').boundingBox();
      const trace = await page.locator('#trace-panel').boundingBox();
      assert.ok(trace.x > table.x + table.width - 1, 'trace to the right of the table');
      assert.ok(trace.y < table.y + table.height, 'trace level with the table');
      await mkdir(join(ROOT, 'test-artifacts'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'test-artifacts', 'preview.png'), fullPage: true });
    });
  });

  test('build a pipeline through the form; results, rule column and trace', async () => {
    await withPage('', async (page) => {
      await clearAll(page);
      assert.equal(await page.locator('#list > li').count(), 0);
      await addTransforms(page, UK_RULES);

      // Only the fields each type uses, with the engine's hint and an example placeholder.
      assert.equal(await row(page, 1).locator('input.field-input').count(), 0, 'stop has no fields');
      assert.equal(await row(page, 2).locator('input.field-input').count(), 1, 'remove_chars has only value');
      assert.deepEqual(
        await row(page, 3).locator('input.field-input').evaluateAll((is) => is.map((i) => i.dataset.field)),
        ['value', 'value2', 'number'],
      );
      assert.equal(await row(page, 3).locator('input[data-field="value"]').getAttribute('placeholder'), 'e.g. 44');
      assert.match(await row(page, 3).locator('.field-value .hint').textContent(), /country calling code/);

      // The guard indents the one transform it governs (structure from the engine's blocks()).
      assert.deepEqual(await depthsOf(page), [0, 1, 0, 0]);
      assert.match(await page.locator('#summary').textContent(), /4 transforms · valid/);
      assert.equal(await page.locator('#explain li').count(), 4);
      assert.equal(await page.locator('#explain li').nth(1).getAttribute('data-depth'), '1');

      await setSamples(page, ['020 7946 0000', '+442079460000', 'anonymous', '']);
      assert.deepEqual(await results(page), [
        ['020 7946 0000', '+442079460000', 'changed'],
        ['+442079460000', '+442079460000', 'unchanged'],
        ['anonymous', 'anonymous', 'unchanged'],
        ['(withheld)', '(withheld)', 'unchanged'],
      ]);
      // Which transforms decided: 3 and 4 changed the first; the stop (2) ended the second;
      // nothing decided "anonymous" (to_e164 lets words pass unchanged) or the withheld one.
      assert.deepEqual(await rules(page), ['3 4', '2', '—', '—']);

      await clickResult(page, 0);
      assert.equal(await page.locator('#results').getAttribute('aria-activedescendant'), 'res-0');
      assert.deepEqual(await traceSteps(page), [
        { index: 0, type: 'if_prefix', before: '020 7946 0000', after: '020 7946 0000', status: 'guard_failed' },
        { index: 1, type: 'stop', before: '020 7946 0000', after: '020 7946 0000', status: 'skipped' },
        { index: 2, type: 'remove_chars', before: '020 7946 0000', after: '02079460000', status: 'changed' },
        { index: 3, type: 'to_e164', before: '02079460000', after: '+442079460000', status: 'changed' },
      ]);
      assert.match(await page.locator('#trace-result').textContent(), /Output: \+442079460000/);

      // Keyboard: the table is one Tab stop; the arrow keys choose the traced number.
      await page.locator('#results').focus();
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.locator('#results').getAttribute('aria-activedescendant'), 'res-1');
      const held = await traceSteps(page);
      assert.deepEqual(held.map((s) => s.status), ['guard_held', 'stopped', 'not_reached', 'not_reached']);
      await page.keyboard.press('End');
      assert.equal(await page.locator('#results').getAttribute('aria-activedescendant'), 'res-3');
      await page.keyboard.press('Home');
      assert.equal(await page.locator('#results').getAttribute('aria-activedescendant'), 'res-0');
      assert.equal(await page.locator('#results [tabindex]').count(), 0, 'no Tab stop inside the table');

      // A number typed into the samples is traced when its row is chosen.
      await page.locator('#samples').press('Control+End');
      await page.locator('#samples').pressSequentially('\n07700-900123');
      const rows = await results(page);
      assert.deepEqual(rows[4], ['07700-900123', '+447700900123', 'changed']);
      await clickResult(page, 4);
      assert.deepEqual((await traceSteps(page)).map((s) => s.after), ['07700-900123', '07700-900123', '07700900123', '+447700900123']);
    });
  });

  test('counts, filters and search over the results', async () => {
    await withPage('', async (page) => {
      await clearAll(page);
      await addTransforms(page, [
        { type: 'if_prefix', value: '0', number: '1' },
        { type: 'replace_prefix', value: '0', value2: '+44' },
        { type: 'add_suffix', value: 'x'.repeat(251) },
      ]);
      await setSamples(page, ['0201', '123', '0777', '9'.repeat(20)]);
      await freshResults(page);
      // 0201 and 0777 become +44201 and +44777, and 6 + 251 > 256 characters fails at
      // transform 3; 123 + 251 = 254 fits (changed); 20 + 251 fails.
      assert.match(await page.locator('#counts').textContent(), /^4 numbers · 1 changed · 0 unchanged · 3 failed$/);
      await page.locator('#filter').selectOption('failed');
      assert.deepEqual((await results(page)).map((r) => r[0]), ['0201', '0777', '9'.repeat(20)]);
      assert.match((await results(page))[0][2], /^error at transform 3: /);
      await page.locator('#filter').selectOption('changed');
      assert.deepEqual((await results(page)).map((r) => r[0]), ['123']);
      // "Decided by transform 2": the numbers whose prefix the guarded transform replaced.
      await page.locator('#filter').selectOption('rule:1');
      assert.deepEqual((await results(page)).map((r) => r[0]), ['0201', '0777']);
      await page.locator('#filter').selectOption('all');
      await page.locator('#search').fill('77');
      assert.deepEqual((await results(page)).map((r) => r[0]), ['0777']);
      assert.match(await page.locator('#counts').textContent(), /showing 1$/);
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
      const input = row(page, 1).locator('input[data-field="value"]');
      assert.equal(await input.getAttribute('aria-invalid'), 'true');
      // The error is tied to its input: its id is in the input's aria-describedby.
      const describedBy = (await input.getAttribute('aria-describedby')).split(' ');
      assert.ok(describedBy.includes(await row(page, 1).locator('.field-value .msgs').getAttribute('id')));
      assert.equal(await page.locator('#list .msg.error').count(), 1, 'the only error is at transform 2, field value');
      assert.equal(await row(page, 0).locator('.msg').count(), 0);
      assert.match(await page.locator('#summary').textContent(), /1 error/);

      const warning = row(page, 2).locator('.msg.warning');
      assert.equal(await warning.getAttribute('data-kind'), 'no_op');

      // A replacement naming a missing group is an error at value2.
      await setTransform(page, 1, { value: '^0(\\d+)$', value2: '+44$2' });
      const bad2 = row(page, 1).locator('.field-value2 .msg.error');
      assert.equal(await bad2.getAttribute('data-kind'), 'invalid_replacement');
      assert.equal(await row(page, 1).locator('.field-value .msg').count(), 0);

      await row(page, 1).locator('input[data-field="value2"]').fill('+44$1');
      assert.equal(await page.locator('#list .msg.error').count(), 0);
      await setSamples(page, ['1234']);
      assert.deepEqual(await results(page), [['1234', '+441234', 'changed']]);
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
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Move transform 1 down');
      await page.keyboard.press('Space');
      assert.deepEqual(await results(page), [['0123', '9123', 'changed']]);

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
      await clickResult(page, 1);
      assert.match(await page.locator('#trace-result').textContent(), /failed at transform 2/);
      assert.deepEqual((await traceSteps(page)).map((s) => s.status), ['changed', 'error']);
    });
  });

  test('the link holds the configuration and a few samples; reload restores everything', async () => {
    let url;
    await withPage('', async (page) => {
      await clearAll(page);
      await addTransforms(page, [
        { type: 'if_length', value: '11', number: '' },
        { type: 'to_e164', value: '44', value2: '0' },
        { type: 'mask', value: '+XXXXXXXXXXXXX' },
      ]);
      await setSamples(page, ['020 7946 0000', '07700 900123', 'ünïcode']);
      await clickResult(page, 1);
      await page.waitForSelector('body[data-hash-pending="false"]');
      url = page.url();
      assert.match(url, /#s=[A-Za-z0-9_-]+$/);
      const before = { list: await exported(page), results: await results(page), trace: await traceSteps(page) };

      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      assert.deepEqual(await exported(page), before.list);
      assert.equal(await page.locator('#samples').inputValue(), '020 7946 0000\n07700 900123\nünïcode');
      assert.deepEqual(await results(page), before.results);
      assert.equal(await page.locator('#results').getAttribute('aria-activedescendant'), 'res-1');
      assert.deepEqual(await traceSteps(page), before.trace);

      // An edit is kept even when the page is reloaded at once (stored locally, synchronously).
      await row(page, 2).locator('input[data-field="value"]').fill('+XXXXXXXXXXXX');
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      assert.equal(await row(page, 2).locator('input[data-field="value"]').inputValue(), '+XXXXXXXXXXXX');
    });
    // The same link in a fresh tab (nothing stored) shows the same configuration and samples.
    await withPage(url.slice(url.indexOf('#')), async (page) => {
      assert.equal(await page.locator('#list > li').count(), 3);
      assert.equal(await page.locator('#samples').inputValue(), '020 7946 0000\n07700 900123\nünïcode');
      assert.equal(await page.locator('#results').getAttribute('aria-activedescendant'), 'res-1');
    });
    // A broken hash falls back with a notice, and no console error.
    await withPage('#s=!!!not-base64', async (page) => {
      assert.match(await page.locator('#status').textContent(), /cannot read/);
      assert.ok((await page.locator('#list > li').count()) > 0);
    });
  });

  test('opening the page without a link brings back the last work of this browser', async () => {
    const { openPreview } = await import('./harness.mjs');
    await withPage('', async (page) => {
      await clearAll(page);
      await addTransforms(page, [{ type: 'add_prefix', value: '+1' }]);
      await setSamples(page, ['555']);
      await freshResults(page);
      await page.waitForTimeout(400); // the sample list is saved 300 ms after the last change
    });
    const { page } = await openPreview(env.browser.context, env.server.url, '', { keepStorage: true });
    try {
      assert.deepEqual(await exported(page), [{ type: 'add_prefix', value: '+1' }]);
      assert.deepEqual(await results(page), [['555', '+1555', 'changed']]);
    } finally {
      await page.close();
    }
  });
});
