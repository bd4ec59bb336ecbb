#!/usr/bin/env node
// Loads pages in Debian's headless chromium and reports what a person's browser would show:
// console errors, failed or 4xx/5xx requests, requests to other hosts (blocked), an optional
// full-page PNG screenshot, and optionally axe-core's accessibility violations.
//
// Used by tests/suite/quality.rs. No npm package but axe-core is needed: chromium is driven
// over the Chrome DevTools Protocol on a pipe (--remote-debugging-pipe), so it also exits by
// itself if this script dies.
//
// Input (stdin, or a file named as the first argument), JSON:
//   { "chromium": "/usr/bin/chromium", "timeout_ms": 120000, "allowed_host": "127.0.0.1",
//     "pages": [ { "url": "...", "width": 1280, "height": 900,
//                  "screenshot_path": "/abs/file.png" | null, "run_axe": true,
//                  "measure_layout": false, "pdf_path": "/abs/file.pdf" | null } ] }
// Output (stdout): one JSON object
//   { "ok": true, "browser": "Chrome/…", "pages": [ { "url", "width", "height", "error",
//     "status": 200, "console_errors": [ {"source", "text", "location"} ], "failed_requests": [ {"url", "error"} ],
//     "http_errors": [ {"url", "status"} ], "external_requests": [ "url" ],
//     "screenshot": "/abs/file.png" | null, "pdf": "/abs/file.pdf" | null,
//     "layout": null | { "viewport_width", "scroll_width", "document_height",
//                        "squeezed": [ {"selector", "text", "width"} ],
//                        "wide": [ {"selector", "right"} ] },
//     "axe": null | { "version", "passes": N, "violations": [ {"id", "impact", "help", "helpUrl",
//                     "tags", "nodes": [ {"target", "html", "impact", "summary"} ]} ] } } ] }
// "layout" (with measure_layout): the document's width and height in CSS px, and the visible
// text squeezed into a narrow box: every element holding a text of more than SQUEEZE_CHARS
// characters (its own text nodes, whitespace collapsed) and narrower than SQUEEZE_PX, which on a
// phone means a few letters per line. Visually hidden text (clipped to 1 px) and SVG text (which
// never wraps) are not counted. "wide" names what sticks out past the right edge (at most 5,
// innermost first), to say what makes scroll_width exceed the viewport.
// "pdf_path": the page printed by chromium (print media, the CSS @page size, backgrounds as
// the print CSS allows, chromium's own header and footer off) is written there.
// or { "ok": false, "error": "…", "chromium_stderr": "…" } with exit code 2 when the harness
// itself failed (chromium did not start, timeout, …). Page problems are data, not exit codes.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { harness, hostOf, NAV_TIMEOUT_MS, remoteObjectText, sleep } from './cdp.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE_PATH = path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js');
const { launch, finish, fail } = harness('browser-check');
const SQUEEZE_CHARS = 8;
const SQUEEZE_PX = 60;

// Runs in the page: see "layout" in the header.
const MEASURE_LAYOUT = `(() => {
  const MIN_CHARS = ${SQUEEZE_CHARS}, MIN_PX = ${SQUEEZE_PX};
  const root = document.documentElement;
  const hidden = (el) => {
    // checkVisibility: display none, visibility hidden, and the closed part of a <details>.
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true })) return true;
    for (let a = el; a && a !== root; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.display === 'none' || cs.visibility === 'hidden' || cs.visibility === 'collapse') return true;
      const r = a.getBoundingClientRect();
      if ((cs.clip && cs.clip !== 'auto' || cs.clipPath !== 'none') && (r.width <= 1 || r.height <= 1)) return true;
    }
    return false;
  };
  const name = (el) => {
    let s = el.localName;
    if (el.id) return s + '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    const p = el.parentElement;
    if (p && p !== root) s = name(p) + ' > ' + s;
    return s;
  };
  const seen = new Set();
  const squeezed = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || seen.has(el) || el.closest('svg, script, style, noscript, template')) continue;
    seen.add(el);
    const text = [...el.childNodes].filter((c) => c.nodeType === 3).map((c) => c.data).join('')
      .replace(/\s+/g, ' ').trim();
    if ([...text].length <= MIN_CHARS) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.width >= MIN_PX || hidden(el)) continue;
    squeezed.push({ selector: name(el), text: text.slice(0, 80), width: Math.round(r.width * 10) / 10 });
  }
  // What sticks out on the right: elements past the viewport's edge that are not inside a
  // scrolling or clipping box, innermost first.
  const vw = root.clientWidth;
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const wide = [...document.body.querySelectorAll('*')]
    .filter((el) => !el.closest('svg') || el.localName === 'svg')
    .filter((el) => el.getBoundingClientRect().right > vw + 0.5 && !hidden(el) && !clipped(el))
    .filter((el, _, all) => !all.some((o) => o !== el && el.contains(o)))
    .slice(0, 5)
    .map((el) => ({ selector: name(el), right: Math.round(el.getBoundingClientRect().right) }));
  return JSON.stringify({
    viewport_width: window.innerWidth,
    wide,
    scroll_width: Math.max(root.scrollWidth, document.body.scrollWidth),
    document_height: Math.max(root.scrollHeight, document.body.scrollHeight),
    squeezed,
  });
})()`;

function readJob() {
  const src = process.argv[2] ? fs.readFileSync(process.argv[2], 'utf8') : fs.readFileSync(0, 'utf8');
  const job = JSON.parse(src);
  if (!Array.isArray(job.pages)) throw new Error('job.pages must be an array');
  return job;
}



async function checkPage(cdp, page, allowedHost, axeSource) {
  const result = {
    url: page.url,
    width: page.width,
    height: page.height,
    error: null,
    status: null,
    console_errors: [],
    failed_requests: [],
    http_errors: [],
    external_requests: [],
    screenshot: null,
    layout: null,
    pdf: null,
    axe: null,
  };
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  const s = (method, params, timeoutMs) => cdp.send(method, params, sessionId, timeoutMs);

  const requests = new Map(); // requestId -> url
  const blocked = new Set(); // urls blocked because of their host
  let inflight = 0;
  const documentStatus = new Map(); // requestId -> HTTP status of document responses
  let lastNetworkActivity = Date.now();
  let loaded = null;
  const loadFired = new Promise((r) => {
    loaded = r;
  });

  const off = cdp.on((msg) => {
    if (msg.sessionId !== sessionId) return;
    const p = msg.params || {};
    switch (msg.method) {
      case 'Page.loadEventFired':
        loaded();
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
      case 'Network.requestWillBeSent':
        if (!requests.has(p.requestId)) inflight++;
        requests.set(p.requestId, p.request.url);
        lastNetworkActivity = Date.now();
        break;
      case 'Network.responseReceived':
        if (p.type === 'Document') documentStatus.set(p.requestId, p.response.status);
        if (p.response.status >= 400) {
          result.http_errors.push({ url: p.response.url, status: p.response.status });
        }
        lastNetworkActivity = Date.now();
        break;
      case 'Network.loadingFinished':
        inflight = Math.max(0, inflight - 1);
        lastNetworkActivity = Date.now();
        break;
      case 'Network.loadingFailed': {
        inflight = Math.max(0, inflight - 1);
        lastNetworkActivity = Date.now();
        const url = requests.get(p.requestId) || '(unknown)';
        if (!blocked.has(url) && !p.canceled) {
          result.failed_requests.push({ url, error: p.errorText || p.blockedReason || 'failed' });
        }
        break;
      }
      case 'Runtime.consoleAPICalled':
        if (p.type === 'error' || p.type === 'assert') {
          const frame = p.stackTrace && p.stackTrace.callFrames && p.stackTrace.callFrames[0];
          result.console_errors.push({
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
          result.console_errors.push({
            source: `log.${p.entry.source}`,
            text: p.entry.text,
            location: p.entry.url || '',
          });
        }
        break;
      default:
        break;
    }
  });

  try {
    await s('Page.enable');
    await s('Runtime.enable');
    await s('Log.enable');
    await s('Network.enable');
    await s('Network.setCacheDisabled', { cacheDisabled: true });
    await s('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
    const mobile = page.width <= 480;
    await s('Emulation.setDeviceMetricsOverride', {
      width: page.width,
      height: page.height,
      deviceScaleFactor: 1,
      mobile,
    });
    const nav = await s('Page.navigate', { url: page.url });
    if (nav.errorText) throw new Error(`navigation failed: ${nav.errorText}`);

    await Promise.race([
      loadFired,
      sleep(NAV_TIMEOUT_MS).then(() => {
        throw new Error(`no load event in ${NAV_TIMEOUT_MS} ms`);
      }),
    ]);
    // Let late requests (lazy images, fonts) settle: no request in flight for 300 ms, 5 s at most.
    const settleUntil = Date.now() + 5000;
    while (Date.now() < settleUntil && (inflight > 0 || Date.now() - lastNetworkActivity < 300)) {
      await sleep(50);
    }
    // The main document's request id is the navigation's loaderId.
    result.status = documentStatus.get(nav.loaderId) ?? null;
    await s('Runtime.evaluate', {
      expression: 'document.fonts ? document.fonts.ready.then(() => true) : true',
      awaitPromise: true,
      returnByValue: true,
    });

    if (page.screenshot_path) {
      const metrics = await s('Page.getLayoutMetrics');
      const size = metrics.cssContentSize || metrics.contentSize;
      const width = Math.max(page.width, Math.ceil(size.width));
      const height = Math.min(16000, Math.max(page.height, Math.ceil(size.height)));
      const shot = await s('Page.captureScreenshot', {
        format: 'png',
        captureBeyondViewport: true,
        clip: { x: 0, y: 0, width, height, scale: 1 },
      });
      fs.mkdirSync(path.dirname(page.screenshot_path), { recursive: true });
      fs.writeFileSync(page.screenshot_path, Buffer.from(shot.data, 'base64'));
      result.screenshot = page.screenshot_path;
      // The full-page capture resizes the view: restore it before axe measures anything.
      await s('Emulation.setDeviceMetricsOverride', {
        width: page.width,
        height: page.height,
        deviceScaleFactor: 1,
        mobile,
      });
    }

    if (page.measure_layout) {
      const m = await s('Runtime.evaluate', { expression: MEASURE_LAYOUT, returnByValue: true });
      if (m.exceptionDetails) throw new Error(`layout measurement failed: ${m.exceptionDetails.text}`);
      result.layout = JSON.parse(m.result.value);
    }

    if (page.pdf_path) {
      const pdf = await s(
        'Page.printToPDF',
        { preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false },
        60000,
      );
      fs.mkdirSync(path.dirname(page.pdf_path), { recursive: true });
      fs.writeFileSync(page.pdf_path, Buffer.from(pdf.data, 'base64'));
      result.pdf = page.pdf_path;
    }

    if (page.run_axe) {
      const inject = await s('Runtime.evaluate', { expression: axeSource, returnByValue: true });
      if (inject.exceptionDetails) throw new Error(`axe-core did not load: ${inject.exceptionDetails.text}`);
      const run = await s(
        'Runtime.evaluate',
        {
          expression: `axe.run(document, { resultTypes: ['violations'] }).then((r) => JSON.stringify({
              version: r.testEngine && r.testEngine.version,
              passes: r.passes.length,
              violations: r.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
                nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, impact: n.impact,
                                             summary: n.failureSummary })),
              })),
            }))`,
          awaitPromise: true,
          returnByValue: true,
        },
        60000,
      );
      if (run.exceptionDetails) {
        const d = run.exceptionDetails;
        throw new Error(`axe.run failed: ${(d.exception && d.exception.description) || d.text}`);
      }
      result.axe = JSON.parse(run.result.value);
    }
  } catch (e) {
    result.error = e.message;
  } finally {
    // Chromium also logs each failed or blocked request as a console error: keep one report.
    const reported = new Set([...blocked, ...result.http_errors.map((r) => r.url)]);
    result.console_errors = result.console_errors.filter(
      (c) => !(c.source === 'log.network' && reported.has(c.location)),
    );
    off();
    await cdp.send('Target.closeTarget', { targetId }, undefined, 5000).catch(() => {});
  }
  return result;
}

async function main() {
  const job = readJob();
  const timeoutMs = job.timeout_ms || 120000;
  setTimeout(() => fail(`browser-check: gave up after ${timeoutMs} ms`), timeoutMs);
  const allowedHost = job.allowed_host || '127.0.0.1';
  const needAxe = job.pages.some((p) => p.run_axe);
  const axeSource = needAxe ? fs.readFileSync(AXE_PATH, 'utf8') : '';

  const cdp = launch(job.chromium || '/usr/bin/chromium');
  const version = await cdp.send('Browser.getVersion', {}, undefined, 30000);
  const pages = [];
  for (const page of job.pages) {
    pages.push(await checkPage(cdp, page, allowedHost, axeSource));
  }
  await cdp.send('Browser.close', {}, undefined, 5000).catch(() => {});
  finish({ ok: true, browser: version.product, pages }, 0);
}

main().catch((e) => fail(`browser-check: ${e && e.message ? e.message : e}`));
