#!/usr/bin/env python3
"""serve and a dropped photo, on the bundled site: the time from dropping a 4000x3000 phone
JPEG into a post's folder (the post already names it) to the browsers' reload event, beside
the time of a full rebuild (site.yaml touched), both through `thidua serve`.

    cargo build --release --bin thidua --example phone_photos
    python3 bench/serve_photo.py [--runs 3]

(`PROFILE=debug` runs the debug build's binaries, after `cargo build --bin thidua --example
phone_photos`.)

Each run drops a different photo (a new one is processed; the cache does not help), under a new
name the post names, so every run is a first-time photo.
"""

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROFILE = os.environ.get("PROFILE", "release")
THIDUA = os.path.join(REPO, f"target/{PROFILE}/thidua")
PHOTOS = os.path.join(REPO, f"target/{PROFILE}/examples/phone_photos")
POST = "content/tin-tuc/thi-diem-chi-tiep-nhan-ho-so-truc-tuyen"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Events:
    """The live-reload stream (server-sent events)."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.conn.request("GET", "/__thidua/events")
        self.resp = self.conn.getresponse()
        while not self.resp.readline().startswith(b"retry: "):
            pass

    def next(self):
        while True:
            line = self.resp.readline()
            if not line:
                raise RuntimeError("stream closed")
            if line.startswith(b"event: "):
                return line[7:].strip().decode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="thidua-serve-photo-")
    site = os.path.join(tmp, "site")
    os.mkdir(site)
    for name in ["content", "static", "themes", "site.yaml"]:
        src = os.path.join(REPO, name)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(site, name))
        elif os.path.exists(src):
            shutil.copy(src, os.path.join(site, name))
    photos = os.path.join(tmp, "photos")
    subprocess.run([PHOTOS, photos, str(args.runs)], check=True, capture_output=True)
    index = os.path.join(site, POST, "index.md")
    with open(index, "a", encoding="utf-8") as f:
        for i in range(1, args.runs + 1):
            f.write(f"\n![Ảnh thử {i}](anh-tha-vao-{i}.jpg \"Ảnh minh họa\")\n")
    port = free_port()
    server = subprocess.Popen(
        [THIDUA, "serve", "--port", str(port)],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "LANG": "en_US.UTF-8"},
    )
    try:
        for _ in range(600):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        events = Events(port)
        quick, full = [], []
        for i in range(1, args.runs + 1):
            src = os.path.join(photos, f"anh-{i:03}.jpg")
            part = os.path.join(site, POST, f"anh-tha-vao-{i}.jpg.tmp")
            shutil.copy(src, part)
            started = time.monotonic()
            os.rename(part, part[: -len(".tmp")])
            assert events.next() == "reload"
            quick.append(time.monotonic() - started)
            time.sleep(0.5)
            started = time.monotonic()
            os.utime(os.path.join(site, "site.yaml"))
            assert events.next() == "reload"
            full.append(time.monotonic() - started)
            time.sleep(0.5)
        print(
            f"bundled site, {PROFILE} build, {args.runs} runs, "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        print(
            "photo dropped -> reload: "
            + ", ".join(f"{t * 1000:.0f} ms" for t in quick)
            + f" (median {statistics.median(quick) * 1000:.0f} ms)"
        )
        print(
            "full rebuild  -> reload: "
            + ", ".join(f"{t * 1000:.0f} ms" for t in full)
            + f" (median {statistics.median(full) * 1000:.0f} ms)"
        )
    finally:
        server.terminate()
        out = server.communicate(timeout=30)[0].decode(errors="replace")
        print("\n".join(l for l in out.splitlines() if l.startswith("Rebuilt")), file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
