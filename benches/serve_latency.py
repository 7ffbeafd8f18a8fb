#!/usr/bin/env python3
"""Save → updated page served, for `huibian serve` (and `hugo server` on the same corpus).

    python3 benches/gen_corpus.py --docs 10000 --out /tmp/c10
    cargo build --release
    python3 benches/serve_latency.py --site /tmp/c10/huibian --edits 20
    python3 benches/serve_latency.py --site /tmp/c10/hugo --hugo --edits 20

The page is open as in a browser: polled, and (huibian) with a reload stream naming it, as
live.js opens one. Each case edits one thing, starting the clock just before the write, and
polls the page until the edit is served:

    body      a new paragraph in the document's body
    title     a new title in its front matter
    date      a new date in its front matter
    tags      a new tag in its front matter (and then the new tag's list page, from its link)
    template  a marker in the document template
    static    a marker in a stylesheet under static/ (made before the server starts)
    search    (huibian) a new word saved into the document: the clock runs until the served
              search index's shard for that word lists it

Prints the median and 95th percentile in milliseconds, the load average, and the server's
resident memory (VmRSS, and its peak VmHWM, from /proc/PID/status) after start and at the
end. Restores the files afterwards.
"""
import argparse
import datetime
import html
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

DOC = "content/speeches/d00000.md"
URL = "/speeches/d00000/"
STATIC = "static/bench.css"
CASES = ("body", "title", "date", "tags", "template", "static", "search")


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return ""


def wait_for(url, marker, limit):
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        page = get(url)
        if marker in page:
            return page
        time.sleep(0.003)
    return None


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


def memory(pid):
    """VmRSS and VmHWM of the process in MB."""
    out = {}
    try:
        for line in open(f"/proc/{pid}/status"):
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return out


def open_page(port, path):
    """Holds a reload stream naming the page, as live.js does in a browser."""
    def hold():
        try:
            s = socket.create_connection(("127.0.0.1", port))
            q = urllib.parse.quote(path, safe="")
            s.sendall(f"GET /__huibian/events?page={q} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            while s.recv(4096):
                pass
        except OSError:
            pass
    threading.Thread(target=hold, daemon=True).start()


def split_front(text):
    """(front matter lines, body) of a document that starts with ---."""
    _, front, body = text.split("---\n", 2)
    return front.splitlines(), body


def with_field(text, key, value):
    front, body = split_front(text)
    front = [line for line in front if not line.startswith(key + ":")] + [f"{key}: {value}"]
    return "---\n" + "\n".join(front) + "\n---\n" + body


def edit(kind, i, saved_doc, base_template, hugo):
    """(path key, new text, marker to wait for on the page) of edit i of a case."""
    tag = f"{time.time_ns() % 100000}"
    if kind == "body":
        marker = f"基准标记正文{i}x{tag}"
        return "doc", saved_doc + f"\n\n{marker}\n", marker
    if kind == "title":
        marker = f"基准标题{i}x{tag}"
        return "doc", with_field(saved_doc, "title", marker), marker
    if kind == "date":
        day = (datetime.date(2019, 1, 1) + datetime.timedelta(days=i)).isoformat()
        return "doc", with_field(saved_doc, "date", day), day
    if kind == "tags":
        marker = f"基准标签{i}x{tag}"
        return "doc", with_field(saved_doc, "tags", f"[调查研究4, {marker}]"), marker
    if kind == "template":
        marker = f"基准标记模板{i}x{tag}"
        anchor = '{{ define "main" }}' if hugo else "{% block content %}"
        return "template", base_template.replace(anchor, anchor + marker, 1), marker
    marker = f"bench{i}x{tag}"
    return "static", f".{marker} {{ color: red }}\n", marker


def tag_page(base, page, marker, title, hugo):
    """Polls the new tag's list page until it lists the document: hugo's at /tags/<tag>/,
    huibian's (a pinyin slug) by its link on the document page."""
    if hugo:
        url = base + "/tags/" + urllib.parse.quote(marker.lower()) + "/"
    else:
        m = re.search(r'href="([^"]+)"[^>]*>' + re.escape(marker) + "<", page)
        if not m:
            return False
        url = urllib.parse.urljoin(base + URL, html.unescape(m.group(1)))
    return wait_for(url, title, 120) is not None


def run_case(kind, args, base, paths, saved, base_template, title):
    times, lists = [], []
    for i in range(args.edits):
        key, text, marker = edit(kind, i, saved["doc"], base_template, args.hugo)
        url = "/" + os.path.basename(STATIC) if kind == "static" else URL
        t0 = time.perf_counter()
        with open(paths[key], "w", encoding="utf-8") as f:
            f.write(text)
        # The benches' hugo template shows no tags on the document page: only its list.
        page = "" if kind == "tags" and args.hugo else wait_for(base + url, marker, 120)
        if page is None:
            sys.exit(f"{kind} edit {i}: the change never showed")
        if page:
            times.append((time.perf_counter() - t0) * 1000)
        if kind == "tags":
            if not tag_page(base, page, marker, title, args.hugo):
                sys.exit(f"{kind} edit {i}: the new tag's page never listed the document")
            lists.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.3)
    with open(paths[key], "w", encoding="utf-8") as f:
        f.write(saved[key] if key != "template" else base_template)
    time.sleep(1.5)
    if times:
        report(f"{kind} edit → page served", times)
    if lists:
        report(f"{kind} edit → the new tag's list page lists the document", lists)


def report(what, times):
    print(f"{what}: median {statistics.median(times):.0f} ms, p95 {percentile(times, 95):.0f} ms, "
          f"min {min(times):.0f} ms, max {max(times):.0f} ms ({len(times)} edits)", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", required=True)
    ap.add_argument("--hugo", action="store_true", help="measure `hugo server` instead")
    ap.add_argument("--hugo-bin", default="hugo")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "huibian"))
    ap.add_argument("--port", type=int, default=1313)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--server-log", help="write the server's stderr here (with HUIBIAN_TIMINGS=1 set: its stage times)")
    ap.add_argument("--cases", default=",".join(CASES), help="comma-separated, of: " + " ".join(CASES))
    ap.add_argument("--up-limit", type=float, default=600, help="seconds to wait for the first page (hugo server at 30,000 documents takes longer)")
    args = ap.parse_args()
    site = os.path.abspath(args.site)
    base = f"http://127.0.0.1:{args.port}"
    if args.hugo:
        template = os.path.join(site, "layouts", "_default", "single.html")
        cmd = [args.hugo_bin, "server", "--bind", "127.0.0.1", "--port", str(args.port), "--disableFastRender=false", "--source", site]
    else:
        template = os.path.join(site, "templates", "page.html")
        cmd = [args.bin, "serve", "--root", site, "--port", str(args.port)]
    paths = {"doc": os.path.join(site, DOC), "template": template, "static": os.path.join(site, STATIC)}
    saved = {k: open(p, encoding="utf-8").read() if os.path.exists(p) else None for k, p in paths.items()}
    made_dirs = [d for d in (os.path.dirname(paths["template"]), os.path.dirname(paths["static"])) if not os.path.exists(d)]
    if not args.hugo and saved["template"] is None:
        os.makedirs(os.path.dirname(template), exist_ok=True)
        root = os.path.join(os.path.dirname(__file__), "..", "themes", "default", "templates", "page.html")
        shutil.copy(root, template)
    base_template = open(template, encoding="utf-8").read()
    os.makedirs(os.path.dirname(paths["static"]), exist_ok=True)
    with open(paths["static"], "w", encoding="utf-8") as f:
        f.write("/* bench */\n")
    saved_static = saved["static"]
    saved["static"] = "/* bench */\n"
    title = re.search(r"^title: (.*)$", saved["doc"], re.M).group(1)
    log = open(args.server_log, "w") if args.server_log else subprocess.DEVNULL
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log)
    try:
        t = time.perf_counter()
        if not wait_for(base + URL, "<html", args.up_limit):
            sys.exit("the server did not come up")
        name = "hugo server" if args.hugo else "huibian serve"
        print(f"{name}: first page served after {time.perf_counter() - t:.1f} s; load average {os.getloadavg()[0]:.2f}")
        if not args.hugo:
            open_page(args.port, URL)
        time.sleep(2)
        print(f"  memory after start: {memory(server.pid)}")
        for kind in args.cases.split(","):
            if kind == "search":
                if not args.hugo:
                    search_finds(base, paths["doc"], saved["doc"], args.edits)
                continue
            run_case(kind, args, base, paths, saved, base_template, title)
        print(f"  memory at the end: {memory(server.pid)}; load average {os.getloadavg()[0]:.2f}")
    finally:
        server.terminate()
        server.wait(timeout=10)
        for key, text in saved.items():
            if key == "static":
                text = saved_static
            if text is None:
                if os.path.exists(paths[key]):
                    os.remove(paths[key])
            else:
                with open(paths[key], "w", encoding="utf-8") as f:
                    f.write(text)
        for d in made_dirs:
            shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
