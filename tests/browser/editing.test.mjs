// Editing without surprises: strict import (the engine's own validation, nothing silently
// fixed), the trunk object round trip, Copy/Export that ask first when there are errors,
// "Copy as cURL", undo/redo, type changes that keep fields, the searchable type picker, and
// results kept (marked out of date) while the configuration is incomplete.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertTextBecomes, env, withPage } from './common.mjs';
import { addTransforms, clearAll, exported, freshResults, pickType, results, row, setSamples, setTransform } from './harness.mjs';

async function importText(page, text) {
  await page.locator('#import-text').fill(typeof text === 'string' ? text : JSON.stringify(text));
  await page.getByRole('button', { name: /^Import/ }).click();
  return page.locator('#import-message').textContent();
}

describe('strict import and export', () => {
  test('a number in value is an error at transform 1, value; exported unchanged', async () => {
    await withPage('', async (page) => {
      const message = await importText(page, '[{"type":"add_prefix","value":44}]');
      assert.match(message, /Imported 1 transform with 1 error: the API would refuse/);
      const err = row(page, 0).locator('.field-value .msg.error');
      assert.equal(await err.getAttribute('data-kind'), 'wrong_type');
      assert.equal(await row(page, 0).locator('input[data-field="value"]').getAttribute('aria-invalid'), 'true');
      assert.deepEqual(await exported(page), [{ type: 'add_prefix', value: 44 }], 'not silently turned into "44"');
      assert.match(await page.locator('#export-state').textContent(), /Not ready: 1 error/);
      // Editing the field replaces the pasted value with the typed text.
      await row(page, 0).locator('input[data-field="value"]').fill('44');
      assert.deepEqual(await exported(page), [{ type: 'add_prefix', value: '44' }]);
      assert.equal(await page.locator('#list .msg.error').count(), 0);
    });
  });

  test('a string in number is an error at transform 1, number', async () => {
    await withPage('', async (page) => {
      await importText(page, '[{"type":"strip_digits_start","number":"1"}]');
      assert.equal(await row(page, 0).locator('.field-number .msg.error').getAttribute('data-kind'), 'wrong_type');
      assert.deepEqual(await exported(page), [{ type: 'strip_digits_start', number: '1' }]);
    });
  });

  test('an unknown member is an error at its transform, kept until removed', async () => {
    await withPage('', async (page) => {
      const message = await importText(page, '[{"type":"add_prefix","value":"+1"},{"type":"add_prefix","value":"+1","comment":"x"}]');
      assert.match(message, /with 1 error/);
      assert.equal(await row(page, 1).locator('.row-msgs .msg.error').getAttribute('data-kind'), 'unknown_field');
      assert.match(await row(page, 1).locator('.row-msgs .msg.error').textContent(), /comment/);
      assert.equal(await row(page, 0).locator('.msg.error').count(), 0);
      assert.deepEqual((await exported(page))[1], { type: 'add_prefix', value: '+1', comment: 'x' });
      await row(page, 1).getByRole('button', { name: 'Remove member comment from transform 2' }).click();
      assert.deepEqual((await exported(page))[1], { type: 'add_prefix', value: '+1' });
      assert.equal(await page.locator('#list .msg.error').count(), 0);
    });
  });

  test('an unknown type offers the nearest one as a one-click fix', async () => {
    await withPage('', async (page) => {
      await importText(page, '[{"type":"add_prefx","value":"+1"}]');
      const err = row(page, 0).locator('.type-msgs .msg.error');
      assert.equal(await err.getAttribute('data-kind'), 'unknown_type');
      // The value is kept and not called unused while the type is unknown.
      assert.equal(await row(page, 0).locator('input[data-field="value"]').inputValue(), '+1');
      assert.doesNotMatch(await row(page, 0).textContent(), /unused/i);
      await row(page, 0).getByRole('button', { name: 'Use add_prefix' }).click();
      assert.deepEqual(await exported(page), [{ type: 'add_prefix', value: '+1' }]);
      assert.equal(await page.locator('#list .msg.error').count(), 0);
    });
  });

  test('a trunk object round-trips; caller_id_transforms null is "no transforms"', async () => {
    const trunk = {
      id: 'trk_01',
      name: 'Main office trunk',
      caller_id_transforms: [
        { type: 'if_pattern', value: '_0XXXXXXXXXX', number: 2 },
        { type: 'strip_digits_start', number: 1 },
        { type: 'add_prefix', value: '+44' },
      ],
      codecs: ['PCMU'],
      enabled: true,
    };
    await withPage('', async (page) => {
      assert.match(await importText(page, trunk), /Imported 3 transforms \(trunk object/);
      assert.deepEqual(await exported(page), trunk);
      await row(page, 2).locator('input[data-field="value"]').fill('+33');
      assert.deepEqual(await exported(page), { ...trunk, caller_id_transforms: [trunk.caller_id_transforms[0], trunk.caller_id_transforms[1], { type: 'add_prefix', value: '+33' }] });

      assert.match(await importText(page, '{"caller_id_transforms": null}'), /caller_id_transforms is null: no transforms/);
      assert.equal(await page.locator('#list > li').count(), 0);
      assert.match(await page.locator('#empty-list').textContent(), /No transforms: caller_id_transforms is null/);
      assert.deepEqual(await exported(page), { caller_id_transforms: null });

      // Text that is not a configuration at all leaves the list alone.
      assert.match(await importText(page, '[{"type": "digits_only"'), /Not imported: .*line 1/);
      assert.deepEqual(await exported(page), { caller_id_transforms: null });
    });
  });

  test('Copy with errors asks first; Copy as cURL builds the PATCH call without a secret', async () => {
    await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await withPage('', async (page) => {
      await clearAll(page);
      await addTransforms(page, [{ type: 'strip_digits_start', number: '1' }]);
      await page.getByRole('button', { name: 'Copy', exact: true }).click();
      await assertTextBecomes(page, '#copy-message', 'Copied.');
      assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), [{ type: 'strip_digits_start', number: 1 }]);

      await row(page, 0).locator('input[data-field="number"]').fill('-1');
      await page.getByRole('button', { name: 'Copy', exact: true }).click();
      assert.equal(await page.locator('#confirm').isVisible(), true);
      assert.match(await page.locator('#confirm-text').textContent(), /1 error; the API will refuse it/);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await assertTextBecomes(page, '#copy-message', 'Nothing copied.');
      assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), [{ type: 'strip_digits_start', number: 1 }]);
      await page.getByRole('button', { name: 'Copy', exact: true }).click();
      await page.getByRole('button', { name: 'Copy anyway' }).click();
      await assertTextBecomes(page, '#copy-message', 'Copied (with 1 error).');

      await row(page, 0).locator('input[data-field="number"]').fill('2');
      await page.getByLabel('Base URL').fill('https://api.example.com/');
      await page.getByLabel('Trunk id').fill('trk_01');
      await page.getByRole('button', { name: 'Copy as cURL' }).click();
      await assertTextBecomes(page, '#copy-message', 'Copied the cURL command.');
      const curl = await page.evaluate(() => navigator.clipboard.readText());
      assert.match(curl, /^curl -X PATCH 'https:\/\/api\.example\.com\/v1\/sip-trunks\/trk_01'/);
      assert.match(curl, /Authorization: Bearer \$API_TOKEN/);
      const body = JSON.parse(curl.match(/--data-raw '(.*)'$/)[1]);
      assert.deepEqual(body, { caller_id_transforms: [{ type: 'strip_digits_start', number: 2 }] });
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
      assert.doesNotMatch(stored, /token|secret|password/i);
    });
  });
});

describe('never lose work', () => {
  test('undo and redo (keys and buttons) for typing, removal and type changes', async () => {
    await withPage('', async (page) => {
      await clearAll(page);
      await addTransforms(page, [{ type: 'add_prefix', value: '+1' }, { type: 'strip_digits_start', number: '2' }]);
      const value = row(page, 0).locator('input[data-field="value"]');
      await value.focus();
      await value.press('End');
      await page.keyboard.type('234'); // one burst: one undo step
      assert.equal(await value.inputValue(), '+1234');
      await page.keyboard.press('Control+z');
      assert.equal(await row(page, 0).locator('input[data-field="value"]').inputValue(), '+1');
      await page.keyboard.press('Control+Shift+z');
      assert.equal(await row(page, 0).locator('input[data-field="value"]').inputValue(), '+1234');

      await row(page, 1).getByRole('button', { name: 'Remove transform 2' }).click();
      assert.equal(await page.locator('#list > li').count(), 1);
      await page.getByRole('button', { name: 'Undo' }).click();
      assert.deepEqual(await exported(page), [{ type: 'add_prefix', value: '+1234' }, { type: 'strip_digits_start', number: 2 }]);
      await page.getByRole('button', { name: 'Redo' }).click();
      assert.deepEqual(await exported(page), [{ type: 'add_prefix', value: '+1234' }]);

      await pickType(page, 0, 'stop');
      assert.deepEqual(await exported(page), [{ type: 'stop' }]);
      await page.getByRole('button', { name: 'Undo' }).click();
      assert.deepEqual(await exported(page), [{ type: 'add_prefix', value: '+1234' }]);
    });
  });

  test('changing a type keeps the fields the new type also uses', async () => {
    await withPage('', async (page) => {
      await clearAll(page);
      await addTransforms(page, [{ type: 'to_e164', value: '44', value2: '0', number: '10' }]);
      await pickType(page, 0, 'from_e164');
      assert.deepEqual(await exported(page), [{ type: 'from_e164', value: '44', value2: '0' }]);
      assert.equal(await row(page, 0).locator('input[data-field="number"]').count(), 0);
      // Back to a type that uses number: the number set aside comes back.
      await pickType(page, 0, 'to_e164');
      assert.deepEqual(await exported(page), [{ type: 'to_e164', value: '44', value2: '0', number: 10 }]);
      await pickType(page, 0, 'replace');
      assert.deepEqual(await exported(page), [{ type: 'replace', value: '44', value2: '0', number: 10 }]);
    });
  });

  test('the type picker: human labels, API types first, help and example, type-to-select keeps focus', async () => {
    await withPage('', async (page) => {
      await clearAll(page);
      await page.getByRole('button', { name: 'Add transform' }).click();
      const box = row(page, 0).getByRole('combobox', { name: 'Transform 1, type' });
      assert.equal(await box.evaluate((e) => e === document.activeElement), true, 'a new transform focuses its type');
      await box.press('ArrowDown');
      const options = row(page, 0).getByRole('option');
      assert.deepEqual((await options.evaluateAll((os) => os.slice(0, 5).map((o) => o.dataset.type))), [
        'add_prefix', 'add_suffix', 'replace', 'strip_digits_start', 'strip_digits_end',
      ]);
      assert.match(await options.first().textContent(), /^Add prefix add_prefixPut text in front of the number\. e\.g\. /);
      await box.press('Escape');
      await box.pressSequentially('stop');
      await box.press('Enter');
      assert.deepEqual(await exported(page), [{ type: 'stop' }]);
      assert.equal(await box.inputValue(), 'Stop');
      assert.equal(await box.evaluate((e) => e === document.activeElement), true, 'focus stays in the picker');
      // Searching by what a type does.
      await box.fill('e164');
      assert.deepEqual(await options.evaluateAll((os) => os.map((o) => o.dataset.type)), ['to_e164', 'from_e164']);
      await box.press('ArrowDown');
      await box.press('Enter');
      assert.deepEqual(await exported(page), [{ type: 'from_e164' }]);
    });
  });

  test('results stay, marked out of date, while the configuration has errors', async () => {
    await withPage('', async (page) => {
      await clearAll(page);
      await addTransforms(page, [{ type: 'add_prefix', value: '+' }]);
      await setSamples(page, ['1', '2']);
      const before = await results(page);
      assert.deepEqual(before, [['1', '+1', 'changed'], ['2', '+2', 'changed']]);

      await page.getByRole('button', { name: 'Add transform' }).click();
      assert.equal(await page.locator('#results-panel').evaluate((e) => e.classList.contains('stale')), true);
      assert.equal(await page.locator('#stale-note').isVisible(), true);
      assert.match(await page.locator('#stale-why').textContent(), /transform 2/);
      assert.equal(await page.locator('#results [role="option"]').count(), 2, 'the last results are still shown');
      assert.match(await page.locator('#results [data-sample="0"] .c-out').textContent(), /\+1/);
      assert.ok((await page.locator('#explain li').count()) > 0, 'the explanation stays');
      assert.equal(await page.locator('#explain-stale').isVisible(), true);

      await setTransform(page, 1, { type: 'add_suffix', value: '#' });
      assert.deepEqual(await results(page), [['1', '+1#', 'changed'], ['2', '+2#', 'changed']]);
      assert.equal(await page.locator('#stale-note').isVisible(), false);

      // A guard added before the transforms it governs exist: results stay too.
      await page.getByRole('button', { name: 'Add transform' }).click();
      await setTransform(page, 2, { type: 'if_prefix', value: '+', number: '2' });
      assert.equal(await page.locator('#stale-note').isVisible(), true);
      assert.equal(await page.locator('#results [role="option"]').count(), 2);
      assert.equal(await page.evaluate(() => document.body.dataset.resultsFresh), 'false');
    });
  });
});
