// Tests and diffs in the page: the "Expected" column from a case file (the engine's runCases),
// "Compare with saved" (the engine's diff, in the worker), and "Import from" another system's
// rule table (the engine's importRules), strict by default with a lossy option.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage } from './common.mjs';
import { addTransforms, clearAll, exported, freshResults, results, row, setSamples } from './harness.mjs';

const CISCO = `!
voice translation-rule 1
 rule 1 /^999$/ /999/
 rule 2 /^9\\(.*\\)/ /\\1/
!
voice translation-rule 2
 rule 1 /^\\+44\\(.*\\)/ /0\\1/
 rule 2 reject /^1900/
!
`;

async function expectedColumn(page) {
  await freshResults(page);
  return page.$$eval('#results [role="option"]', (rows) =>
    rows
      .sort((a, b) => Number(a.dataset.sample) - Number(b.dataset.sample))
      .map((r) => [...r.querySelector('.c-exp').childNodes].filter((n) => !n.classList?.contains('sr-only')).map((n) => n.textContent).join('')),
  );
}

describe('tests, diffs and vendor import', () => {
  test('the Expected column runs a case file: pass/fail per row, counts, a filter', async () => {
    await withPage('', async (page) => {
      await clearAll(page);
      await addTransforms(page, [
        { type: 'if_prefix', value: '0', number: '1' },
        { type: 'replace_prefix', value: '0', value2: '+44' },
      ]);
      await setSamples(page, ['0201', '123', '']);
      await page.locator('#cases').fill('# hand-written\n0201 => +44201\n123 => +44123\n"" => ""\n');
      await page.waitForFunction(() => /3 cases/.test(document.querySelector('#cases-note').textContent));
      assert.equal(await page.locator('#cases-note').textContent(), '3 cases: 2 pass, 1 fail (line 3).');
      assert.deepEqual(await expectedColumn(page), ['pass', 'fail: expected +44123', 'pass']);
      assert.match(await page.locator('#counts').textContent(), / · 1 expected-failed$/);
      await page.locator('#filter').selectOption('expect-failed');
      assert.deepEqual((await results(page)).map((r) => r[0]), ['123']);
      await page.locator('#filter').selectOption('all');

      // Editing the configuration (or the cases) runs the cases again.
      await page.locator('#cases').fill('0201 => +44201\n123 => 123\n');
      await page.waitForFunction(() => /2 cases/.test(document.querySelector('#cases-note').textContent));
      assert.equal(await page.locator('#cases-note').textContent(), '2 cases: 2 pass, 0 fail.');
      await row(page, 1).locator('input[data-field="value2"]').fill('+33');
      await page.waitForFunction(() => /1 fail/.test(document.querySelector('#cases-note').textContent));
      assert.equal(await page.locator('#cases-note').textContent(), '2 cases: 1 pass, 1 fail (line 1).');
      await row(page, 1).locator('input[data-field="value2"]').fill('+44');
      await page.waitForFunction(() => /2 pass/.test(document.querySelector('#cases-note').textContent));

      // A malformed case file says which line.
      await page.locator('#cases').fill('0201 => +44201\njust a number\n');
      await page.waitForFunction(() => /error/.test(document.querySelector('#cases-note').textContent));
      assert.match(await page.locator('#cases-note').textContent(), /^The case file has 1 error: line 2: /);

      // The cases' numbers can become the samples.
      await page.locator('#cases').fill('0777 => +44777\n999 => 999\n');
      await page.waitForFunction(() => /2 cases/.test(document.querySelector('#cases-note').textContent));
      await page.getByRole('button', { name: 'Use these numbers as samples' }).click();
      assert.deepEqual(await results(page), [['0777', '+44777', 'changed'], ['999', '999', 'unchanged']]);
      assert.deepEqual(await expectedColumn(page), ['pass', 'pass']);
    });
  });

  test('Compare with saved: which numbers change and which transforms decided them', async () => {
    await withPage('', async (page) => {
      await clearAll(page);
      await addTransforms(page, [
        { type: 'if_prefix', value: '0', number: '1' },
        { type: 'replace_prefix', value: '0', value2: '+44' },
      ]);
      await setSamples(page, ['0201', '0202', '123', '+331']);
      await freshResults(page);
      await page.getByRole('button', { name: 'Pin as baseline' }).click();
      await page.waitForFunction(() => /all 4 numbers give the same result/.test(document.querySelector('#compare-summary').textContent));

      await row(page, 1).locator('input[data-field="value2"]').fill('+33');
      await page.waitForFunction(() => /2 of 4/.test(document.querySelector('#compare-summary').textContent));
      assert.equal(
        await page.locator('#compare-summary').textContent(),
        'Against the baseline: 2 of 4 numbers give another result (0 newly failing, 0 newly fixed).',
      );
      assert.deepEqual(await page.locator('#compare-groups li').allTextContents(), [
        '2 numbers: decided by transform 2 before, by transform 2 now — e.g. 0201: +44201 → +33201',
      ]);

      // A new rule for "+33" numbers: 0201 and 0202 now also pass through it, +331 is now
      // decided by it instead of by nothing; 123 still gives 123.
      await addTransforms(page, [{ type: 'replace_prefix', value: '+33', value2: '0033' }]);
      await page.waitForFunction(() => /3 of 4/.test(document.querySelector('#compare-summary').textContent));
      assert.deepEqual(await page.locator('#compare-groups li').allTextContents(), [
        '2 numbers: decided by transform 2 before, by transforms 2, 3 now — e.g. 0201: +44201 → 0033201',
        '1 number: decided by no transform before, by transform 3 now — e.g. +331: +331 → 00331',
      ]);
      await page.getByRole('button', { name: 'Forget the baseline' }).click();
      assert.equal(await page.locator('#compare').isHidden(), true);
    });
  });

  test('Import from a Cisco translation rule: strict by default, lossy on request', async () => {
    await withPage('', async (page) => {
      await page.locator('#import-format').selectOption('cisco');
      await page.locator('#import-text').fill(CISCO);
      await page.getByRole('button', { name: /^Import/ }).click();
      assert.match(await page.locator('#import-message').textContent(), /^Not imported \(Cisco voice translation rules\): the input has 2 translation rules; choose one/);

      await page.getByLabel('Rule table').fill('1');
      await page.getByRole('button', { name: /^Import/ }).click();
      assert.equal(await page.locator('#import-message').textContent(), 'Imported 6 transforms from the Cisco voice translation rules.');
      await setSamples(page, ['999', '9123', '5555']);
      assert.deepEqual((await results(page)).map((r) => r[1]), ['999', '123', '5555']);

      // A rule that rejects the call cannot be carried over: an error unless lossy.
      await page.getByLabel('Rule table').fill('2');
      await page.getByRole('button', { name: /^Import/ }).click();
      assert.match(await page.locator('#import-message').textContent(), /^Not imported .*: line 8: rule 2 rejects the call/);
      assert.equal(await page.locator('#list > li').count(), 6, 'a refused import leaves the list alone');
      await page.getByLabel(/Lossy/).check();
      await page.getByRole('button', { name: /^Import/ }).click();
      assert.match(await page.locator('#import-message').textContent(), /^Imported 5 transforms from the Cisco voice translation rules with 1 warning \(lossy\): line 8: rule 2 rejects the call/);
      assert.deepEqual((await exported(page))[1], { type: 'regex_replace', value: '^\\+44(.*)', value2: '0$1', number: 1 });
      await setSamples(page, ['+442079460000', '19001234']);
      assert.deepEqual((await results(page)).map((r) => r[1]), ['02079460000', '19001234']);
      // Undo brings the list from before the import back.
      await page.getByRole('button', { name: 'Undo' }).click();
      assert.equal(await page.locator('#list > li').count(), 6);
    });
  });
});
