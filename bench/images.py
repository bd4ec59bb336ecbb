#!/usr/bin/env python3
"""Photos: thidua and Hugo processing the same phone photos, side by side.

N phone-like photos (4000x3000 JPEG with GPS, camera and Orientation=6, made by
`examples/phone_photos.rs`) in one post. thidua: first build (empty cache), cached rebuild
(same output), fresh build into an empty output (cache kept), each with wall time and peak
memory (`/usr/bin/time -v`). Hugo: the same photos as page resources, each through
`.Resize "480x webp"`, `"960x webp"`, `"1600x webp"` and the same three widths as JPEG (what
thidua makes), cold (resources/ deleted) and warm.

    python3 bench/images.py                 # 200 photos
    python3 bench/images.py --photos 50 --markdown docs/benchmarks.md
    python3 bench/images.py --photos-from DIR   # photos made before by `phone_photos DIR 200`
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
THIDUA = os.path.join(ROOT, "target", "release", "thidua")
GEN = os.path.join(ROOT, "target", "release", "examples", "phone_photos")

HUGO_LAYOUT = """<!doctype html><html><body>{{ range .Resources.ByType "image" }}
{{ $a := .Resize "480x webp q75" }}{{ $b := .Resize "960x webp q75" }}{{ $c := .Resize "1600x webp q75" }}
{{ $d := .Resize "480x jpg q80" }}{{ $e := .Resize "960x jpg q80" }}{{ $f := .Resize "1600x jpg q80" }}
<img src="{{ $b.RelPermalink }}" srcset="{{ $a.RelPermalink }} 480w, {{ $c.RelPermalink }} 1600w" width="{{ $b.Width }}">
{{ end }}{{ .Content }}</body></html>
"""


def timed(cmd, cwd):
    """Runs cmd under /usr/bin/time -v: (seconds, peak MiB, stdout)."""
    start = time.monotonic()
    out = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=cwd, capture_output=True, text=True)
    wall = time.monotonic() - start
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{out.stdout}\n{out.stderr}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr)
    return wall, int(rss.group(1)) / 1024 if rss else float("nan"), out.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", type=int, default=200)
    ap.add_argument("--markdown", help="append the table to this file")
    ap.add_argument("--photos-from", help="use the photos already made in this folder "
                    "(by an earlier `phone_photos DIR N`) instead of making them")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--bin", "thidua", "--example", "phone_photos"],
                   cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="thidua-images-")
    photos = args.photos_from or os.path.join(work, "photos")
    if not args.photos_from:
        subprocess.run([GEN, photos, str(args.photos)], check=True)
    names = sorted(os.listdir(photos))[:args.photos]
    # thidua
    site = os.path.join(work, "thidua")
    post = os.path.join(site, "content", "tin-tuc", "anh")
    os.makedirs(post)
    with open(os.path.join(site, "site.yaml"), "w") as f:
        f.write('title: "Ảnh"\nbase_url: "https://example.gov.vn/"\n')
    body = "".join(f"![Ảnh {i + 1}]({n})\n\n" for i, n in enumerate(names))
    with open(os.path.join(post, "index.md"), "w") as f:
        f.write('---\ntitle: "Ảnh"\ndate: "2023-11-20"\n---\n' + body)
    for n in names:
        shutil.copy(os.path.join(photos, n), post)
    rows = []
    wall, rss, out = timed([THIDUA, "build", "-v"], site)
    rows.append(("thidua, first build (empty cache)", wall, rss, line(out)))
    wall, rss, out = timed([THIDUA, "build", "-v"], site)
    rows.append(("thidua, rebuild (cache)", wall, rss, line(out)))
    shutil.rmtree(os.path.join(site, "public"))
    wall, rss, out = timed([THIDUA, "build", "-v"], site)
    rows.append(("thidua, fresh build into an empty output (cache)", wall, rss, line(out)))
    # Hugo
    if shutil.which("hugo"):
        hsite = os.path.join(work, "hugo")
        hpost = os.path.join(hsite, "content", "tin-tuc", "anh")
        os.makedirs(hpost)
        os.makedirs(os.path.join(hsite, "layouts", "_default"))
        with open(os.path.join(hsite, "config.toml"), "w") as f:
            f.write('baseURL = "https://example.gov.vn/"\ntitle = "Ảnh"\n'
                    'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
        for layout in ("single.html", "list.html"):
            with open(os.path.join(hsite, "layouts", "_default", layout), "w") as f:
                f.write(HUGO_LAYOUT)
        with open(os.path.join(hpost, "index.md"), "w") as f:
            f.write('---\ntitle: "Ảnh"\ndate: 2023-11-20\n---\n')
        for n in names:
            shutil.copy(os.path.join(photos, n), hpost)
        wall, rss, _ = timed(["hugo", "--quiet"], hsite)
        rows.append(("Hugo, first build (no resources/)", wall, rss, ""))
        wall, rss, _ = timed(["hugo", "--quiet"], hsite)
        rows.append(("Hugo, rebuild (resources/ kept)", wall, rss, ""))
    else:
        print("hugo not on PATH: skipped")
    table = [f"{args.photos} phone photos (4000×3000 JPEG, GPS, Orientation=6), "
             f"{os.cpu_count()} cores:", "",
             "| build | wall time | peak memory | photos |", "|:--|--:|--:|:--|"]
    for name, wall, rss, photos_line in rows:
        table.append(f"| {name} | {wall:.2f} s | {rss:.0f} MiB | {photos_line} |")
    text = "\n".join(table) + "\n"
    print(text)
    if args.markdown:
        with open(args.markdown, "a") as f:
            f.write("\n" + text)
    shutil.rmtree(work, ignore_errors=True)


def line(stdout):
    """The `Photos: …` line of `build -v`."""
    for l in stdout.splitlines():
        if l.startswith("Photos:") or l.startswith("Ảnh:"):
            return l
    return ""


if __name__ == "__main__":
    main()
