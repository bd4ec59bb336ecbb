#!/usr/bin/env node
// Live reload as a person sees it: opens a page of `thidua serve` in headless chromium,
// scrolls down, prints "READY" (the test then edits the page's source), and waits until the
// page shows the new text by itself. Reports how long that took, the scroll position before
// and after the reload, and any console error.
//
// Input: JSON on argv[2]: { "chromium", "url", "expect_text", "scroll_to", "timeout_ms" }
// Output: "READY\n", then one JSON line:
//   { "ok": true, "changed": true, "ms": 123, "scroll_before": 600, "scroll_after": 600,
//     "console_errors": [] }   or { "ok": false, "error": "…" } (exit 2).

import { harness, sleep } from './cdp.mjs';

const job = JSON.parse(process.argv[2]);
const { launch, finish, fail } = harness('reload-check');
setTimeout(() => fail(`no result in ${job.timeout_ms} ms`), job.timeout_ms + 5000).unref();


const cdp = launch(job.chromium);
const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
const s = (method, params) => cdp.send(method, params, sessionId);
const consoleErrors = [];
let loads = 0;
cdp.on((msg) => {
  if (msg.sessionId !== sessionId) return;
  if (msg.method === 'Page.loadEventFired') loads++;
  if (msg.method === 'Runtime.exceptionThrown') consoleErrors.push(msg.params.exceptionDetails.text);
  if (msg.method === 'Runtime.consoleAPICalled' && msg.params.type === 'error') {
    consoleErrors.push(msg.params.args.map((a) => a.value ?? a.description).join(' '));
  }
});
await s('Page.enable');
await s('Runtime.enable');
await s('Emulation.setDeviceMetricsOverride', { width: 800, height: 600, deviceScaleFactor: 1, mobile: false });
await s('Page.navigate', { url: job.url });
const evaluate = async (expression) => (await s('Runtime.evaluate', { expression, returnByValue: true })).result.value;
for (let i = 0; loads === 0 && i < 300; i++) await sleep(20);
// Give the event stream a moment to connect, then scroll.
await sleep(400);
await evaluate(`window.scrollTo({ top: ${job.scroll_to}, behavior: 'instant' }); window.scrollY`);
await sleep(100);
const scrollBefore = await evaluate('window.scrollY');
const firstLoads = loads;
process.stdout.write('READY\n');
const started = Date.now();
const want = JSON.stringify(job.expect_text);
let changed = false;
while (Date.now() - started < job.timeout_ms) {
  try {
    if (loads > firstLoads && (await evaluate(`document.readyState === "complete" && document.body.innerText.includes(${want})`))) {
      changed = true;
      break;
    }
  } catch {
    // the page is being replaced; try again
  }
  await sleep(25);
}
const ms = Date.now() - started;
await sleep(150);
const scrollAfter = await evaluate('window.scrollY');
finish({ ok: true, changed, ms, scroll_before: scrollBefore, scroll_after: scrollAfter, console_errors: consoleErrors }, 0);
