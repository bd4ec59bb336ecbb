#!/usr/bin/env python3
"""Site-search benchmark: index size and in-browser query time on a large synthetic site.

    python3 bench/search.py [--n 10000] [--seed 42] [--runs 20] [--no-build] [--thidua PATH]
                            [--queries "hai long,dung han,..."] [--markdown FILE]

1. Takes bench/run.py's cached corpus (bench/.corpus/n<N>-seed<S>/plain, generated with
   ../shared/bench/gen_corpus.py when missing) and makes it a thidua site in /dev/shm with the
   default theme's search page: site.yaml and content/_index.md as bench/run.py writes them,
   content/posts/ (a symbolic link to the corpus posts) and content/tim-kiem/_index.md
   (template "search.html").
2. Builds it with target/release/thidua, 5 times without the search page and 5 times with it,
   alternately (the difference of the medians, in wall and CPU time, is the build-time cost of
   the index), then reports the index: total size of search/*.json (and gzip -6 of it), files,
   the largest token shard and the document files.
3. Serves the output on 127.0.0.1 and opens /tim-kiem/ in Debian's headless chromium (driven by
   tests/tools/search-check.mjs; needs node 18+). For each query, `runs` times: a cold query
   (window.thiduaSearch.reset() forgets every loaded file; the HTTP cache is disabled, so
   meta.json, the query's shards and the result records are fetched and parsed again) and then
   the same query warm (everything in memory). Times are performance.now() in the page, from
   calling thiduaSearch.search(): "ranked" until the ranked list of all results (query parsed,
   meta.json and the shards loaded, postings matched, results sorted), "cold" until the records
   (title, URL, date, snippet) of the first 10 results are loaded too, which is what the page
   shows; rendering is not included. Prints the medians (and max), the number of results and
   what the cold query fetched.

Python 3.11 standard library only, plus node and /usr/bin/chromium.
"""
import argparse
import gzip
import http.server
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import run as bench_run  # noqa: E402  (bench/run.py: corpus cache and thidua site files)

SITE = Path("/dev/shm/thidua-search-site")
OUT = Path("/dev/shm/thidua-search-out")
CHROMIUM = "/usr/bin/chromium"
SEARCH_CHECK = ROOT / "tests/tools/search-check.mjs"
QUERIES = ["hai long", "dung han", "thủ tục hành chính", "xyz"]
SHOWN = 10  # results on the first page of search.js (PAGE_SIZE)
SEARCH_INTRO = """Site search (`src/search.rs`, `themes/default/static/search.js`) measured with
`bench/search.py` (see [bench/README.md](../bench/README.md#search)): the same 10,000-post corpus
with the search page added, built with `target/release/thidua`; the index size; and the time of a
query in headless chromium, measured in the page with `performance.now()`, with the site served
by Python's `http.server` on 127.0.0.1 (HTTP/1.1, so at most 6 requests at a time; no DevTools
request instrumentation, which would add time to each request). *Ranked* is a
cold query (nothing loaded) until the ranked list of all matching documents is computed; *cold*
adds loading the records of the first 10 results, which is what the page shows first; *warm* is
the same query again with everything in memory. Figures: run
`python3 bench/search.py --markdown docs/benchmarks.md`."""
BUILDS = 5
SEARCH_PAGE = '---\ntitle: "Tìm kiếm"\ntemplate: "search.html"\n---\n'


def make_site(plain: Path, with_search: bool) -> None:
    """The corpus as a thidua site in SITE (posts linked, not copied)."""
    shutil.rmtree(SITE, ignore_errors=True)
    (SITE / "content").mkdir(parents=True)
    shutil.copy(plain / "site.yaml", SITE / "site.yaml")
    shutil.copy(plain / "content/_index.md", SITE / "content/_index.md")
    (SITE / "content/posts").symlink_to(plain / "content/posts", target_is_directory=True)
    if with_search:
        (SITE / "content/tim-kiem").mkdir()
        (SITE / "content/tim-kiem/_index.md").write_text(SEARCH_PAGE, encoding="utf-8")


def build(thidua: Path, base_url: str) -> tuple[float, float]:
    """One clean build into OUT: (wall s, CPU s of the build process)."""
    shutil.rmtree(OUT, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run([str(thidua), "build", "--root", str(SITE), "--output", str(OUT),
                        "--base-url", base_url, "--quiet"], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"ERROR: thidua build failed (exit {p.returncode}):\n{p.stdout}{p.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def index_stats() -> dict:
    files = sorted((OUT / "search").glob("*.json"))
    if not files:
        sys.exit(f"ERROR: no search index in {OUT / 'search'}")
    sizes = {f.name: f.stat().st_size for f in files}
    gz = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    shards = {n: s for n, s in sizes.items() if n.startswith("idx-")}
    docs = {n: s for n, s in sizes.items() if n.startswith("docs-")}
    largest = max(shards, key=shards.get)
    meta = json.loads((OUT / "search/meta.json").read_text())
    return {
        "total": sum(sizes.values()), "gzip": gz, "files": len(files), "docs": meta["docs"],
        "shards": len(shards), "shard_total": sum(shards.values()),
        "shard_median": statistics.median(shards.values()),
        "largest": largest, "largest_size": shards[largest],
        "largest_gzip": len(gzip.compress((OUT / "search" / largest).read_bytes(), 6)),
        "doc_files": len(docs), "doc_total": sum(docs.values()), "doc_max": max(docs.values()),
        "meta": sizes["meta.json"],
    }


class Quiet(http.server.SimpleHTTPRequestHandler):
    # Keep-alive and TCP_NODELAY, as a real web server (and no 40 ms Nagle/delayed-ACK stalls
    # between the header and body writes).
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def __init__(self, *a, **kw):
        super().__init__(*a, directory=str(OUT), **kw)

    def log_message(self, *a):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


def measure(port: int, queries: list[str], runs: int) -> dict:
    script = """(async () => {
      const api = window.thiduaSearch, out = {};
      const others = () => performance.getEntriesByType('resource')
        .map((e) => new URL(e.name).host).filter((h) => h !== location.host);
      const foreign = others();
      const fetched = () => performance.getEntriesByType('resource')
        .filter((e) => e.name.includes('/search/')).reduce((n, e) => n + e.decodedBodySize, 0);
      for (const q of %s) {
        const ranked = [], cold = [], warm = [];
        let r = null, bytes = 0, files = 0;
        for (let i = 0; i < %d; i++) {
          api.reset();
          foreign.push(...others());
          performance.clearResourceTimings();
          let t = performance.now();
          r = await api.search(q, 0);
          ranked.push(performance.now() - t);
          await api.index.records(r.hits.slice(0, %d));
          cold.push(performance.now() - t);
          bytes = fetched();
          files = performance.getEntriesByType('resource').filter((e) => e.name.includes('/search/')).length;
          t = performance.now();
          r = await api.search(q, %d);
          warm.push(performance.now() - t);
        }
        out[q] = { ranked, cold, warm, bytes, files, total: r.total,
                   first: r.hits.length ? r.hits[0].doc.title : null };
      }
      out['(other hosts)'] = foreign.concat(others());
      return out;
    })()""" % (json.dumps(queries), runs, SHOWN, SHOWN)
    job = {
        "chromium": CHROMIUM, "timeout_ms": 600000, "allowed_host": "127.0.0.1",
        # No request interception and no Network domain: both add time to every request. The
        # server sends Cache-Control: no-store, so a cold query really fetches again.
        "block_external": False, "watch_network": False,
        "steps": [
            {"do": "open", "url": f"http://127.0.0.1:{port}/tim-kiem/"},
            {"do": "wait", "until": "window.thiduaSearch && window.thiduaSearch.index !== null"},
            {"do": "eval", "expression": script, "timeout_ms": 580000},
            {"do": "eval", "expression": "navigator.userAgent"},
        ],
    }
    p = subprocess.run(["node", str(SEARCH_CHECK)], input=json.dumps(job), capture_output=True,
                       text=True, cwd=ROOT, timeout=700)
    try:
        result = json.loads(p.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        sys.exit(f"ERROR: search-check printed no result (exit {p.returncode}):\n{p.stdout}\n{p.stderr}")
    if not result.get("ok") or result.get("error"):
        sys.exit(f"ERROR: search-check: {result.get('error')}\n{p.stderr}")
    if (result["console_errors"] or result["failed_requests"] or result["http_errors"]
            or result["external_requests"]):
        sys.exit(f"ERROR: page problems: {result['console_errors']} {result['failed_requests']} "
                 f"{result['http_errors']} {result['external_requests']}")
    values = result["steps"][2]["value"]
    if values.pop("(other hosts)"):
        sys.exit("ERROR: the search page loaded something from another host")
    return {"browser": result["browser"], "queries": values}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10000, help="posts (default 10000)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--runs", type=int, default=20, help="runs per query (default 20)")
    ap.add_argument("--queries", default=",".join(QUERIES), help="comma-separated queries")
    ap.add_argument("--corpus-dir", type=Path, default=HERE / ".corpus")
    ap.add_argument("--no-build", action="store_true", help="do not run cargo build --release")
    ap.add_argument("--thidua", type=Path, default=ROOT / "target/release/thidua")
    ap.add_argument("--markdown", type=Path, help="append the results to this Markdown file")
    args = ap.parse_args()
    queries = [q.strip() for q in args.queries.split(",") if q.strip()]

    for tool in ("node", CHROMIUM):
        if not shutil.which(tool):
            sys.exit(f"ERROR: {tool} not found (apt-get install chromium nodejs)")
    if not args.no_build:
        print("$ cargo build --release", flush=True)
        if subprocess.run(["cargo", "build", "--release"], cwd=ROOT).returncode != 0:
            sys.exit("ERROR: cargo build --release failed")

    corpus = bench_run.ensure_corpus(args.corpus_dir, args.n, args.seed)
    plain = corpus / "plain"
    bench_run.write_thidua_site(plain)

    load = os.getloadavg()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    port = server.server_address[1]
    base_url = f"http://127.0.0.1:{port}/"

    print(f"building {args.n:,} posts, alternately without and with the search page "
          f"({BUILDS} builds each) ...", flush=True)
    without, with_search = [], []
    for _ in range(BUILDS):
        make_site(plain, with_search=False)
        without.append(build(args.thidua, base_url))
        make_site(plain, with_search=True)
        with_search.append(build(args.thidua, base_url))
    stats = index_stats()

    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"measuring {len(queries)} queries × {args.runs} runs in headless chromium ...", flush=True)
    measured = measure(port, queries, args.runs)
    server.shutdown()

    kib = lambda b: f"{b / 1024:,.1f} KiB"  # noqa: E731
    mib = lambda b: f"{b / 2**20:,.2f} MiB"  # noqa: E731
    b_without, b_with = (statistics.median(w for w, _ in without),
                         statistics.median(w for w, _ in with_search))
    c_without, c_with = (statistics.median(c for _, c in without),
                         statistics.median(c for _, c in with_search))
    summary = [
        f"Machine: {bench_run.machine_info()}; load average at the start {load[0]:.1f}",
        f"Browser: {measured['browser']} (headless, {CHROMIUM}); thidua: {args.thidua}",
        f"Site: {args.n:,} posts (gen_corpus.py seed {args.seed}), {stats['docs']:,} documents indexed",
        f"Build (medians of {BUILDS}, alternating): without the search page {b_without:.2f} s wall, "
        f"{c_without:.2f} s CPU; with it {b_with:.2f} s wall, {c_with:.2f} s CPU; the index costs "
        f"{b_with - b_without:+.2f} s wall, {c_with - c_without:+.2f} s CPU",
        f"Index: {mib(stats['total'])} in {stats['files']} files ({mib(stats['gzip'])} gzip -6): "
        f"meta.json {kib(stats['meta'])}; {stats['shards']} token shards, {mib(stats['shard_total'])} "
        f"(median {kib(stats['shard_median'])}, largest {stats['largest']} {kib(stats['largest_size'])}, "
        f"{kib(stats['largest_gzip'])} gzip); {stats['doc_files']} document files, "
        f"{mib(stats['doc_total'])} (largest {kib(stats['doc_max'])})",
    ]
    med = statistics.median
    rows = []
    for q in queries:
        m = measured["queries"][q]
        rows.append({"q": q, "total": m["total"], "ranked": med(m["ranked"]), "cold": med(m["cold"]),
                     "cold_max": max(m["cold"]), "warm": med(m["warm"]), "warm_max": max(m["warm"]),
                     "bytes": m["bytes"], "files": m["files"], "first": m["first"]})
    print()
    print(*summary, sep="\n")
    print(f"\n  {'query':22}{'results':>9}{'ranked':>11}{'cold':>11}{'cold max':>11}{'warm':>10}"
          f"{'warm max':>11}{'fetched cold':>22}")
    for r in rows:
        print(f"  {r['q']:22}{r['total']:>9,}{r['ranked']:>8.1f} ms{r['cold']:>8.1f} ms"
              f"{r['cold_max']:>8.1f} ms{r['warm']:>7.1f} ms{r['warm_max']:>8.1f} ms"
              f"{kib(r['bytes']):>13} in {r['files']:>2} files")
    print(f"\n  Medians (and max) of {args.runs} runs. ranked: cold, to the ranked list of all results; "
          f"cold: the same plus the records of the first {SHOWN}; warm: the same query again, "
          f"all in memory.\n  First results: " + "; ".join(f"{r['q']!r} → {r['first']!r}" for r in rows))

    if args.markdown:
        cmd = "python3 bench/search.py " + " ".join(sys.argv[1:])
        lines = [f"\n### Search results {datetime.now():%Y-%m-%d %H:%M}\n", f"`{cmd}`\n"]
        lines += [f"- {x}" for x in summary]
        lines += ["", f"Query time in the browser, median (max) of {args.runs} runs, from calling "
                  "`thiduaSearch.search()` until the results are computed. *Ranked*: a cold query "
                  "(nothing loaded yet) to the ranked list of all matching documents; *cold*: the "
                  f"same plus the records (title, URL, date, snippet) of the first {SHOWN}, i.e. what "
                  "the page shows; *warm*: the same query again with everything in memory.", "",
                  "| Query | Results | Ranked, cold (ms) | Cold (ms) | Warm (ms) | Fetched cold |",
                  "|:---|---:|---:|---:|---:|---:|"]
        for r in rows:
            lines.append(f"| {r['q']} | {r['total']:,} | {r['ranked']:.1f} | {r['cold']:.1f} "
                         f"({r['cold_max']:.1f}) | {r['warm']:.1f} ({r['warm_max']:.1f}) | "
                         f"{kib(r['bytes'])} in {r['files']} files |")
        existing = args.markdown.read_text(encoding="utf-8") if args.markdown.exists() else ""
        if "\n## Search\n" not in existing:
            lines = ["", "## Search", "", SEARCH_INTRO] + lines
        with open(args.markdown, "a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print(f"appended results to {args.markdown}")
    shutil.rmtree(OUT, ignore_errors=True)
    shutil.rmtree(SITE, ignore_errors=True)


if __name__ == "__main__":
    main()
