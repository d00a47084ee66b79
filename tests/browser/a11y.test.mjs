// Accessible and responsive: axe-core (injected into the page) finds no serious or critical
// violation at desktop and phone widths, in light and dark mode; names carry the transform
// number; a row's Tab order follows what the eye sees; the live region speaks only debounced
// summaries; numbers never break mid-digit at 390 px. Screenshots go to test-artifacts/ (and
// to docs/ with UPDATE_SCREENSHOTS=1).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { withPage } from './common.mjs';
import { ROOT, addTransforms, clearAll, clickResult, freshResults, row, setSamples } from './harness.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe-core on the page; returns the serious and critical violations, readably. */
async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * A page with errors, warnings, a guard block, a failure, an open trace, the Expected column
 * and a comparison with a baseline: most states at once.
 */
async function busyPage(page) {
  await clearAll(page);
  await addTransforms(page, [
    { type: 'if_prefix', value: '00', number: '2' },
    { type: 'replace_prefix', value: '00', value2: '+' },
    { type: 'stop' },
    { type: 'remove_chars', value: ' -' },
    { type: 'to_e164', value: '44', value2: '0' },
    { type: 'add_suffix', value: 'x'.repeat(240) },
  ]);
  await setSamples(page, ['020 7946 0000', '0033123456789', '+442079460000', 'anonymous', '', '07700 900123 4567 8901 2345']);
  await freshResults(page);
  await page.locator('#cases').fill('020 7946 0000 => +442079460000x\nanonymous => anonymous\n');
  await page.getByRole('button', { name: 'Pin as baseline' }).click();
  await row(page, 5).locator('input[data-field="value"]').fill('#');
  await page.waitForFunction(() => /give another result/.test(document.querySelector('#compare-summary').textContent));
  await clickResult(page, 1);
  await row(page, 5).locator('input[data-field="value"]').fill('x'.repeat(300)); // an error: too long
}

const SHOTS = [
  { name: 'light', scheme: 'light' },
  { name: 'dark', scheme: 'dark' },
];

describe('accessibility and layout', () => {
  for (const { name, scheme } of SHOTS) {
    for (const width of [1280, 390]) {
      test(`axe-core: no serious or critical violation, ${scheme} mode, ${width} px`, async () => {
        await withPage('', async (page) => {
          await page.emulateMedia({ colorScheme: scheme });
          await page.setViewportSize({ width, height: 900 });
          await busyPage(page);
          const bad = await axe(page);
          assert.deepEqual(bad, [], JSON.stringify(bad, null, 2));
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `no horizontal scrolling of the page (${overflow} px)`);
          // The type list open (a popup over the page) passes too.
          await row(page, 0).locator('.type-input').press('ArrowDown');
          assert.deepEqual(await axe(page), []);
          await row(page, 0).locator('.type-input').press('Escape');
          if (width === 1280) {
            await row(page, 5).locator('input[data-field="value"]').fill('#');
            await freshResults(page);
            await clickResult(page, 0);
            await mkdir(join(ROOT, 'test-artifacts'), { recursive: true });
            const file = `preview-${name}.png`;
            await page.setViewportSize({ width: 1280, height: 1250 });
            await page.evaluate(() => window.scrollTo(0, 0));
            await page.mouse.move(0, 0);
            await page.screenshot({ path: join(ROOT, 'test-artifacts', file) });
            if (process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: join(ROOT, 'docs', file) });
          }
        });
      });
    }
  }

  test('names carry the transform number; errors are tied to their inputs', async () => {
    await withPage('', async (page) => {
      await clearAll(page);
      await addTransforms(page, [{ type: 'add_prefix', value: '1' }, { type: 'add_prefix', value: '2' }, { type: 'replace', value: '' }]);
      const value = page.getByRole('textbox', { name: 'Transform 3, value', exact: true });
      assert.equal(await value.count(), 1);
      assert.equal(await page.getByRole('textbox', { name: 'Transform 3, value2', exact: true }).count(), 1);
      assert.equal(await page.getByRole('combobox', { name: 'Transform 3, type', exact: true }).count(), 1);
      assert.equal(await value.getAttribute('aria-invalid'), 'true');
      const description = await value.evaluate((e) =>
        e.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id).textContent).join(' '),
      );
      assert.match(description, /Error: .*required/);
      // The type box is tied to its own errors too.
      await page.getByRole('combobox', { name: 'Transform 3, type' }).fill('bogus');
      await page.getByRole('combobox', { name: 'Transform 3, type' }).press('Escape');
      assert.ok((await page.getByRole('combobox', { name: 'Transform 3, type' }).getAttribute('aria-describedby')).includes('t2-type-msgs'));
    });
  });

  test("a row's Tab order follows the visual order: type, fields, then the row's buttons", async () => {
    await withPage('', async (page) => {
      await clearAll(page);
      await addTransforms(page, [
        { type: 'add_prefix', value: '1' },
        { type: 'replace', value: 'a', value2: 'b', number: '1' },
        { type: 'add_prefix', value: '3' },
      ]);
      await row(page, 1).locator('.type-input').focus();
      const order = [];
      for (let i = 0; i < 8; i++) {
        const box = await page.evaluate(() => {
          const e = document.activeElement;
          const r = e.getBoundingClientRect();
          return { name: e.tagName === 'BUTTON' ? e.getAttribute('aria-label') : e.id, x: r.x, y: r.y };
        });
        order.push(box);
        await page.keyboard.press('Tab');
      }
      assert.deepEqual(order.map((o) => o.name), [
        't1-type',
        't1-value',
        't1-value2',
        't1-number',
        'Move transform 2 up',
        'Move transform 2 down',
        'Duplicate transform 2',
        'Remove transform 2',
      ]);
      // Reading order: each stop is on a lower line than the one before, or on the same line
      // further right.
      for (let i = 1; i < order.length; i++) {
        const [a, b] = [order[i - 1], order[i]];
        assert.ok(b.y > a.y + 8 || (Math.abs(b.y - a.y) <= 8 && b.x > a.x), `${b.name} after ${a.name}: ${JSON.stringify([a, b])}`);
      }
      const fieldsBottom = await row(page, 1).locator('.fields').evaluate((e) => e.getBoundingClientRect().bottom);
      assert.ok(order[4].y >= fieldsBottom - 40, 'the buttons are at the bottom of the row, after the fields');
    });
  });

  test('the live region announces a debounced summary, not every keystroke', async () => {
    await withPage('', async (page) => {
      await clearAll(page);
      await addTransforms(page, [{ type: 'add_prefix', value: '+' }]);
      await setSamples(page, ['1', '2', '3']);
      await freshResults(page);
      await page.waitForTimeout(1000);
      const spoken = [];
      await page.exposeFunction('heard', (t) => spoken.push(t));
      await page.evaluate(() => new MutationObserver(() => window.heard(document.querySelector('#announce').textContent)).observe(document.querySelector('#announce'), { childList: true, characterData: true, subtree: true }));
      const input = row(page, 0).locator('input[data-field="value"]');
      await input.focus();
      await page.keyboard.type('4455', { delay: 60 });
      await page.waitForTimeout(1500);
      assert.equal(spoken.length, 1, `one announcement after the pause, got ${JSON.stringify(spoken)}`);
      assert.match(spoken[0], /1 transform · valid\. 3 numbers: 3 changed, 0 unchanged, 0 failed\./);
      assert.equal(await page.locator('[aria-live]').count(), 1, 'one live region on the page');
    });
  });

  test('numbers never break mid-digit at 390 px', async () => {
    await withPage('', async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await clearAll(page);
      await addTransforms(page, [{ type: 'to_e164', value: '44', value2: '0' }]);
      await setSamples(page, ['020 7946 0000 1234 5678', '+4420794600001234567890', '0207946000012345678901234']);
      await freshResults(page);
      await clickResult(page, 2);
      const broken = await page.$$eval('.num', (nums) =>
        // A number on more than one line has fragments at different heights (an ellipsis
        // makes fragments on one line).
        nums
          .filter((n) => {
            const tops = [...n.getClientRects()].map((r) => r.top);
            return Math.max(...tops) - Math.min(...tops) > 6;
          })
          .map((n) => n.textContent),
      );
      assert.deepEqual(broken, []);
      assert.ok((await page.locator('.num').count()) >= 6, 'numbers in the results and the trace were checked');
      // A number cut short by the column keeps its full text in a tooltip.
      assert.equal(await page.locator('#results [data-sample="2"] .c-in').getAttribute('title'), '0207946000012345678901234');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling of the page (${overflow} px)`);
    });
  });
});
