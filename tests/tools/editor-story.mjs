#!/usr/bin/env node
// The editing room's story in a real browser (tests/suite/editor_browser.rs): an editor signs
// in with the keyboard only, writes a post with a Vietnamese title and a photo, sees it in the
// preview, submits; the approver returns it with a comment; the editor fixes it and submits
// again; the approver approves and publishes; the history lists the saves; a restore brings
// back the first version. axe-core runs on every kind of page; screenshots at 1366×768 and
// 375 px. Job on stdin: { chromium, base, post, shots, users: {editor, approver, password} }.
// One JSON result on stdout.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { harness, hostOf, remoteObjectText, sleep } from './cdp.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE_PATH = path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js');
const { launch, finish, fail } = harness('editor-story');

const job = JSON.parse(fs.readFileSync(0, 'utf8'));
const result = { ok: true, steps: [], axe: {}, console_errors: [], external_requests: [], shots: [] };
const axeSource = fs.readFileSync(AXE_PATH, 'utf8');
const allowedHost = new URL(job.base).hostname;

async function main() {
  setTimeout(() => fail('editor-story: gave up after 240 s'), 240000);
  const cdp = launch(job.chromium || '/usr/bin/chromium');
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  const s = (method, params = {}, t) => cdp.send(method, params, sessionId, t);
  let loaded = null;
  cdp.on((msg) => {
    if (msg.sessionId !== sessionId) return;
    const p = msg.params || {};
    if (msg.method === 'Page.loadEventFired' && loaded) { const l = loaded; loaded = null; l(); }
    if (msg.method === 'Page.javascriptDialogOpening') {
      s('Page.handleJavaScriptDialog', { accept: true, promptText: job.alt || 'Ảnh' }).catch(() => {});
    }
    if (msg.method === 'Runtime.consoleAPICalled' && p.type === 'error') {
      result.console_errors.push((p.args || []).map(remoteObjectText).join(' '));
    }
    if (msg.method === 'Log.entryAdded' && p.entry.level === 'error') {
      result.console_errors.push(`${p.entry.source}: ${p.entry.text} ${p.entry.url || ''}`);
    }
    if (msg.method === 'Network.requestWillBeSent') {
      const host = hostOf(p.request.url);
      if (host !== null && host !== allowedHost) result.external_requests.push(p.request.url);
    }
  });
  for (const d of ['Page', 'Runtime', 'Log', 'Network', 'DOM']) await s(`${d}.enable`);
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
  const key = async (k, code, text) => {
    await s('Input.dispatchKeyEvent', { type: 'keyDown', key: k, code, windowsVirtualKeyCode: code === 'Tab' ? 9 : 13, text });
    await s('Input.dispatchKeyEvent', { type: 'keyUp', key: k, code, windowsVirtualKeyCode: code === 'Tab' ? 9 : 13 });
  };
  const typeInto = async (selector, text, replace = true) => {
    await js(`(() => { const e = document.querySelector(${JSON.stringify(selector)}); e.focus();
      ${replace ? 'e.select();' : ''} })()`);
    await s('Input.insertText', { text });
  };
  const axe = async (name) => {
    await js(axeSource + ';0');
    const r = await js(`axe.run(document, { iframes: false, resultTypes: ['violations'] }).then((r) => r.violations.map((v) =>
      ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) })))`);
    result.axe[name] = r;
  };
  const shot = async (name, at) => {
    for (const [w, h, tag] of [[1366, 768, 'desktop'], [375, 812, '375']]) {
      await size(w, h);
      await sleep(200);
      if (at) await js(`document.querySelector(${JSON.stringify(at)}).scrollIntoView()`);
      const { data } = await s('Page.captureScreenshot', { format: 'png' });
      const file = path.join(job.shots, `editor-${name}-${tag}.png`);
      fs.writeFileSync(file, Buffer.from(data, 'base64'));
      result.shots.push(file);
    }
    await size(1366, 768);
  };
  const step = (text) => result.steps.push(text);
  const signIn = async (name) => {
    await go('/login');
    // Keyboard only: Tab to the name, type, Tab to the password, type, Enter.
    await js('document.activeElement && document.activeElement.blur()');
    await key('Tab', 'Tab');
    while (!(await js('document.activeElement && document.activeElement.id === "name"'))) await key('Tab', 'Tab');
    await s('Input.insertText', { text: name });
    await key('Tab', 'Tab');
    await s('Input.insertText', { text: job.users.password });
    const p = waitLoad();
    await key('Enter', 'Enter', '\r');
    await p;
    step(`signed in as ${await js('document.querySelector(".who").textContent')}`);
  };
  const signOut = async () => clicking('form[action="/logout"] button');
  const editUrl = `/edit?p=${encodeURIComponent(job.post)}`;

  // The editor writes.
  await go('/login');
  await axe('login');
  await shot('login');
  await signIn(job.users.editor);
  await axe('posts');
  await shot('posts');
  await go('/new');
  await typeInto('#title', job.title);
  await js(`document.querySelector('#section').value = 'tin-tuc'`);
  await clicking('form[action="/new"] button');
  step(`created ${await js('location.pathname + location.search')}`);
  await typeInto('#body', job.first);
  // A photo, made by the browser itself (a real JPEG), picked in the file input.
  const jpeg = await js(`(() => { const c = document.createElement('canvas'); c.width = 640; c.height = 400;
    const g = c.getContext('2d'); g.fillStyle = '#0b4f8a'; g.fillRect(0, 0, 640, 400); g.fillStyle = '#f0a000';
    g.fillRect(80, 80, 300, 200); return c.toDataURL('image/jpeg', 0.9).split(',')[1]; })()`);
  const photo = path.join(job.shots, 'Ảnh lễ trao giải.jpg');
  fs.writeFileSync(photo, Buffer.from(jpeg, 'base64'));
  const { root } = await s('DOM.getDocument');
  const { nodeId } = await s('DOM.querySelector', { nodeId: root.nodeId, selector: '#photo' });
  await s('DOM.setFileInputFiles', { nodeId, files: [photo] });
  for (let i = 0; i < 50 && !(await js(`document.querySelector('#body').value.includes('.jpg')`)); i++) await sleep(100);
  step(`body after the photo: ${await js(`document.querySelector('#body').value`)}`);
  await clicking('button[value="save"]');
  // The cover picker now offers the uploaded photo, with its picture: it becomes the cover.
  result.cover_choices = await js(`[...document.querySelectorAll('ul.covers li')].map((li) =>
    ({ value: li.querySelector('input').value, img: !!li.querySelector('img') && li.querySelector('img').complete && li.querySelector('img').naturalWidth > 0 }))`);
  await js(`document.querySelector('ul.covers li:last-child input').click()`);
  await clicking('button[value="save"]');
  result.cover = await js(`document.querySelector('ul.covers input:checked').value`);
  await shot('cover', 'fieldset.cover');
  await js('window.scrollTo(0, 0)');
  // The preview: the real theme's page, with the photo loaded.
  await js(`new Promise((r) => { const f = document.getElementById('preview');
    const ok = () => f.contentDocument && f.contentDocument.readyState === 'complete' && f.contentDocument.querySelector('img[src*="anh-le-trao-giai"]');
    const t = setInterval(() => { if (ok()) { clearInterval(t); r(); } }, 100); setTimeout(() => { clearInterval(t); r(); }, 20000); })`);
  result.preview = await js(`(() => { const d = document.getElementById('preview').contentDocument;
    const img = d.querySelector('img[src*="anh-le-trao-giai"]');
    return { title: d.querySelector('h1') && d.querySelector('h1').textContent, img: img && img.getAttribute('src'),
             loaded: !!img && img.complete && img.naturalWidth > 0 }; })()`);
  await axe('edit');
  await shot('edit');
  await clicking('button[value="submit"]');
  step(`submitted: ${await js('document.querySelector("p.status") && document.querySelector("p.status").textContent')}`);
  await signOut();

  // The approver returns it with a comment.
  await signIn(job.users.approver);
  await go(`/?status=pending`);
  step(`pending list: ${await js('document.querySelector("tbody").textContent')}`);
  await go(editUrl);
  await typeInto('#comment', job.comment);
  await clicking('button[value="return"]');
  await signOut();

  // The editor reads the comment, fixes the post, submits again.
  await signIn(job.users.editor);
  await go(editUrl);
  result.comment_seen = await js('document.querySelector(".comment") && document.querySelector(".comment").textContent');
  await axe('returned');
  await shot('returned');
  await typeInto('#body', job.fixed);
  await clicking('button[value="save"]');
  await clicking('button[value="submit"]');
  await signOut();

  // The approver approves: it is published.
  await signIn(job.users.approver);
  await go(editUrl);
  await clicking('button[value="approve"]');
  // Publishing runs in the background: the page follows its steps, then reloads itself with
  // the result.
  result.publishing = await js('document.querySelector("#publish") && document.querySelector("#publish").getAttribute("data-publish")');
  await axe('publishing');
  await shot('publishing');
  for (let i = 0; i < 600; i++) {
    const state = await js('(document.querySelector("#publish") || {}).dataset?.publish || ""').catch(() => 'running');
    if (state && state !== 'running') break;
    await sleep(100);
  }
  result.publish_steps = await js('[...document.querySelectorAll("ol.steps li")].map((li) => li.className + ":" + li.textContent)');
  result.published = await js('document.querySelector("main").innerText');
  await axe('published');
  await shot('published');

  // The history, and a restore of the first version.
  await go(`/history?p=${encodeURIComponent(job.post)}`);
  result.history = await js('[...document.querySelectorAll("ol.history li")].map((li) => li.querySelector(".who").textContent)');
  await axe('history');
  await shot('history');
  await clicking('ol.history li:nth-last-child(2) form button');
  result.after_restore = await js(`document.querySelector('#body').value`);

  // Pasting from Word: the page sends the clipboard's HTML and inserts the Markdown.
  await go(`/edit?p=${encodeURIComponent('content/tin-tuc/cu/index.md')}`);
  await js(`(() => { const b = document.querySelector('#body'); b.focus(); b.setSelectionRange(0, 0);
    const dt = new DataTransfer(); dt.setData('text/html', ${JSON.stringify(job.word_html)});
    b.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true })); })()`);
  for (let i = 0; i < 50 && !(await js(`document.querySelector('#body').value.includes('](anh-dan')`)); i++) await sleep(100);
  result.pasted = await js(`document.querySelector('#body').value`);
  // A photo dragged from a folder and dropped onto the text (a real JPEG the browser makes).
  await js(`new Promise((r) => { const c = document.createElement('canvas'); c.width = 320; c.height = 200;
    const g = c.getContext('2d'); g.fillStyle = '#2a7'; g.fillRect(0, 0, 320, 200);
    c.toBlob((blob) => { const dt = new DataTransfer();
      dt.items.add(new File([blob], 'Ảnh kéo thả.jpg', { type: 'image/jpeg' }));
      const b = document.querySelector('#body'); b.focus(); b.setSelectionRange(b.value.length, b.value.length);
      b.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true })); r(); }, 'image/jpeg', 0.9); })`);
  for (let i = 0; i < 50 && !(await js(`document.querySelector('#body').value.includes('](anh-keo-tha')`)); i++) await sleep(100);
  result.dropped = await js(`document.querySelector('#body').value`);
  await cdp.send('Browser.close', {}, undefined, 5000).catch(() => {});
  finish(result, 0);
}

main().catch((e) => fail(`editor-story: ${e && e.stack ? e.stack : e}`));
