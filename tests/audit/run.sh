#!/usr/bin/env bash
# Lighthouse and axe over every page of the built book: the figures behind
# issue 26 (page weight, mobile performance, accessibility, axe violations).
# Not part of .ci/run: it takes tens of minutes and its scores vary with the
# machine's load. It needs node 20+, npm, python3 and Chromium; it installs
# Lighthouse and axe-core into target/audit-tools itself.
#
#   bash tests/audit/run.sh                      # every page
#   AUDIT_PERF_PAGES=index.html,core-concepts.html bash tests/audit/run.sh
#
# AUDIT_PERF_PAGES limits the slow Lighthouse performance runs to some pages
# (accessibility, weight and axe still cover every page); AUDIT_PAGES limits
# the whole audit to some pages. Performance varies with the machine's load
# (Lighthouse simulates a phone from what it measured here): AUDIT_RUNS=3
# runs it three times per page and keeps the median. The book is served as
# a static host serves it, gzipped over kept-alive connections (serve.py);
# AUDIT_COMPRESS=0 serves it uncompressed, the worst case. The table lands
# in target/audit/summary.md, every figure in target/audit/results.json;
# AUDIT_KEEP=1 also keeps each whole Lighthouse report in target/audit/lighthouse/.
# Each page is also loaded once as Lighthouse's phone loads it, recording
# every layout shift with what moved (results.json, "layoutShift"), since
# Lighthouse's own layout-shifts audit fails on recent Chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."

chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$chromium" ]; then
    echo "error: no Chromium found (apt-get install chromium, or set CHROMIUM)" >&2
    exit 2
fi

cargo book --dest target/audit-book
npm install --silent --no-audit --no-fund --prefix target/audit-tools \
    lighthouse@12.2.3 axe-core@4.14.1 puppeteer-core@24.43.1

# A free port on the loopback interface, and a static server on it that
# stops with this script: serve.py, which keeps connections open and gzips
# text as any static host does (AUDIT_COMPRESS=0: no gzip, the worst case).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 tests/audit/serve.py target/audit-book "$port" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/index.html')" 2>/dev/null && break
    sleep 0.2
done

# Run beside its node_modules, where `import 'lighthouse'` finds them.
mkdir -p target/audit
cp tests/audit/audit.mjs target/audit-tools/audit.mjs
CHROME_PATH="$chromium" node target/audit-tools/audit.mjs \
    "http://127.0.0.1:$port/" target/audit-book target/audit
