#!/usr/bin/env node
// The editing room's data forms in a real browser (tests/suite/editor_data_browser.rs): the
// list of indicators, one indicator's form, a count typed "3.000" (the error beside the field),
// a corrected figure previewed ("Xem trước kết quả") then saved, the honourees' list and a
// duplicate person; next month's export for a table-fed indicator. axe-core on every page; screenshots at 1366×768 and 375 px.
// Job on stdin: { chromium, base, shots, indicator, field, fixes: {name: value}, person:
// {name: value}, decision, table_indicator, export_file }.
// One JSON result on stdout.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { harness, hostOf, sleep } from './cdp.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE_PATH = path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js');
const { launch, finish, fail } = harness('editor-data');

const job = JSON.parse(fs.readFileSync(0, 'utf8'));
const result = { ok: true, axe: {}, external_requests: [], shots: [], texts: {}, wide: {} };
const axeSource = fs.readFileSync(AXE_PATH, 'utf8');
const allowedHost = new URL(job.base).hostname;

async function main() {
  setTimeout(() => fail('editor-data: gave up after 180 s'), 180000);
  const cdp = launch(job.chromium || '/usr/bin/chromium');
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  const s = (method, params = {}, t) => cdp.send(method, params, sessionId, t);
  let loaded = null;
  cdp.on((msg) => {
    if (msg.sessionId !== sessionId) return;
    const p = msg.params || {};
    if (msg.method === 'Page.loadEventFired' && loaded) { const l = loaded; loaded = null; l(); }
    if (msg.method === 'Page.javascriptDialogOpening') s('Page.handleJavaScriptDialog', { accept: true }).catch(() => {});
    if (msg.method === 'Network.requestWillBeSent') {
      const host = hostOf(p.request.url);
      if (host !== null && host !== allowedHost) result.external_requests.push(p.request.url);
    }
  });
  for (const d of ['Page', 'Runtime', 'Network', 'DOM']) await s(`${d}.enable`);
  const size = async (width, height) =>
    s('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: width < 500 });
  await size(1366, 768);
  const waitLoad = () => new Promise((r) => { loaded = r; });
  const js = async (expression) => {
    const r = await s('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(`${expression}: ${r.exceptionDetails.exception?.description || r.exceptionDetails.text}`);
    return r.result.value;
  };
  const go = async (url) => { const p = waitLoad(); await s('Page.navigate', { url: new URL(url, job.base).href }); await p; };
  const clicking = async (selector) => {
    const p = waitLoad();
    await js(`document.querySelector(${JSON.stringify(selector)}).click()`);
    await p;
  };
  const typeInto = async (selector, text) => {
    await js(`(() => { const e = document.querySelector(${JSON.stringify(selector)}); e.focus(); e.select(); })()`);
    await s('Input.insertText', { text });
  };
  const text = (selector) => js(`(() => { const e = document.querySelector(${JSON.stringify(selector)}); return e ? e.textContent : null; })()`);
  const axe = async (name) => {
    await js(axeSource + ';0');
    result.axe[name] = await js(`axe.run(document, { iframes: false, resultTypes: ['violations'] }).then((r) => r.violations.map((v) =>
      ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) })))`);
  };
  // Both sizes; at each, whether the page is wider than the window (a sideways scroll).
  const shot = async (name, at) => {
    for (const [w, h, tag] of [[1366, 768, 'desktop'], [375, 812, '375']]) {
      await size(w, h);
      await sleep(200);
      if (at) await js(`document.querySelector(${JSON.stringify(at)}).scrollIntoView({ block: 'center' })`);
      result.wide[`${name}-${tag}`] = await js('document.documentElement.scrollWidth > window.innerWidth');
      const { data } = await s('Page.captureScreenshot', { format: 'png', captureBeyondViewport: false });
      const file = path.join(job.shots, `editor-data-${name}-${tag}.png`);
      fs.writeFileSync(file, Buffer.from(data, 'base64'));
      result.shots.push(file);
    }
    await size(1366, 768);
  };

  await go('/data');
  await axe('list');
  await shot('list');
  await go(`/data/indicator?id=${encodeURIComponent(job.indicator)}`);
  await axe('form');
  await shot('form');
  // A count written the Vietnamese way: the error is next to the field, focused.
  await typeInto(`[name="${job.field}"]`, '3.000');
  await clicking('button[value="preview"]');
  result.texts.error = await text(`[name="${job.field}"] ~ .problems`);
  result.texts.focused = await js('document.activeElement && document.activeElement.name');
  await axe('error');
  await shot('error', `[name="${job.field}"]`);
  // Corrected figures: the verdicts are previewed, then saved.
  for (const [name, value] of Object.entries(job.fixes)) await typeInto(`[name="${name}"]`, value);
  await clicking('button[value="preview"]');
  result.texts.preview = await text('.data-preview');
  await axe('preview');
  await shot('preview', '.data-preview');
  await clicking('button[value="save"]');
  result.texts.saved = await text('.saved');
  result.texts.summary = await text('main');
  // The honourees: a person already in the list.
  await go('/data/honourees');
  await axe('honourees');
  await shot('honourees');
  await go(`/data/decision?id=${encodeURIComponent(job.decision)}`);
  await axe('decision');
  await shot('decision');
  await go('/data/honouree?new=1');
  for (const [name, value] of Object.entries(job.person)) await typeInto(`[name="${name}"]`, value);
  await clicking('button[value="preview"]');
  result.texts.duplicate = await text('[name="id"] ~ .problems');
  await axe('honouree');
  await shot('honouree', '[name="id"]');
  // An indicator fed by a table: next month's export picked, the verdicts before and after.
  await go(`/data/indicator?id=${encodeURIComponent(job.table_indicator)}`);
  await axe('table');
  const { root } = await s('DOM.getDocument');
  const { nodeId } = await s('DOM.querySelector', { nodeId: root.nodeId, selector: '#export-file' });
  await s('DOM.setFileInputFiles', { nodeId, files: [job.export_file] });
  await js(`document.querySelector('#export-form button').click()`);
  for (let i = 0; i < 100 && !(await js(`!!document.querySelector('#export-result section')`)); i++) await sleep(100);
  result.texts.export = await text('#export-result');
  await axe('export');
  await shot('export', '#export-result');
  await cdp.send('Browser.close', {}, undefined, 5000).catch(() => {});
  finish(result, 0);
}

main().catch((e) => fail(`editor-data: ${e && e.stack ? e.stack : e}`));
