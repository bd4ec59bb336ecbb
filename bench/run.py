#!/usr/bin/env python3
"""Full-build benchmark: thidua vs Hugo and the floor on the same synthetic corpus, in one sitting.

    python3 bench/run.py [--sizes 1000,10000] [--runs 5] [--seed 42]
                         [--tools thidua,thidua-real-cold,thidua-real-warm,hugo,floor]
                         [--no-build] [--thidua PATH] [--markdown FILE] [--keep-output]
    python3 bench/run.py --bundled [--runs 11] [--no-build] [--thidua PATH] [--markdown FILE]

For each corpus size N the script
  1. generates the corpus with gen_corpus.py (cached in bench/.corpus/n<N>-seed<S>/),
  2. turns its plain/ folder into a thidua site (write_thidua_site below): the plain layout,
     a minimal site.yaml, the default embedded theme, no compression (tool `thidua`),
  3. copies the repository's real site (its site.yaml with every setting as it is, so
     compress: true, the search page content/tim-kiem/, taxonomies, data files, themes/) to
     /dev/shm twice, with the corpus posts added as content/bai-viet/ (write_real_site below),
     one copy for each of
       thidua-real-cold  every timed command deletes the site's .thidua/cache and its output
                         (SITE/public), so the .gz copies are all compressed again,
       thidua-real-warm  every timed command deletes the output only; the cache, filled by
                         the untimed warm-up build, is kept, as on a user's second build;
     cache and output share a file system (tmpfs), as a user's .thidua/ and public/ do,
  4. runs one warm-up build per tool, then R timed builds alternating the tools
     (thidua, thidua-real-cold, thidua-real-warm, hugo, floor, thidua, ...); every timed command
     deletes the previous output itself (rm -rf is part of the measured time) and writes to
     tmpfs (/dev/shm),
  5. prints median/min/max wall time, median CPU time, median peak RSS and the number of
     index.html pages each tool wrote (vs. the manifest's expected_html_pages; for the real
     site, whose own pages and tags come on top, the posts section is checked instead: N posts
     + N/10 list pages, and its .gz copies are counted), and, for each thidua variant, the speed
     ratio hugo_median / thidua_median and the distance from the floor
     (thidua_median / floor_median).

--bundled instead times the repository's own site as it is (no corpus, no --future): copied to
/dev/shm, one warm-up, then --runs (default 11) cold builds, each deleting .thidua/cache and
public/ first; it prints the median wall time and the peak RSS (median and max) against the
goal for the bundled site: median under 0.1 s, peak RSS under 40 MiB, on 2 cores.

The floor (examples/floor.rs) is the least any generator must do for the corpus: read every
post, turn its Markdown into HTML with pulldown-cmark and write one file per post, on all
cores. It runs in the same alternation, with the same deletion of its previous output.

Each run is `/usr/bin/time -f '%U %S %M' sh -c 'rm -rf OUT && TOOL ...'`: CPU time (user+sys)
and peak RSS come from GNU time (Debian package `time`), wall time from time.perf_counter()
around it (finer than %e's 10 ms; GNU time's own start-up adds ~1 ms to every tool alike).
Not os.wait4() from Python: a child's ru_maxrss includes the RSS of the process it was forked
from (here Python) until exec, which would put a ~15 MiB floor under every figure.
Python 3.11 standard library only.
"""
import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent          # the repository
# The shared corpus generator lives beside the repository: ../shared/bench/gen_corpus.py.
GEN_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "gen_corpus.py"
SHM = Path("/dev/shm")                                  # tmpfs: see bench/README.md
# The bundled site's copies (the repository's own site.yaml, content/, themes/, static/ plus the
# corpus posts as content/bai-viet/): one per variant, each with its own .thidua/cache and its
# default output SITE/public, all on tmpfs so that cache and output share a file system (the
# cache hard-links its .gz copies into the output, as in a user's checkout).
REAL_SITE = {"thidua-real-cold": SHM / "thidua-real-cold-site", "thidua-real-warm": SHM / "thidua-real-warm-site"}
BUNDLED_SITE = SHM / "thidua-bundled-site"              # --bundled: the repository's site as is
REAL_SECTION = "bai-viet"                               # the corpus posts' section in the real site
CACHE_DIR = ".thidua/cache"                             # src/precompress.rs CACHE_DIR
OUT = {"thidua": SHM / "thidua-bench-out", "hugo": SHM / "hugo-bench-out", "floor": SHM / "floor-bench-out",
       **{t: site / "public" for t, site in REAL_SITE.items()}}
HUGO_CACHE, HUGO_RESOURCES = SHM / "hugo-bench-cache", SHM / "hugo-bench-resources"
GNU_TIME = "/usr/bin/time"
TOOLS = ("thidua", "thidua-real-cold", "thidua-real-warm", "hugo", "floor")
THIDUA_TOOLS = ("thidua", "thidua-real-cold", "thidua-real-warm")
# What each tool builds, for the tables (honest labels: the variants differ in what they do).
LABEL = {
    "thidua": "plain layout (default theme, no compression; share cards cached by the warm-up)",
    "thidua-real-cold": "bundled site's settings (compress on, search, taxonomies), cold cache (every .gz and share card made)",
    "thidua-real-warm": "bundled site's settings (compress on, search, taxonomies), warm cache",
    "hugo": "minimal Hugo layouts of the plain structure",
    "floor": "posts only: Markdown to HTML, one file each",
}
FLOOR = ROOT / "target/release/examples/floor"
BUNDLED_GOAL_S, BUNDLED_GOAL_MIB = 0.1, 40                # --bundled: median wall, peak RSS (2 cores)


# ------------------------------------------------------------- thidua site config
# The config keys below are being implemented in thidua; if they change, edit only here.
# The posts section's _index.md, in the plain layout and in the real site (content/bai-viet/).
POSTS_INDEX = '---\ntitle: "Bài viết"\nsort_by: date\npaginate_by: 10\n---\n'


def write_thidua_site(plain: Path) -> None:
    """Turn gen_corpus.py's plain/ folder into a thidua site (default embedded theme)."""
    files = {
        "site.yaml": 'title: "Bench"\nbase_url: "http://localhost/"\nlanguage: vi\n'
                     "taxonomies:\n  - name: tags\n    paginate_by: 0\n",
        "content/_index.md": '---\ntitle: "Trang chủ"\n---\n',
        "content/posts/_index.md": POSTS_INDEX,
    }
    for rel, text in files.items():
        (plain / rel).write_text(text, encoding="utf-8")


def copy_bundled_site(dest: Path) -> None:
    """Copy the repository's own site (site.yaml, content/, themes/ and static/ where present) to
    dest, as it is: no .thidua/ cache, no public/."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "site.yaml", dest / "site.yaml")
    for d in ("content", "themes", "static"):
        if (ROOT / d).is_dir():
            shutil.copytree(ROOT / d, dest / d, symlinks=True)


def write_real_site(dest: Path, corpus: Path) -> None:
    """The bundled site with the corpus posts added as the section content/bai-viet/.

    Every setting of the repository's site.yaml is kept (compress: true, taxonomies, menus, ...);
    the posts get the same _index.md as the plain layout's posts section."""
    if (ROOT / "content" / REAL_SECTION).exists():
        sys.exit(f"ERROR: content/{REAL_SECTION} already exists in the repository; change REAL_SECTION in bench/run.py")
    copy_bundled_site(dest)
    posts = dest / "content" / REAL_SECTION
    shutil.copytree(corpus / "plain/content/posts", posts, ignore=shutil.ignore_patterns("_index.md"))
    (posts / "_index.md").write_text(POSTS_INDEX, encoding="utf-8")


# ------------------------------------------------------------- corpus, commands
def ensure_corpus(cache: Path, n: int, seed: int) -> Path:
    """Return the cached corpus for (n, seed), generating it first if missing."""
    d = cache / f"n{n}-seed{seed}"
    if (d / "manifest.json").exists():
        print(f"corpus: cached {d}")
        return d
    tmp = d.with_name(d.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    print(f"corpus: generating {n:,} posts (seed {seed}) into {d} ...", flush=True)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(GEN_CORPUS), str(n), str(tmp), "--seed", str(seed),
                    "--peers", "plain,hugo"], check=True, stdout=subprocess.DEVNULL)
    tmp.rename(d)  # only complete corpora ever get the final name
    print(f"corpus: done in {time.perf_counter() - t0:.1f} s")
    return d


def build_command(tool: str, corpus: Path, thidua: Path) -> str:
    """The exact shell command timed for one clean full build (deletion included).

    Every tool includes future-dated posts (thidua --future in all three variants, hugo
    --buildFuture): the generator's dates pass today beyond ~10,000 posts, and the benchmark
    builds every post."""
    q, out = shlex.quote, OUT[tool]
    if tool == "floor":
        return (f"rm -rf {q(str(out))} && {q(str(FLOOR))} {q(str(corpus / 'plain/content/posts'))}"
                f" {q(str(out))}")
    if tool == "thidua":
        return (f"rm -rf {q(str(out))} && {q(str(thidua))} build --root {q(str(corpus / 'plain'))}"
                f" --output {q(str(out))} --future --quiet")
    if tool in REAL_SITE:
        # The bundled site's default output (SITE/public) and cache (SITE/.thidua/cache): the
        # cold variant deletes both, the warm one only the output (its warm-up fills the cache).
        site = REAL_SITE[tool]
        cache = f" {q(str(site / CACHE_DIR))}" if tool == "thidua-real-cold" else ""
        return f"rm -rf {q(str(out))}{cache} && {q(str(thidua))} build --root {q(str(site))} --future --quiet"
    # --noBuildLock, --cacheDir and HUGO_RESOURCEDIR keep Hugo from writing into the corpus;
    # cache and resource dirs are wiped too, so each run is a genuinely clean build.
    return (f"rm -rf {q(str(out))} {q(str(HUGO_CACHE))} {q(str(HUGO_RESOURCES))} && "
            f"HUGO_RESOURCEDIR={q(str(HUGO_RESOURCES))} hugo --source {q(str(corpus / 'hugo'))}"
            f" --destination {q(str(out))} --cacheDir {q(str(HUGO_CACHE))} --noBuildLock --buildFuture --quiet")


# ------------------------------------------------------------- measuring
def run_once(tool: str, cmd: str, log: Path) -> dict:
    """Run cmd once; return wall s, cpu s, peak RSS MiB. Exits with the log tail on failure."""
    stats = log.with_suffix(".time")
    with open(log, "wb") as f:
        t0 = time.perf_counter()
        rc = subprocess.run([GNU_TIME, "-f", "%U %S %M", "-o", str(stats), "sh", "-c", cmd],
                            stdin=subprocess.DEVNULL, stdout=f, stderr=subprocess.STDOUT).returncode
        wall = time.perf_counter() - t0
    if rc != 0:
        tail = log.read_text(errors="replace").splitlines()[-30:] or ["(no output)"]
        log.unlink(missing_ok=True)
        stats.unlink(missing_ok=True)
        print(f"\nERROR: {tool} build failed (exit {rc}): {cmd}\n--- output tail ---",
              *tail, sep="\n", file=sys.stderr)
        sys.exit(1)
    user, sys_, rss_kib = stats.read_text().split()[-3:]  # last line: "%U %S %M"
    return {"wall": wall, "cpu": float(user) + float(sys_), "rss": int(rss_kib) / 1024}


def count_pages(out: Path) -> tuple[int, int]:
    """(index.html pages, index.html redirect stubs such as Hugo's /posts/page/1/ alias)."""
    pages = redirects = 0
    for dirpath, _, files in os.walk(out):
        if "index.html" in files:
            f = Path(dirpath, "index.html")
            if f.stat().st_size < 1024 and b'http-equiv="refresh"' in f.read_bytes():
                redirects += 1
            else:
                pages += 1
    return pages, redirects


def count_gz(out: Path) -> int:
    """The .gz copies in an output (compress: true)."""
    return sum(f.endswith(".gz") for _, _, files in os.walk(out) for f in files)


def bench_size(n: int, args, tools: list[str], thidua: Path) -> dict:
    corpus = ensure_corpus(args.corpus_dir, n, args.seed)
    expected = json.loads((corpus / "manifest.json").read_text())["expected_html_pages"]["total"]
    if "thidua" in tools:
        write_thidua_site(corpus / "plain")
    for t in tools:
        if t in REAL_SITE:
            write_real_site(REAL_SITE[t], corpus)
            print(f"  {t}: the bundled site + {n:,} posts in content/{REAL_SECTION}/, copied to {REAL_SITE[t]}")
    cmds = {t: build_command(t, corpus, thidua) for t in tools}
    for t in tools:
        print(f"  {t:6} $ sh -c {shlex.quote(cmds[t])}")
    log = SHM / "bench-run.log"
    print("  warm-up: " + ", ".join(f"{t} {run_once(t, cmds[t], log)['wall']:.3f} s" for t in tools))
    samples = {t: [] for t in tools}
    for r in range(1, args.runs + 1):
        line = []
        for t in tools:  # alternate: thidua, thidua-real-cold, thidua-real-warm, hugo, floor, thidua, ...
            s = run_once(t, cmds[t], log)
            samples[t].append(s)
            line.append(f"{t} {s['wall']:.3f} s {s['rss']:6.1f} MiB")
        print(f"  run {r}/{args.runs}: " + " | ".join(line), flush=True)
    log.unlink(missing_ok=True)
    log.with_suffix(".time").unlink(missing_ok=True)
    res = {}
    for t in tools:
        walls = [s["wall"] for s in samples[t]]
        pages, redirects = count_pages(OUT[t])  # output of the last timed run
        res[t] = {"median": statistics.median(walls), "min": min(walls), "max": max(walls),
                  "cpu": statistics.median(s["cpu"] for s in samples[t]),
                  "rss": statistics.median(s["rss"] for s in samples[t]),
                  "pages": pages, "redirects": redirects,
                  "expected": n if t == "floor" else expected}  # the floor writes posts only
        if t in REAL_SITE:
            # No manifest figure for the whole real site (its own pages and the tags it shares
            # with the corpus): check the posts section, N posts + ceil(N/10) list pages, instead.
            res[t]["expected"] = None
            res[t]["section"] = count_pages(OUT[t] / REAL_SECTION)[0]
            res[t]["section_expected"] = n + -(-n // 10)
            res[t]["gz"] = count_gz(OUT[t])
    return res


# ------------------------------------------------------------- reporting
def pages_str(r: dict) -> str:
    s = f"{r['pages']}" + (f" (+{r['redirects']} redirect)" if r["redirects"] else "")
    if r["expected"] is None:  # the real site: check its posts section, count its .gz copies
        ok = r["section"] == r["section_expected"]
        return (s + f", {REAL_SECTION}/ {r['section']}" + (" ok" if ok else f" != expected {r['section_expected']}")
                + f", {r['gz']} .gz")
    return s + (" ok" if r["pages"] == r["expected"] else f" != expected {r['expected']}")


def verdicts(res: dict) -> list[str]:
    """One line per thidua variant: its speed and memory against Hugo, its distance from the floor."""
    lines = []
    for t in (t for t in THIDUA_TOOLS if t in res):
        parts = []
        if "hugo" in res:
            ratio = res["hugo"]["median"] / res[t]["median"]
            mem = res["hugo"]["rss"] / res[t]["rss"]
            speed = f"{ratio:.1f}× faster" if ratio >= 1 else f"{1 / ratio:.1f}× slower"
            parts.append(f"{t} is {speed} than Hugo (hugo median / {t} median = {ratio:.2f}); "
                         f"peak RSS {res[t]['rss']:.0f} MiB vs {res['hugo']['rss']:.0f} MiB ({mem:.1f}× less)")
        if "floor" in res:
            parts.append(f"{t} takes {res[t]['median'] / res['floor']['median']:.2f}× the floor "
                         f"({t} median / floor median)")
        if parts:
            lines.append("; ".join(parts))
    return lines


def print_table(n: int, res: dict) -> None:
    print(f"\n  {'tool':18}{'median':>10}{'min':>10}{'max':>10}{'cpu(med)':>10}{'peak RSS':>13}   index.html pages")
    for t, r in res.items():
        print(f"  {t:18}{r['median']:>8.3f} s{r['min']:>8.3f} s{r['max']:>8.3f} s{r['cpu']:>8.2f} s"
              f"{r['rss']:>9.1f} MiB   {pages_str(r)}")
    for t in res:
        print(f"  {t:18}= {LABEL[t]}")
    for v in verdicts(res):
        print(f"  => N = {n:,}: {v}")
    print()


def append_markdown(path: Path, header: list[str], results: dict, cmdline: str) -> None:
    lines = [f"\n### Results {datetime.now():%Y-%m-%d %H:%M}\n", f"`{cmdline}`\n"]
    lines += [f"- {h}" for h in header]
    lines += ["", "| Posts | Tool | Site | Median (s) | Min (s) | Max (s) | CPU (s) | Peak RSS (MiB) | index.html pages |",
              "|---:|:---|:---|---:|---:|---:|---:|---:|:---|"]
    for n, res in results.items():
        for t, r in res.items():
            lines.append(f"| {n:,} | {t} | {LABEL[t]} | {r['median']:.3f} | {r['min']:.3f} | {r['max']:.3f} | "
                         f"{r['cpu']:.2f} | {r['rss']:.1f} | {pages_str(r)} |")
    lines.append("")
    lines += [f"- N = {n:,}: {v}" for n, res in results.items() for v in verdicts(res)]
    with open(path, "a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"appended results to {path}")


def machine_info() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    model = next((l.split(":", 1)[1].strip() for l in cpuinfo if l.startswith("model name")), "?")
    mem = next(int(l.split()[1]) for l in Path("/proc/meminfo").read_text().splitlines()
               if l.startswith("MemTotal:"))
    return (f"{len(os.sched_getaffinity(0))} cores (nproc), CPU {model}, {mem / 2**20:.1f} GiB RAM, "
            f"kernel {os.uname().release}")


def version(cmd: list[str]) -> str:
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        out = (p.stdout + p.stderr).strip().splitlines()
        return out[0] if p.returncode == 0 and out else f"unavailable (exit {p.returncode}: {out[0] if out else 'no output'})"
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"unavailable ({e})"


def bench_bundled(args, thidua: Path) -> dict:
    """--bundled: cold builds of the repository's own site as it is (no corpus, no --future)."""
    copy_bundled_site(BUNDLED_SITE)
    q, out = shlex.quote, BUNDLED_SITE / "public"
    cmd = (f"rm -rf {q(str(out))} {q(str(BUNDLED_SITE / CACHE_DIR))} && "
           f"{q(str(thidua))} build --root {q(str(BUNDLED_SITE))} --quiet")
    print(f"  bundled site copied to {BUNDLED_SITE}\n  $ sh -c {shlex.quote(cmd)}")
    log = SHM / "bench-run.log"
    print(f"  warm-up: {run_once('thidua', cmd, log)['wall']:.3f} s")
    samples = []
    for r in range(1, args.runs + 1):
        samples.append(run_once("thidua", cmd, log))
        print(f"  run {r}/{args.runs}: {samples[-1]['wall']:.3f} s {samples[-1]['rss']:6.1f} MiB", flush=True)
    log.unlink(missing_ok=True)
    log.with_suffix(".time").unlink(missing_ok=True)
    walls, rss = [s["wall"] for s in samples], [s["rss"] for s in samples]
    pages, redirects = count_pages(out)
    return {"median": statistics.median(walls), "min": min(walls), "max": max(walls),
            "cpu": statistics.median(s["cpu"] for s in samples), "rss": statistics.median(rss),
            "rss_max": max(rss), "pages": pages, "redirects": redirects, "gz": count_gz(out)}


def bundled_verdict(r: dict) -> str:
    ok_t, ok_m = r["median"] < BUNDLED_GOAL_S, r["rss_max"] < BUNDLED_GOAL_MIB
    return (f"median {r['median']:.3f} s ({'under' if ok_t else 'NOT under'} the {BUNDLED_GOAL_S} s goal), "
            f"peak RSS {r['rss_max']:.1f} MiB at most ({'under' if ok_m else 'NOT under'} the {BUNDLED_GOAL_MIB} MiB goal)")


def report_bundled(r: dict, header: list[str], args) -> None:
    print(f"\n  {'median':>8}{'min':>10}{'max':>10}{'cpu(med)':>10}{'RSS(med)':>12}{'RSS(max)':>12}   index.html pages")
    print(f"  {r['median']:>6.3f} s{r['min']:>8.3f} s{r['max']:>8.3f} s{r['cpu']:>8.2f} s"
          f"{r['rss']:>8.1f} MiB{r['rss_max']:>8.1f} MiB   {r['pages']}, {r['gz']} .gz")
    print(f"  => bundled site, cold: {bundled_verdict(r)}\n")
    if args.markdown:
        lines = [f"\n### Bundled site {datetime.now():%Y-%m-%d %H:%M}\n",
                 f"`python3 bench/run.py {' '.join(sys.argv[1:])}`\n", *[f"- {h}" for h in header],
                 "", "| Site | Median (s) | Min (s) | Max (s) | CPU (s) | Peak RSS, median (MiB) | Peak RSS, max (MiB) | index.html pages |",
                 "|:---|---:|---:|---:|---:|---:|---:|:---|",
                 f"| the repository's site as is, cold (empty cache and output) | {r['median']:.3f} | {r['min']:.3f} | "
                 f"{r['max']:.3f} | {r['cpu']:.2f} | {r['rss']:.1f} | {r['rss_max']:.1f} | {r['pages']}, {r['gz']} .gz |",
                 "", f"- {bundled_verdict(r)}"]
        with open(args.markdown, "a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print(f"appended results to {args.markdown}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated post counts (e.g. 1000,10000,100000)")
    ap.add_argument("--runs", type=int, help="timed runs per tool and size, after 1 warm-up (default 5; 11 with --bundled)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--tools", default=",".join(TOOLS), help=f"subset of {','.join(TOOLS)} (default: all)")
    ap.add_argument("--bundled", action="store_true",
                    help="instead: time cold builds of the repository's own site as it is (no corpus, no Hugo)")
    ap.add_argument("--no-build", action="store_true", help="skip `cargo build --release`")
    ap.add_argument("--thidua", type=Path, default=ROOT / "target/release/thidua", help="thidua binary")
    ap.add_argument("--markdown", type=Path, help="also append a Markdown table of results to this file")
    ap.add_argument("--corpus-dir", type=Path, default=ROOT / "bench/.corpus", help="corpus cache")
    ap.add_argument("--keep-output", action="store_true", help="keep the last build outputs in /dev/shm")
    args = ap.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    tools = ["thidua"] if args.bundled else [t for t in args.tools.split(",") if t]
    if args.runs is None:
        args.runs = 11 if args.bundled else 5
    if bad := [t for t in tools if t not in TOOLS]:
        ap.error(f"unknown tool(s) {bad} (choose from {','.join(TOOLS)})")
    if args.runs < 1:
        ap.error("--runs must be >= 1")
    if "hugo" in tools and not shutil.which("hugo"):
        print("NOTE: `hugo` is not on PATH (Debian: apt-get install hugo): skipping Hugo.\n")
        tools.remove("hugo")
    if not tools:
        sys.exit("ERROR: no tool left to benchmark")
    if not os.access(GNU_TIME, os.X_OK):
        sys.exit(f"ERROR: GNU time not found at {GNU_TIME} (Debian: apt-get install time)")
    thidua = args.thidua.resolve()
    if any(t in THIDUA_TOOLS for t in tools):
        if not args.no_build:
            print("$ cargo build --release", flush=True)
            if not shutil.which("cargo"):
                sys.exit("ERROR: cargo not found on PATH (or pass --no-build --thidua PATH)")
            if subprocess.run(["cargo", "build", "--release"], cwd=ROOT).returncode != 0:
                sys.exit("ERROR: cargo build --release failed")
    if "floor" in tools and not args.no_build:
        print("$ cargo build --release --example floor", flush=True)
        if subprocess.run(["cargo", "build", "--release", "--example", "floor"], cwd=ROOT).returncode != 0:
            sys.exit("ERROR: cargo build --release --example floor failed")
    if "floor" in tools and not os.access(FLOOR, os.X_OK):
        sys.exit(f"ERROR: the floor binary is missing at {FLOOR} (cargo build --release --example floor)")
    if any(t in THIDUA_TOOLS for t in tools):
        if not os.access(thidua, os.X_OK):
            sys.exit(f"ERROR: thidua binary not found at {thidua} (build it or pass --thidua PATH)")

    header = [f"Machine: {machine_info()}"]
    if "hugo" in tools:
        header.append(f"Hugo: {version(['hugo', 'version'])}")
    if any(t in THIDUA_TOOLS for t in tools):
        header.append(f"thidua: {version([str(thidua), '--version'])} ({thidua})")
    if args.bundled:
        header.append(f"Protocol: the repository's site as is (copied to {BUNDLED_SITE}), 1 warm-up + "
                      f"{args.runs} cold builds (cache and output deleted in each timed command), on /dev/shm")
        print(*header, sep="\n", end="\n\n")
        r = bench_bundled(args, thidua)
        if not args.keep_output:
            shutil.rmtree(BUNDLED_SITE, ignore_errors=True)
        report_bundled(r, header, args)
        return
    header.append(f"Protocol: 1 warm-up + {args.runs} alternating runs per tool, clean builds to /dev/shm, seed {args.seed}")
    if any(t in REAL_SITE for t in tools):
        header.append(f"Real site: the repository's site.yaml, content/, themes/ and static/ plus the corpus posts "
                      f"in content/{REAL_SECTION}/, copied to /dev/shm; cold = cache and output deleted in each "
                      f"timed command, warm = output only (the warm-up fills the cache)")
    print(*header, sep="\n", end="\n\n")

    results = {}
    for n in sizes:
        print(f"== N = {n:,} posts ==")
        results[n] = bench_size(n, args, tools, thidua)
        print_table(n, results[n])
    if not args.keep_output:
        for p in (*OUT.values(), *REAL_SITE.values(), HUGO_CACHE, HUGO_RESOURCES):
            shutil.rmtree(p, ignore_errors=True)
    if args.markdown:
        append_markdown(args.markdown, header, results, "python3 bench/run.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
