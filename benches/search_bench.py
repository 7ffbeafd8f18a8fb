#!/usr/bin/env python3
"""Search on a built site, in headless Chromium: index size, bytes loaded by the search page
before the first query and for each query (until its first 20 results are in), and the time from
typing to the first result and to all 20.

    python3 benches/gen_corpus.py --docs 10000 --out /tmp/c10
    ./target/release/huibian build --root /tmp/c10/huibian
    python3 benches/search_bench.py --public /tmp/c10/huibian/public
"""
import argparse
import functools
import http.server
import json
import os
import re
import subprocess
import tempfile
import threading

QUERIES = ["主题教育 调查研究", "整改落实 以学促干", "理论学习", "高质量发展 为民办实事", "检视问题 长效机制"]

# The slow image keeps the harness loading (and Chromium from dumping it) in real time until
# the queries are done; no virtual time, so the latencies are real.
HARNESS = """<!DOCTYPE html><meta charset="utf-8"><pre id="result">pending</pre>
<iframe id="f" src="/search/" width="1000" height="800"></iframe><img src="/__sleep/20000" alt="">
<script>
var queries = %s, out = {}, f = document.getElementById('f');
function bytes(w) { return w.performance.getEntriesByType('resource').concat(w.performance.getEntriesByType('navigation'))
  .reduce(function (n, r) { return n + (r.encodedBodySize || 0); }, 0); }
f.addEventListener('load', function () {
  var w = f.contentWindow, d = f.contentDocument;
  setTimeout(function () {
    out.before_first_query = bytes(w);
    var i = 0;
    function next() {
      if (i >= queries.length) { document.getElementById('result').textContent = JSON.stringify(out); return; }
      var q = queries[i++], before = bytes(w), input = d.getElementById('q');
      var list = d.getElementById('search-results');
      list.innerHTML = '';
      input.value = q;
      var t0 = performance.now();
      input.dispatchEvent(new Event('input'));
      var first = 0, poll = setInterval(function () {
        var st = d.getElementById('search-status').textContent;
        if (!first && (list.querySelector('li') || st.indexOf('未找到') >= 0)) first = performance.now();
        // Bytes once the first page of results is complete (results show one by one).
        if (first && !list.hasAttribute('aria-busy')) {
          clearInterval(poll);
          out[q] = { ms: Math.round(first - t0), all: Math.round(performance.now() - t0), bytes: bytes(w) - before, status: st };
          setTimeout(next, 300);
        }
      }, 5);
    }
    next();
  }, 500);
});
</script>"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--public", required=True)
    ap.add_argument("--port", type=int, default=8765)
    args = ap.parse_args()
    root = os.path.abspath(args.public)
    search = os.path.join(root, "search")
    total = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(search) for f in fs)
    shards = os.listdir(os.path.join(search, "s"))
    print(f"index: {total / 1e6:.1f} MB in {len(shards)} shards + {len(os.listdir(os.path.join(search, 'd')))} document files; "
          f"meta.js {os.path.getsize(os.path.join(search, 'meta.js')) / 1024:.0f} KB")
    with open(os.path.join(root, "bench-harness.html"), "w") as f:
        f.write(HARNESS % json.dumps(QUERIES, ensure_ascii=False))
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            if self.path.startswith("/__sleep/"):
                import time
                time.sleep(int(self.path.rsplit("/", 1)[1]) / 1000)
                self.send_response(204)
                self.end_headers()
                return
            super().do_GET()

    handler = functools.partial(Handler, directory=root)
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                              f"--user-data-dir={profile}", "--dump-dom",
                              f"http://127.0.0.1:{args.port}/bench-harness.html"], capture_output=True, text=True).stdout
    server.shutdown()
    os.remove(os.path.join(root, "bench-harness.html"))
    m = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
    result = json.loads(m.group(1).replace("&quot;", '"')) if m and m.group(1) != "pending" else {}
    if not result:
        raise SystemExit("the harness did not finish:\n" + dom[:2000])
    print(f"search page before the first query: {result.pop('before_first_query') / 1024:.0f} KB")
    for q, r in result.items():
        print(f"{q:<16} {r['status']:<12} +{r['bytes'] / 1024:.0f} KB, first result after {r['ms']} ms, "
              f"all 20 after {r['all']} ms (typing pause of 80 ms included)")


if __name__ == "__main__":
    main()
