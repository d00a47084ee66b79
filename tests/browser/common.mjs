// Per-file setup for the browser tests: one static server and one Chromium per test file, and
// `withPage`, which opens the preview, runs a body and then checks the console and network, and
// `assertTextBecomes` for the text the page writes after async work.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WWW, launch, openPreview, serve } from './harness.mjs';

if (!existsSync(join(WWW, 'pkg', 'callerid_transform.js'))) {
  throw new Error('www/pkg is missing: build it with scripts/build-wasm.sh (scripts/test-browser.sh does)');
}

export const env = { server: null, browser: null };

before(async () => {
  env.server = await serve();
  env.browser = await launch();
});

after(async () => {
  await env.browser?.close();
  await env.server?.close();
});

/** Opens the page, runs `body(page)`, then checks nothing went wrong in the console or network. */
export async function withPage(hash, body, options = {}) {
  const { page, problems } = await openPreview(env.browser.context, env.server.url, hash, options);
  try {
    await body(page);
    await page.waitForTimeout(50); // let pending async work (clipboard, timers) surface errors
    assert.deepEqual(problems, [], 'no console errors, page errors or stray requests');
  } finally {
    await page.close();
  }
}

/**
 * Waits (up to 5 s) for the element's text to become `want`, then asserts it: for messages the
 * page writes after async work such as a clipboard write, which a plain read can beat.
 */
export async function assertTextBecomes(page, selector, want) {
  await page
    .waitForFunction(([sel, text]) => document.querySelector(sel)?.textContent === text, [selector, want], { timeout: 5000 })
    .catch((e) => {
      if (e.name !== 'TimeoutError') throw e; // a timeout is reported by the assertion below
    });
  assert.equal(await page.locator(selector).textContent(), want);
}
