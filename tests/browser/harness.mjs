// Shared harness for the browser tests: a static server for www/ on 127.0.0.1 (port 0), Debian's
// Chromium driven by playwright-core, and a page wrapper that records every console error or
// warning, page error, failed request and request to another origin.

import { createServer } from 'node:http';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const WWW = join(ROOT, 'www');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ts': 'text/plain; charset=utf-8',
};

/** Serves `dir` on 127.0.0.1 at a free port. Returns {url, close}. */
export async function serve(dir = WWW) {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(dir, path));
      if (file !== dir && !file.startsWith(dir + sep)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium with a fresh user-data dir. Returns {context, close}. */
export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  const profile = await mkdtemp(join(tmpdir(), 'cidt-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the preview in a new page and waits until the engine has rendered it. `problems`
 * collects everything that must not happen: console errors and warnings, uncaught exceptions,
 * failed or 4xx/5xx requests, and any request that leaves the test server. A new tab starts
 * with empty localStorage unless `keepStorage`.
 */
export async function openPreview(context, baseUrl, hash = '', { keepStorage = false } = {}) {
  const page = await context.newPage();
  if (!keepStorage) {
    // A new tab starts from nothing stored (the profile is shared by the file's tests);
    // reloads in the same tab keep what the page stored.
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('cidt-test-tab')) {
        localStorage.clear();
        sessionStorage.setItem('cidt-test-tab', '1');
      }
    });
  }
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(baseUrl + '/') && !url.startsWith('data:')) problems.push(`request off the page's origin: ${url}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.goto(`${baseUrl}/${hash}`);
  try {
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  } catch (e) {
    e.message += `\npage problems: ${JSON.stringify(problems)}; status: ${await page.locator('#status').textContent()}`;
    throw e;
  }
  return { page, problems };
}

// --- reading and driving the page ----------------------------------------------------------

export const row = (page, i) => page.locator('#list > li').nth(i);

/** Chooses a type in transform i's picker by typing its name and pressing Enter. */
export async function pickType(page, i, type) {
  const box = row(page, i).locator('.type-input');
  await box.fill(type);
  await box.press('Enter');
}

/** Sets transform i's type and fields through the form, as a person would. */
export async function setTransform(page, i, { type, value, value2, number }) {
  const r = row(page, i);
  if (type !== undefined) await pickType(page, i, type);
  for (const [field, v] of Object.entries({ value, value2, number })) {
    if (v !== undefined) await r.locator(`input[data-field="${field}"]`).fill(String(v));
  }
}

/** Adds transforms at the end of the list with the "Add transform" button. */
export async function addTransforms(page, transforms) {
  for (const t of transforms) {
    const n = await page.locator('#list > li').count();
    await page.getByRole('button', { name: 'Add transform' }).click();
    await setTransform(page, n, t);
  }
}

export async function clearAll(page) {
  await page.getByRole('button', { name: 'Clear all' }).click();
  await page.locator('#list > li').first().waitFor({ state: 'detached' }).catch(() => {});
}

export async function setSamples(page, lines) {
  await page.locator('#samples').fill(lines.join('\n'));
}

/** Waits until the results table shows results for the current configuration and samples. */
export async function freshResults(page) {
  await page.waitForFunction(() => document.body.dataset.resultsFresh === 'true', null, { timeout: 20_000 });
}

// The text of a cell without its screen-reader-only words (evaluated in the page).
const visibleText = (cell) =>
  [...cell.childNodes]
    .filter((n) => !n.classList?.contains('sr-only'))
    .map((n) => n.textContent)
    .join('')
    .trim();

/** The rendered (visible) result rows as [input, output, note], once they are up to date. */
export async function results(page) {
  await freshResults(page);
  return page.$$eval('#results [role="option"]', (rows, fn) => {
    const visibleText = new Function(`return (${fn})`)();
    return rows
      .sort((a, b) => Number(a.dataset.sample) - Number(b.dataset.sample))
      .map((r) => ['.c-in', '.c-out', '.c-note'].map((c) => visibleText(r.querySelector(c))));
  }, visibleText.toString());
}

/** The "Rule" column of the rendered rows. */
export async function rules(page) {
  await freshResults(page);
  return page.$$eval(
    '#results [role="option"]',
    (rows, fn) => {
      const visibleText = new Function(`return (${fn})`)();
      return rows.sort((a, b) => Number(a.dataset.sample) - Number(b.dataset.sample)).map((r) => visibleText(r.querySelector('.c-rule')));
    },
    visibleText.toString(),
  );
}

/** Selects (traces) the result row of sample i with a click. */
export async function clickResult(page, i) {
  await freshResults(page);
  await page.locator(`#results [data-sample="${i}"]`).click();
}

/** The trace table as {index, type, before, after, status} rows. */
export function traceSteps(page) {
  return page.$$eval('#trace tbody tr', (rows) =>
    rows.map((r) => {
      const td = r.querySelectorAll('td');
      return {
        index: Number(r.dataset.index),
        type: td[1].textContent.trim(),
        before: r.dataset.before,
        after: td[2].textContent.trim(),
        status: r.dataset.status,
      };
    }),
  );
}

export function depthsOf(page) {
  return page.$$eval('#list > li', (rows) => rows.map((r) => Number(r.dataset.depth)));
}

export async function exported(page) {
  return JSON.parse(await page.locator('#export-text').inputValue());
}

/** A fresh page with an empty list and no stored state. */
export async function emptyPage(context, baseUrl) {
  const opened = await openPreview(context, baseUrl);
  await opened.page.evaluate(() => localStorage.clear());
  await clearAll(opened.page);
  return opened;
}
