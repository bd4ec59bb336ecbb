#!/usr/bin/env node
// What images a page makes a phone download: opens one page in Debian's headless chromium at
// a phone's size (375×812 CSS px, 2 device pixels per CSS pixel, mobile emulation), scrolls to
// the bottom so lazy images load too, and reports every image response with its bytes on the
// wire. For the photo tests (tests/suite/images.rs). Requests to other hosts are reported.
//
// Input (stdin), JSON: { "chromium": "/usr/bin/chromium", "url": "http://127.0.0.1:8000/…",
//   "width": 375, "height": 812, "scale": 2 }
// Output (stdout): { "ok": true, "images": [ {"url", "status", "bytes"} ],
//   "http_errors": [ {"url", "status"} ], "external_requests": [ "url" ] }

import fs from 'node:fs';

import { harness, hostOf, NAV_TIMEOUT_MS, sleep } from './cdp.mjs';

const { launch, finish, fail } = harness('image-bytes');

async function run(job) {
  const result = { ok: true, images: [], http_errors: [], external_requests: [] };
  const cdp = launch(job.chromium || '/usr/bin/chromium');
  await cdp.send('Browser.getVersion', {}, undefined, 30000);
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  const s = (method, params) => cdp.send(method, params, sessionId);
  const host = hostOf(job.url);
  const responses = new Map(); // requestId -> { url, status, type }
  let inflight = 0;
  let last = Date.now();
  let loaded = null;
  const loadFired = new Promise((r) => (loaded = r));
  cdp.on((msg) => {
    if (msg.sessionId !== sessionId) return;
    const p = msg.params || {};
    switch (msg.method) {
      case 'Page.loadEventFired':
        loaded();
        break;
      case 'Network.requestWillBeSent':
        inflight++;
        last = Date.now();
        if (hostOf(p.request.url) && hostOf(p.request.url) !== host) {
          result.external_requests.push(p.request.url);
        }
        break;
      case 'Network.responseReceived':
        responses.set(p.requestId, { url: p.response.url, status: p.response.status, type: p.type });
        if (p.response.status >= 400) result.http_errors.push({ url: p.response.url, status: p.response.status });
        break;
      case 'Network.loadingFinished': {
        inflight = Math.max(0, inflight - 1);
        last = Date.now();
        const r = responses.get(p.requestId);
        if (r && r.type === 'Image') result.images.push({ url: r.url, status: r.status, bytes: p.encodedDataLength });
        break;
      }
      case 'Network.loadingFailed':
        inflight = Math.max(0, inflight - 1);
        last = Date.now();
        break;
      default:
        break;
    }
  });
  await s('Page.enable');
  await s('Network.enable');
  await s('Network.setCacheDisabled', { cacheDisabled: true });
  await s('Emulation.setDeviceMetricsOverride', {
    width: job.width || 375,
    height: job.height || 812,
    deviceScaleFactor: job.scale || 2,
    mobile: true,
  });
  const nav = await s('Page.navigate', { url: job.url });
  if (nav.errorText) throw new Error(`navigation failed: ${nav.errorText}`);
  await Promise.race([loadFired, sleep(NAV_TIMEOUT_MS)]);
  // Scroll down a screen at a time, so every lazy image comes into view.
  for (let i = 0; i < 40; i++) {
    const { result: r } = await s('Runtime.evaluate', {
      expression: 'window.scrollBy(0, window.innerHeight); window.scrollY + window.innerHeight >= document.documentElement.scrollHeight',
      returnByValue: true,
    });
    await sleep(150);
    if (r.value) break;
  }
  const until = Date.now() + 5000;
  while (Date.now() < until && (inflight > 0 || Date.now() - last < 400)) await sleep(50);
  finish(result, 0);
}

try {
  const job = JSON.parse(fs.readFileSync(0, 'utf8'));
  run(job).catch((e) => fail(`image-bytes: ${e && e.stack ? e.stack : e}`));
} catch (e) {
  fail(`image-bytes: bad input: ${e}`);
}
