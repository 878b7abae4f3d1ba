#!/usr/bin/env bash
# Load test of `stocktake serve` on loopback with wrk (Debian): a library of about 1,000,000 paragraphs
# (12,500 generated six-language working papers of 80 paragraphs, ingested through the real command),
# then search and a document page, each for 30 s with 2 threads and 32 connections.
# Usage: Benchmarks/Load/load-test.sh [PAPERS]   (PAPERS defaults to 12500)
set -euo pipefail
cd "$(dirname "$0")/../.."
papers=${1:-12500}
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)"; exit 1; }
swift build -c release --product stocktake 2>&1 | tail -1
bin=$PWD/.build/release/stocktake
work=${LOAD_HOME:-/tmp/stocktake-load}
export STOCKTAKE_HOME=$work/home
if [ ! -f "$work/.ingested-$papers" ]; then
  rm -rf "$work"; mkdir -p "$work/papers"
  python3 - "$papers" "$work/papers" <<'PY'
import pathlib, sys
count, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
fixtures = pathlib.Path("Tests/StocktakeTextTests/Fixtures")
texts = {p.stem: p.read_text() for p in sorted(fixtures.glob("wp-*.txt"))}
for n in range(count):
    stem = sorted(texts)[n % len(texts)]
    head, _, body = texts[stem].partition("\n1.")
    head = head.replace("NPT/CONF.2026/PC.III/WP.99", f"NPT/CONF.2026/PC.III/WP.{1000 + n}")
    paragraphs = [f"{i}. Paragraph {i} of paper {n}: the States parties recall the commitments on nuclear disarmament, transparency and irreversibility, and action {i % 64 + 1} of the 2010 action plan." for i in range(1, 81)]
    (out / f"{stem}-{n}.txt").write_text(head + "\n" + "\n".join(paragraphs) + "\n")
PY
  "$bin" ingest "$work/papers" | tail -1
  touch "$work/.ingested-$papers"
fi
"$bin" serve --port 18080 --log-level error > "$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 2
symbol=$("$bin" search transparency --limit 1 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["symbol"])')
echo "== paragraphs: $("$bin" search "States parties recall" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"
echo "== distinct searches (every request a new query, so none is answered from the cache)"
wrk -t2 -c32 -d30s --latency -s Benchmarks/Load/distinct-search.lua "http://127.0.0.1:18080" | grep -E "Requests/sec|Non-2xx|Socket errors|99%|50%|requests in"
for url in "http://127.0.0.1:18080/api/v1/search?q=paper+777" "http://127.0.0.1:18080/search?q=paper+777" "http://127.0.0.1:18080/api/v1/search?q=irreversibility" "http://127.0.0.1:18080/documents/$symbol?language=en" "http://127.0.0.1:18080/log/checkpoint"; do
  echo "== $url"
  wrk -t2 -c32 -d30s --latency "$url" | grep -E "Requests/sec|Non-2xx|Socket errors|99%|50%|requests in"
done
