// A minimal Chrome DevTools Protocol client over chromium's --remote-debugging-pipe, and a
// launcher for Debian's headless chromium with the project's flags. Shared by the browser
// test scripts in this folder. The browser runs in its own process group and exits by itself
// when the pipe closes (if the script dies).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
export const NAV_TIMEOUT_MS = 30000;
const STDERR_KEEP = 8000;

/** A minimal CDP client over chromium's --remote-debugging-pipe (fd 3 in, fd 4 out). */
export class Cdp {
  constructor(writable, readable) {
    this.out = writable;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.closed = null;
    let buf = '';
    readable.setEncoding('utf8');
    readable.on('data', (chunk) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\0')) >= 0) {
        const raw = buf.slice(0, i);
        buf = buf.slice(i + 1);
        this.dispatch(JSON.parse(raw));
      }
    });
    const onClose = () => {
      this.closed = 'the DevTools pipe closed (chromium exited?)';
      for (const { reject } of this.pending.values()) reject(new Error(this.closed));
      this.pending.clear();
    };
    readable.on('close', onClose);
    readable.on('error', onClose);
    writable.on('error', onClose);
  }

  dispatch(msg) {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
      return;
    }
    for (const l of [...this.listeners]) l(msg);
  }

  send(method, params = {}, sessionId = undefined, timeoutMs = NAV_TIMEOUT_MS) {
    if (this.closed) return Promise.reject(new Error(this.closed));
    const id = this.nextId++;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.out.write(JSON.stringify(msg) + '\0');
    });
  }

  on(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}

/**
 * Starts chromium with a fresh profile. Returns { cdp, stderr(), close() }; close() kills the
 * whole process group and removes the profile. onError is called if it cannot start.
 */
export function launchChromium(executable, onError) {
  let userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-chromium-'));
  const args = [...FLAGS, `--user-data-dir=${userDataDir}`, '--remote-debugging-pipe', 'about:blank'];
  // Chromium puts its singleton socket in $TMPDIR (org.chromium.Chromium.XXXXXX): inside the
  // profile, it goes with the profile, even though close() has to SIGKILL the browser.
  const tmp = path.join(userDataDir, 'tmp');
  fs.mkdirSync(tmp);
  const chromium = spawn(executable, args, {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, TMPDIR: tmp },
  });
  let stderr = '';
  chromium.stderr.setEncoding('utf8');
  chromium.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-STDERR_KEEP * 2);
  });
  chromium.on('error', onError);
  return {
    cdp: new Cdp(chromium.stdio[3], chromium.stdio[4]),
    stderr: () => stderr.slice(-STDERR_KEEP),
    close() {
      // Even when the browser process has exited, its helpers (zygote, renderers) may linger:
      // end the whole process group.
      try {
        process.kill(-chromium.pid, 'SIGKILL');
      } catch {
        try {
          chromium.kill('SIGKILL');
        } catch {
          // already gone
        }
      }
      if (userDataDir) {
        try {
          fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
        } catch {
          // a leftover temp dir is harmless
        }
        userDataDir = null;
      }
    },
  };
}

/**
 * What every browser script needs around its work: one browser, one JSON result on stdout,
 * and a clean exit whatever happens (signals, crashes). `finish(result, code)` prints the
 * result once and exits; `fail(message)` finishes with { ok: false, error, chromium_stderr }
 * and exit code 2; `launch(executable)` starts chromium and returns its CDP client.
 */
export function harness(name) {
  let browser = null;
  let finished = false;
  const cleanup = () => {
    if (browser) {
      browser.close();
      browser = null;
    }
  };
  const finish = (result, code) => {
    if (finished) return;
    finished = true;
    cleanup();
    process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(code));
  };
  const fail = (message) =>
    finish({ ok: false, error: message, chromium_stderr: browser ? browser.stderr() : '' }, 2);
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
    process.on(sig, () => fail(`${name}: stopped by ${sig}`));
  }
  process.on('exit', cleanup);
  const crashed = (e) => fail(`${name} crashed: ${e && e.stack ? e.stack : e}`);
  process.on('uncaughtException', crashed);
  process.on('unhandledRejection', crashed);
  const launch = (executable) => {
    browser = launchChromium(executable, (e) => fail(`cannot start ${executable}: ${e.message}`));
    return browser.cdp;
  };
  return { launch, finish, fail };
}

/** Waits `ms` milliseconds. */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The host of a network URL, or null for data:, blob:, about: and the like. */
export function hostOf(url) {
  try {
    const u = new URL(url);
    if (!['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(u.protocol)) return null;
    return u.hostname;
  } catch {
    return null;
  }
}

/** A console argument (a CDP RemoteObject) as text. */
export function remoteObjectText(o) {
  if (!o) return '';
  if (o.type === 'string') return o.value;
  if (o.value !== undefined) return JSON.stringify(o.value);
  return o.description || o.type;
}
