#!/usr/bin/env python3
"""Save → updated page served, for `huibian serve` (and `hugo server` on the same corpus).

    python3 benches/gen_corpus.py --docs 10000 --out /tmp/c10
    cargo build --release
    python3 benches/serve_latency.py --site /tmp/c10/huibian --edits 20
    python3 benches/serve_latency.py --site /tmp/c10/hugo --hugo --edits 20

For each edit it writes a new marker into one document (or into the document template),
starting the clock just before the write, and polls the page until the marker is served.
For huibian, then, a new word saved into the document: the clock runs until the served
search index's shard for that word lists it.
Prints the median and 95th percentile in milliseconds. Restores the files afterwards.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request

DOC = "content/speeches/d00000.md"
URL = "/speeches/d00000/"


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return ""


def wait_for(url, marker, limit):
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if marker in get(url):
            return True
        time.sleep(0.003)
    return False


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def shard_of(key, shards):
    """The shard search.js loads for a key: FNV-1a over its code points, modulo the shards."""
    h = 0x811C9DC5
    for c in key:
        h = ((h ^ ord(c)) * 0x01000193) & 0xFFFFFFFF
    return h % shards


def search_finds(base, doc, saved_doc, edits):
    """A new word saved into a document → the served index holds it (its shard lists it)."""
    if not wait_for(base + "/search/meta.js", '"shards":', 600):
        sys.exit("the search index was never served")
    times = []
    for i in range(edits):
        meta = get(base + "/search/meta.js")
        shards = int(meta.split('"shards":')[1].split(",")[0])
        word = f"zq{i}x{time.time_ns() % 100000}"
        t0 = time.perf_counter()
        with open(doc, "w", encoding="utf-8") as f:
            f.write(saved_doc + f"\n\n新词{word}。\n")
        if not wait_for(f"{base}/search/s/{shard_of(word, shards)}.js", f'"{word}":', 120):
            sys.exit(f"search edit {i}: the word was never indexed")
        times.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.3)
    print(f"search: word saved → found in the served index: median {statistics.median(times):.0f} ms, "
          f"p95 {percentile(times, 95):.0f} ms, min {min(times):.0f} ms, max {max(times):.0f} ms ({len(times)} edits)")
    return times


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", required=True)
    ap.add_argument("--hugo", action="store_true", help="measure `hugo server` instead")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "huibian"))
    ap.add_argument("--port", type=int, default=1313)
    ap.add_argument("--edits", type=int, default=20)
    args = ap.parse_args()
    site = os.path.abspath(args.site)
    base = f"http://127.0.0.1:{args.port}"
    if args.hugo:
        template = os.path.join(site, "layouts", "_default", "single.html")
        cmd = ["hugo", "server", "--bind", "127.0.0.1", "--port", str(args.port), "--disableFastRender=false", "--source", site]
    else:
        template = os.path.join(site, "templates", "page.html")
        cmd = [args.bin, "serve", "--root", site, "--port", str(args.port)]
    doc = os.path.join(site, DOC)
    saved_doc = open(doc, encoding="utf-8").read()
    saved_template = open(template, encoding="utf-8").read() if os.path.exists(template) else None
    if not args.hugo and saved_template is None:
        os.makedirs(os.path.dirname(template), exist_ok=True)
        root = os.path.join(os.path.dirname(__file__), "..", "themes", "default", "templates", "page.html")
        shutil.copy(root, template)
    base_template = open(template, encoding="utf-8").read()
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        t = time.perf_counter()
        if not wait_for(base + URL, "<html", 600):
            sys.exit("the server did not come up")
        print(f"{'hugo server' if args.hugo else 'huibian serve'}: first page served after {time.perf_counter() - t:.1f} s")
        time.sleep(2)
        results = {}
        for kind in ("document", "template"):
            times = []
            for i in range(args.edits):
                marker = f"基准标记{kind}{i}x{time.time_ns() % 100000}"
                if kind == "document":
                    text = saved_doc + f"\n\n{marker}\n"
                    path = doc
                else:
                    anchor = '{{ define "main" }}' if args.hugo else "{% block content %}"
                    text = base_template.replace(anchor, anchor + marker, 1)
                    path = template
                t0 = time.perf_counter()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                if not wait_for(base + URL, marker, 120):
                    sys.exit(f"{kind} edit {i}: the change never showed")
                times.append((time.perf_counter() - t0) * 1000)
                time.sleep(0.3)
            results[kind] = times
            print(f"{kind} edit → page served: median {statistics.median(times):.0f} ms, "
                  f"p95 {percentile(times, 95):.0f} ms, min {min(times):.0f} ms, max {max(times):.0f} ms ({len(times)} edits)")
        if not args.hugo:
            results["search"] = search_finds(base, doc, saved_doc, args.edits)
    finally:
        server.terminate()
        server.wait(timeout=10)
        with open(doc, "w", encoding="utf-8") as f:
            f.write(saved_doc)
        if saved_template is None:
            os.remove(template)
        else:
            with open(template, "w", encoding="utf-8") as f:
                f.write(saved_template)


if __name__ == "__main__":
    main()
