#!/usr/bin/env python3
"""Measures `thidua serve` latency: from saving an edited post to the reload message.

For each site (a copy of the bundled site, and the 10,000-post corpus), starts
`target/release/thidua serve` on a free loopback port, connects to its event stream like a
browser does, then N times appends a sentence to one post and times how long until the
`reload` event arrives. Prints median, min and max.

    python3 bench/serve_latency.py [--runs 15] [--sizes 10000] [--no-build]

Only loopback traffic; every wait is bounded.
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import run as bench_run  # noqa: E402  (corpus cache and thidua site layout)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(proc):
    """Waits for the "Serving the site at" line: the first build is done and files are watched."""
    line = proc.stdout.readline()
    if "Serving" not in line:
        proc.kill()  # before reading stderr: a running server never closes it
        sys.exit(f"thidua serve did not start: {line}{proc.stderr.read()}")


def open_events(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(b"GET /__thidua/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    s.settimeout(30)
    return s


def wait_event(sock, name, buf):
    """Reads until an `event: NAME` line has arrived; returns the remaining buffer."""
    needle = f"event: {name}\n".encode()
    while needle not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            sys.exit("event stream closed")
        buf += chunk
    return buf[buf.index(needle) + len(needle):]


def measure(site, post, runs, binary):
    port = free_port()
    # --lang en: the line awaited below is matched in English, whatever site.yaml's ui_language.
    proc = subprocess.Popen([str(binary), "--lang", "en", "serve", "--root", str(site), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_listening(proc)
        sock = open_events(port)
        time.sleep(0.3)
        buf = b""
        original = post.read_text(encoding="utf-8")
        times = []
        for i in range(runs):
            post.write_text(original + f"\n\nCâu thêm số {i} cho phép đo.\n", encoding="utf-8")
            t0 = time.perf_counter()
            buf = wait_event(sock, "reload", buf)
            times.append((time.perf_counter() - t0) * 1000)
            print(f"  edit {i + 1}: {times[-1]:.1f} ms", file=sys.stderr)
            time.sleep(0.15)
        post.write_text(original, encoding="utf-8")
        sock.close()
        return times
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--sizes", default="10000")
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    binary = ROOT / "target" / "release" / "thidua"
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="thidua-latency-") as tmp:
        bundled = Path(tmp) / "bundled"
        bundled.mkdir()
        for part in ["site.yaml", "content", "themes"]:
            src = ROOT / part
            (shutil.copytree if src.is_dir() else shutil.copy)(src, bundled / part)
        times = measure(bundled, bundled / "content/tin-tuc/le-phat-dong-dot-thi-dua.md", args.runs, binary)
        rows.append(("bundled site (36 pages)", times))
        for n in [int(x) for x in args.sizes.split(",") if x]:
            corpus = bench_run.ensure_corpus(ROOT / "bench" / ".corpus", n, 42)
            site = Path(tmp) / f"n{n}"
            shutil.copytree(corpus / "plain", site)
            bench_run.write_thidua_site(site)
            times = measure(site, site / "content/posts" / f"post-{n // 2:05d}.md", args.runs, binary)
            rows.append((f"{n:,}-post corpus", times))
    print(f"{'site':28} {'median':>9} {'min':>8} {'max':>8}  (edit saved -> reload event, {args.runs} edits)")
    for name, t in rows:
        print(f"{name:28} {statistics.median(t):7.1f} ms {min(t):6.1f} ms {max(t):6.1f} ms")


if __name__ == "__main__":
    main()
