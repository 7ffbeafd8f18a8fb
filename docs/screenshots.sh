#!/usr/bin/env bash
# Remakes docs/screenshots/ from the sample site in both themes with headless Chromium
# (apt-get install chromium fonts-noto-cjk poppler-utils). Run from the repo root.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
out=docs/screenshots
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --no-pdf-header-footer --user-data-dir="$work/profile" "$@" 2>/dev/null
}
port=8700
for theme in default gongwen; do
  site="$work/$theme"
  mkdir -p "$site"
  cp -r content themes "$site/"
  sed "s/^theme: default/theme: $theme/" config.yaml >"$site/config.yaml"
  ./target/release/huibian build --root "$site" -q
  port=$((port + 1))
  (cd "$site/public" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
  sleep 1
  base="http://127.0.0.1:$port"
  for size in 390,844 1366,900; do
    w=${size%,*}
    chrome --window-size="$size" --screenshot="$out/$theme-home-$w.png" "$base/"
    chrome --window-size="$size" --screenshot="$out/$theme-list-$w.png" "$base/speeches/"
    chrome --window-size="$size" --screenshot="$out/$theme-speech-$w.png" "$base/speeches/dongyuan-bushu/"
  done
  chrome --print-to-pdf="$work/$theme-print.pdf" "$base/speeches/dongyuan-bushu/"
  pdftoppm -png -r 50 -f 1 -l 1 -singlefile "$work/$theme-print.pdf" "$out/$theme-print"
done
# The printed book (huibian pdf): the cover, the 目录 and the first two pages of the body.
./target/release/huibian pdf --output "$work/book.pdf"
first=$(pdftotext "$work/book.pdf" - | awk 'BEGIN{RS="\f"} /—[ ]*1[ ]*—/{print NR; exit}')
pdftoppm -png -r 50 -f 1 -l 1 -singlefile "$work/book.pdf" "$out/pdf-cover"
pdftoppm -png -r 50 -f 3 -l 3 -singlefile "$work/book.pdf" "$out/pdf-contents"
pdftoppm -png -r 50 -f "$first" -l "$first" -singlefile "$work/book.pdf" "$out/pdf-page-1"
pdftoppm -png -r 50 -f $((first + 1)) -l $((first + 1)) -singlefile "$work/book.pdf" "$out/pdf-page-2"
ls -l "$out"
