#!/usr/bin/env python3
"""Full-build benchmark: thidua vs Hugo and the floor on the same synthetic corpus, in one sitting.

    python3 bench/run.py [--sizes 1000,10000] [--runs 5] [--seed 42] [--tools thidua,hugo,floor]
                         [--no-build] [--thidua PATH] [--markdown FILE] [--keep-output]

For each corpus size N the script
  1. generates the corpus with gen_corpus.py (cached in bench/.corpus/n<N>-seed<S>/),
  2. turns its plain/ folder into a thidua site (write_thidua_site below),
  3. runs one warm-up build per tool, then R timed builds alternating the tools
     (thidua, hugo, thidua, hugo, ...); every timed command deletes the previous output
     itself (rm -rf is part of the measured time) and writes to tmpfs (/dev/shm),
  4. prints median/min/max wall time, median CPU time, median peak RSS and the number of
     index.html pages each tool wrote (vs. the manifest's expected_html_pages), and the
     speed ratio hugo_median / thidua_median, and thidua's distance from the floor
     (thidua_median / floor_median).

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
OUT = {"thidua": SHM / "thidua-bench-out", "hugo": SHM / "hugo-bench-out", "floor": SHM / "floor-bench-out"}
HUGO_CACHE, HUGO_RESOURCES = SHM / "hugo-bench-cache", SHM / "hugo-bench-resources"
GNU_TIME = "/usr/bin/time"
TOOLS = ("thidua", "hugo", "floor")
FLOOR = ROOT / "target/release/examples/floor"


# ------------------------------------------------------------- thidua site config
# The config keys below are being implemented in thidua; if they change, edit only here.
def write_thidua_site(plain: Path) -> None:
    """Turn gen_corpus.py's plain/ folder into a thidua site (default embedded theme)."""
    files = {
        "site.yaml": 'title: "Bench"\nbase_url: "http://localhost/"\nlanguage: vi\n'
                     "taxonomies:\n  - name: tags\n    paginate_by: 0\n",
        "content/_index.md": '---\ntitle: "Trang chủ"\n---\n',
        "content/posts/_index.md": '---\ntitle: "Bài viết"\nsort_by: date\npaginate_by: 10\n---\n',
    }
    for rel, text in files.items():
        (plain / rel).write_text(text, encoding="utf-8")


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

    Both tools include future-dated posts (thidua --future, hugo --buildFuture): the generator's
    dates pass today beyond ~10,000 posts, and the benchmark builds every post."""
    q, out = shlex.quote, OUT[tool]
    if tool == "floor":
        return (f"rm -rf {q(str(out))} && {q(str(FLOOR))} {q(str(corpus / 'plain/content/posts'))}"
                f" {q(str(out))}")
    if tool == "thidua":
        return (f"rm -rf {q(str(out))} && {q(str(thidua))} build --root {q(str(corpus / 'plain'))}"
                f" --output {q(str(out))} --future --quiet")
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


def bench_size(n: int, args, tools: list[str], thidua: Path) -> dict:
    corpus = ensure_corpus(args.corpus_dir, n, args.seed)
    expected = json.loads((corpus / "manifest.json").read_text())["expected_html_pages"]["total"]
    if "thidua" in tools:
        write_thidua_site(corpus / "plain")
    cmds = {t: build_command(t, corpus, thidua) for t in tools}
    for t in tools:
        print(f"  {t:6} $ sh -c {shlex.quote(cmds[t])}")
    log = SHM / "bench-run.log"
    print("  warm-up: " + ", ".join(f"{t} {run_once(t, cmds[t], log)['wall']:.3f} s" for t in tools))
    samples = {t: [] for t in tools}
    for r in range(1, args.runs + 1):
        line = []
        for t in tools:  # alternate: thidua, hugo, thidua, hugo, ...
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
    return res


# ------------------------------------------------------------- reporting
def pages_str(r: dict) -> str:
    s = f"{r['pages']}" + (f" (+{r['redirects']} redirect)" if r["redirects"] else "")
    return s + (" ok" if r["pages"] == r["expected"] else f" != expected {r['expected']}")


def verdict(res: dict) -> str:
    parts = []
    if {"thidua", "hugo"} <= res.keys():
        ratio = res["hugo"]["median"] / res["thidua"]["median"]
        mem = res["hugo"]["rss"] / res["thidua"]["rss"]
        speed = f"{ratio:.1f}× faster" if ratio >= 1 else f"{1 / ratio:.1f}× slower"
        parts.append(f"thidua is {speed} than Hugo (hugo median / thidua median = {ratio:.2f}); "
                     f"peak RSS {res['thidua']['rss']:.0f} MiB vs {res['hugo']['rss']:.0f} MiB ({mem:.1f}× less)")
    if {"thidua", "floor"} <= res.keys():
        parts.append(f"thidua takes {res['thidua']['median'] / res['floor']['median']:.2f}× the floor "
                     f"(thidua median / floor median)")
    return "; ".join(parts)


def print_table(n: int, res: dict) -> None:
    print(f"\n  {'tool':8}{'median':>10}{'min':>10}{'max':>10}{'cpu(med)':>10}{'peak RSS':>13}   index.html pages")
    for t, r in res.items():
        print(f"  {t:8}{r['median']:>8.3f} s{r['min']:>8.3f} s{r['max']:>8.3f} s{r['cpu']:>8.2f} s"
              f"{r['rss']:>9.1f} MiB   {pages_str(r)}")
    if v := verdict(res):
        print(f"  => N = {n:,}: {v}")
    print()


def append_markdown(path: Path, header: list[str], results: dict, cmdline: str) -> None:
    lines = [f"\n### Results {datetime.now():%Y-%m-%d %H:%M}\n", f"`{cmdline}`\n"]
    lines += [f"- {h}" for h in header]
    lines += ["", "| Posts | Tool | Median (s) | Min (s) | Max (s) | CPU (s) | Peak RSS (MiB) | index.html pages |",
              "|---:|:---|---:|---:|---:|---:|---:|:---|"]
    for n, res in results.items():
        for t, r in res.items():
            lines.append(f"| {n:,} | {t} | {r['median']:.3f} | {r['min']:.3f} | {r['max']:.3f} | "
                         f"{r['cpu']:.2f} | {r['rss']:.1f} | {pages_str(r)} |")
    lines.append("")
    lines += [f"- N = {n:,}: {v}" for n, res in results.items() if (v := verdict(res))]
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated post counts (e.g. 1000,10000,100000)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per tool and size (after 1 warm-up)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--tools", default="thidua,hugo,floor", help="subset of thidua,hugo,floor")
    ap.add_argument("--no-build", action="store_true", help="skip `cargo build --release`")
    ap.add_argument("--thidua", type=Path, default=ROOT / "target/release/thidua", help="thidua binary")
    ap.add_argument("--markdown", type=Path, help="also append a Markdown table of results to this file")
    ap.add_argument("--corpus-dir", type=Path, default=ROOT / "bench/.corpus", help="corpus cache")
    ap.add_argument("--keep-output", action="store_true", help="keep the last build outputs in /dev/shm")
    args = ap.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    tools = [t for t in args.tools.split(",") if t]
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
    if "thidua" in tools:
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
    if "thidua" in tools:
        if not os.access(thidua, os.X_OK):
            sys.exit(f"ERROR: thidua binary not found at {thidua} (build it or pass --thidua PATH)")

    header = [f"Machine: {machine_info()}"]
    if "hugo" in tools:
        header.append(f"Hugo: {version(['hugo', 'version'])}")
    if "thidua" in tools:
        header.append(f"thidua: {version([str(thidua), '--version'])} ({thidua})")
    header.append(f"Protocol: 1 warm-up + {args.runs} alternating runs per tool, clean builds to /dev/shm, seed {args.seed}")
    print(*header, sep="\n", end="\n\n")

    results = {}
    for n in sizes:
        print(f"== N = {n:,} posts ==")
        results[n] = bench_size(n, args, tools, thidua)
        print_table(n, results[n])
    if not args.keep_output:
        for p in (*OUT.values(), HUGO_CACHE, HUGO_RESOURCES):
            shutil.rmtree(p, ignore_errors=True)
    if args.markdown:
        append_markdown(args.markdown, header, results, "python3 bench/run.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
