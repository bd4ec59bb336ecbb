#!/usr/bin/env node
// Which fonts chromium really draws a page's text with (tests/suite/identity.rs): for each
// page, after document.fonts.ready, the fonts (CSS.getPlatformFontsForNode) of the page's
// headings and paragraphs and of a probe line of Vietnamese letters added to the page, and the
// font files the page fetched (resource timing).
//
// Input: JSON on argv[2]: { "chromium", "timeout_ms", "probe": "ế ả ự đ Ư", "pages": ["url"] }
// Output: one JSON line:
//   { "ok": true, "pages": [ { "url", "origin", "font_files": ["url"],
//       "faces": [ {"family", "style", "weight", "status"} ],
//       "probe": [ {"familyName", "isCustomFont", "glyphCount"} ],
//       "text": [ {"selector", "fonts": [ {"familyName", "isCustomFont", "glyphCount"} ]} ] } ] }
//   or { "ok": false, "error": "…" } (exit 2).

import { harness, NAV_TIMEOUT_MS, sleep } from './cdp.mjs';

const job = JSON.parse(process.argv[2]);
const { launch, finish, fail } = harness('font-check');
setTimeout(() => fail(`no result in ${job.timeout_ms} ms`), job.timeout_ms).unref();

const cdp = launch(job.chromium);

async function checkPage(url) {
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  const s = (method, params) => cdp.send(method, params, sessionId);
  let loaded = null;
  const loadFired = new Promise((r) => {
    loaded = r;
  });
  const off = cdp.on((msg) => {
    if (msg.sessionId === sessionId && msg.method === 'Page.loadEventFired') loaded();
  });
  await s('Page.enable');
  await s('DOM.enable');
  await s('CSS.enable');
  await s('Emulation.setDeviceMetricsOverride', { width: 375, height: 812, deviceScaleFactor: 1, mobile: true });
  await s('Page.navigate', { url });
  await Promise.race([loadFired, sleep(NAV_TIMEOUT_MS)]);
  const evaluate = async (expression) =>
    (await s('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })).result.value;
  const probeText = JSON.stringify(job.probe);
  const info = await evaluate(`(async () => {
    const p = document.createElement('p');
    p.id = 'font-check-probe';
    p.textContent = ${probeText};
    (document.querySelector('main') || document.body).appendChild(p);
    await document.fonts.ready;
    await Promise.all([...document.fonts].map((f) => f.status === 'loading' ? f.loaded.catch(() => null) : null));
    // Let the swap repaint.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return {
      origin: location.origin,
      font_files: performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\\.(woff2?|ttf|otf)(\\?|$)/.test(n)),
      faces: [...document.fonts].map((f) => ({ family: f.family, style: f.style, weight: f.weight, status: f.status })),
    };
  })()`);
  const { root } = await s('DOM.getDocument', { depth: 0 });
  const fontsOf = async (selector) => {
    const { nodeIds } = await s('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
    const out = [];
    for (const nodeId of nodeIds.slice(0, 12)) {
      const { fonts } = await s('CSS.getPlatformFontsForNode', { nodeId });
      out.push({ selector, fonts });
    }
    return out;
  };
  const probe = (await fontsOf('#font-check-probe'))[0]?.fonts ?? [];
  const text = [];
  for (const sel of ['h1', 'h2', 'main p:not(#font-check-probe)', '.brand-name', '.main-nav a']) {
    text.push(...(await fontsOf(sel)));
  }
  off();
  await cdp.send('Target.closeTarget', { targetId });
  return { url, ...info, probe, text };
}

try {
  const pages = [];
  for (const url of job.pages) pages.push(await checkPage(url));
  finish({ ok: true, pages }, 0);
} catch (e) {
  fail(`font-check: ${e && e.stack ? e.stack : e}`);
}
