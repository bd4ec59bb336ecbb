#!/usr/bin/env node
// Drives Debian's headless chromium through a list of steps (open a page, type into a field,
// press keys, wait for a condition, evaluate an expression) and reports what happened, for the
// site-search tests (tests/suite/search.rs) and the search benchmark (bench/search.py).
//
// Same browser set-up as browser-check.mjs (flags, --remote-debugging-pipe, requests to other
// hosts blocked and reported); no npm package is needed. Keys are real key events
// (Input.dispatchKeyEvent) and text is typed with Input.insertText into the focused element.
//
// Input (stdin, or a file named as the first argument), JSON:
//   { "chromium": "/usr/bin/chromium", "timeout_ms": 120000, "allowed_host": "127.0.0.1",
//     "width": 1280, "height": 900, "cache_disabled": true,
//     "block_external": true,   // false: only report requests to other hosts (no pausing)
//     "watch_network": true,    // false: no Network domain (no request reports, cache left on)
//     "steps": [
//       { "do": "open", "url": "http://127.0.0.1:8000/" },        // waits for the load event
//       { "do": "focus", "selector": "#header-q" },
//       { "do": "type", "text": "hai long" },                       // into the focused element
//       { "do": "key", "key": "Enter" | "Tab" | "Shift+Tab" },      // a navigation it starts is awaited
//       { "do": "wait", "until": "JS expression", "timeout_ms": 10000 },  // polls until truthy
//       { "do": "eval", "expression": "JS expression (a promise is awaited)" },
//       { "do": "screenshot", "path": "/abs/file.png" } ] }
// Output (stdout): one JSON object
//   { "ok": true, "browser": "Chrome/…", "error": null | "step N (…): message",
//     "steps": [ { "do", "value"?, "url"? } ], "final_url": "…",
//     "console_errors": [ {"source", "text", "location"} ], "console_warnings": [ … ],
//     "failed_requests": [ {"url", "error"} ],
//     "http_errors": [ {"url", "status"} ], "external_requests": [ "url" ], "requests": [ "url" ] }
// A failing step stops the run and is reported in "error" (exit 0: page problems are data);
// { "ok": false, "error": "…", "chromium_stderr": "…" } with exit code 2 when the harness itself
// failed (chromium did not start, overall timeout, …).

import fs from 'node:fs';
import path from 'node:path';

import { harness, hostOf, NAV_TIMEOUT_MS, remoteObjectText, sleep } from './cdp.mjs';


const { launch, finish, fail } = harness('search-check');



// Key definitions for Input.dispatchKeyEvent.
const KEYS = {
  Enter: { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' },
  Tab: { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 },
  Escape: { key: 'Escape', code: 'Escape', windowsVirtualKeyCode: 27 },
  Space: { key: ' ', code: 'Space', windowsVirtualKeyCode: 32, text: ' ' },
};

async function run(job) {
  const result = {
    ok: true,
    browser: null,
    error: null,
    steps: [],
    final_url: null,
    console_errors: [],
    console_warnings: [],
    failed_requests: [],
    http_errors: [],
    external_requests: [],
    requests: [],
  };
  const allowedHost = job.allowed_host || '127.0.0.1';
  const cdp = launch(job.chromium || '/usr/bin/chromium');
  result.browser = (await cdp.send('Browser.getVersion', {}, undefined, 30000)).product;
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  const s = (method, params, timeoutMs) => cdp.send(method, params, sessionId, timeoutMs);

  const requests = new Map();
  const blocked = new Set();
  let loads = 0;
  let startedLoading = 0;

  cdp.on((msg) => {
    if (msg.sessionId !== sessionId) return;
    const p = msg.params || {};
    switch (msg.method) {
      case 'Page.loadEventFired':
        loads++;
        break;
      case 'Page.frameRequestedNavigation':
        // A form submission or link (not history.pushState, which stays in the document).
        startedLoading++;
        break;
      case 'Fetch.requestPaused': {
        const host = hostOf(p.request.url);
        if (host !== null && host !== allowedHost) {
          if (!blocked.has(p.request.url)) result.external_requests.push(p.request.url);
          blocked.add(p.request.url);
          s('Fetch.failRequest', { requestId: p.requestId, errorReason: 'BlockedByClient' }).catch(() => {});
        } else {
          s('Fetch.continueRequest', { requestId: p.requestId }).catch(() => {});
        }
        break;
      }
      case 'Network.requestWillBeSent': {
        requests.set(p.requestId, p.request.url);
        result.requests.push(p.request.url);
        const host = hostOf(p.request.url);
        if (job.block_external === false && host !== null && host !== allowedHost) {
          result.external_requests.push(p.request.url);
        }
        break;
      }
      case 'Network.responseReceived':
        if (p.response.status >= 400) result.http_errors.push({ url: p.response.url, status: p.response.status });
        break;
      case 'Network.loadingFailed': {
        const url = requests.get(p.requestId) || '(unknown)';
        if (!blocked.has(url) && !p.canceled) {
          result.failed_requests.push({ url, error: p.errorText || p.blockedReason || 'failed' });
        }
        break;
      }
      case 'Runtime.consoleAPICalled':
        if (p.type === 'error' || p.type === 'assert' || p.type === 'warning') {
          const frame = p.stackTrace && p.stackTrace.callFrames && p.stackTrace.callFrames[0];
          (p.type === 'warning' ? result.console_warnings : result.console_errors).push({
            source: `console.${p.type}`,
            text: (p.args || []).map(remoteObjectText).join(' '),
            location: frame ? `${frame.url}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : '',
          });
        }
        break;
      case 'Runtime.exceptionThrown': {
        const d = p.exceptionDetails || {};
        result.console_errors.push({
          source: 'exception',
          text: (d.exception && d.exception.description) || d.text || 'exception',
          location: d.url ? `${d.url}:${(d.lineNumber || 0) + 1}:${(d.columnNumber || 0) + 1}` : '',
        });
        break;
      }
      case 'Log.entryAdded':
        if (p.entry.level === 'error') {
          result.console_errors.push({ source: `log.${p.entry.source}`, text: p.entry.text, location: p.entry.url || '' });
        } else if (p.entry.level === 'warning') {
          result.console_warnings.push({ source: `log.${p.entry.source}`, text: p.entry.text, location: p.entry.url || '' });
        }
        break;
      default:
        break;
    }
  });

  await s('Page.enable');
  await s('Runtime.enable');
  await s('Log.enable');
  // "watch_network": false leaves the Network domain off (a benchmark: its events cost time
  // on every request); requests, failures and other hosts are then not reported.
  if (job.watch_network !== false) {
    await s('Network.enable');
    await s('Network.setCacheDisabled', { cacheDisabled: job.cache_disabled !== false });
  }
  // Requests to other hosts are blocked by pausing every request (Fetch domain); a benchmark
  // turns this off ("block_external": false), since each pause is a round trip to this script.
  if (job.block_external !== false) await s('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
  await s('Emulation.setDeviceMetricsOverride', {
    width: job.width || 1280,
    height: job.height || 900,
    deviceScaleFactor: 1,
    mobile: (job.width || 1280) <= 480,
  });

  async function evaluate(expression, timeoutMs = NAV_TIMEOUT_MS) {
    const r = await s('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, timeoutMs);
    if (r.exceptionDetails) {
      const d = r.exceptionDetails;
      throw new Error(`${(d.exception && d.exception.description) || d.text}`);
    }
    return r.result.value;
  }

  async function waitForLoad(before, timeoutMs = NAV_TIMEOUT_MS) {
    const until = Date.now() + timeoutMs;
    while (loads <= before) {
      if (Date.now() > until) throw new Error(`no load event in ${timeoutMs} ms`);
      await sleep(20);
    }
  }

  const steps = job.steps || [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const out = { do: step.do };
    try {
      switch (step.do) {
        case 'open': {
          const before = loads;
          const nav = await s('Page.navigate', { url: step.url });
          if (nav.errorText) throw new Error(`navigation failed: ${nav.errorText}`);
          await waitForLoad(before);
          break;
        }
        case 'focus': {
          const ok = await evaluate(
            `(() => { const e = document.querySelector(${JSON.stringify(step.selector)}); if (!e) return false; e.focus(); return document.activeElement === e; })()`,
          );
          if (!ok) throw new Error(`cannot focus ${step.selector}`);
          break;
        }
        case 'type':
          await s('Input.insertText', { text: step.text });
          break;
        case 'key': {
          const parts = step.key.split('+');
          const name = parts.pop();
          const def = KEYS[name];
          if (!def) throw new Error(`unknown key ${step.key}`);
          const modifiers = parts.includes('Shift') ? 8 : 0;
          const beforeStart = startedLoading;
          const beforeLoad = loads;
          await s('Input.dispatchKeyEvent', { type: def.text ? 'keyDown' : 'rawKeyDown', modifiers, ...def });
          await s('Input.dispatchKeyEvent', { type: 'keyUp', modifiers, key: def.key, code: def.code, windowsVirtualKeyCode: def.windowsVirtualKeyCode });
          // A key may submit a form: if a navigation starts within 500 ms, wait for its load.
          const until = Date.now() + 500;
          while (startedLoading === beforeStart && Date.now() < until) await sleep(20);
          if (startedLoading > beforeStart) await waitForLoad(beforeLoad);
          break;
        }
        case 'wait': {
          const limit = step.timeout_ms || 10000;
          const until = Date.now() + limit;
          let value = null;
          for (;;) {
            try {
              value = await evaluate(step.until);
            } catch {
              value = null; // e.g. during a navigation
            }
            if (value) break;
            if (Date.now() > until) throw new Error(`still false after ${limit} ms: ${step.until}`);
            await sleep(25);
          }
          out.value = value;
          break;
        }
        case 'eval':
          out.value = await evaluate(step.expression, step.timeout_ms || NAV_TIMEOUT_MS);
          break;
        case 'screenshot': {
          const shot = await s('Page.captureScreenshot', { format: 'png' });
          fs.mkdirSync(path.dirname(step.path), { recursive: true });
          fs.writeFileSync(step.path, Buffer.from(shot.data, 'base64'));
          out.value = step.path;
          break;
        }
        default:
          throw new Error(`unknown step ${JSON.stringify(step.do)}`);
      }
      out.url = await evaluate('location.href').catch(() => null);
    } catch (e) {
      result.error = `step ${i + 1} (${step.do}): ${e.message}`;
      result.steps.push(out);
      break;
    }
    result.steps.push(out);
  }
  result.final_url = await evaluate('location.href').catch(() => null);
  // Chromium also logs each failed or blocked request as a console error: keep one report.
  const reported = new Set([...blocked, ...result.http_errors.map((r) => r.url)]);
  result.console_errors = result.console_errors.filter(
    (c) => !(c.source === 'log.network' && reported.has(c.location)),
  );
  await cdp.send('Browser.close', {}, undefined, 5000).catch(() => {});
  return result;
}

async function main() {
  const src = process.argv[2] ? fs.readFileSync(process.argv[2], 'utf8') : fs.readFileSync(0, 'utf8');
  const job = JSON.parse(src);
  const timeoutMs = job.timeout_ms || 120000;
  setTimeout(() => fail(`search-check: gave up after ${timeoutMs} ms`), timeoutMs);
  const result = await run(job);
  finish(result, 0);
}

main().catch((e) => fail(`search-check: ${e && e.message ? e.message : e}`));
