#!/usr/bin/env bash
# Lighthouse (mobile) per page type, as docs/benchmarks.md records it: gunicorn with production settings (DEBUG=0,
# WhiteNoise) on its own SQLite database under var/lighthouse, the demo data plus tests/e2e/world.py's extras,
# signed-in pages with the session cookie of the demo owner (cora: a viewer; rhea: a rater). Writes
# var/lighthouse/<name>.json and prints the four scores, the load average and the audits that did not pass.
# Usage: PORT=8165 scripts/lighthouse.sh [name ...]     (names from var/lighthouse/pages.tsv; none: every page)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-8165}
run=var/lighthouse
mkdir -p "$run"
export CAIO_ENV_FILE= DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0
export CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0 WEB_CONCURRENCY=2
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend DEFAULT_FROM_EMAIL=caio@example.com
export DATABASE_URL="sqlite:///$PWD/$run/caio.sqlite3" CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
# Kept between runs: the session cookies written with the pages are signed with it.
[ -s "$run/secret" ] || .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(60))' >"$run/secret"
SECRET_KEY=$(cat "$run/secret")
export SECRET_KEY
py=.venv/bin/python
if [ ! -s "$run/pages.tsv" ]; then
  rm -f "$run"/caio.sqlite3*
  $py manage.py migrate --noinput >"$run/migrate.log"
  $py manage.py createcachetable
  $py manage.py collectstatic --noinput >/dev/null
  $py manage.py shell -c "from scripts.lighthouse_pages import write; write('$run/pages.tsv')"
fi
.venv/bin/gunicorn caio.wsgi:application --bind "127.0.0.1:$port" --error-logfile "$run/gunicorn.log" &
web=$!
trap 'kill $web 2>/dev/null; wait $web 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 1; done
cookie_of() { awk -F'\t' -v who="$1" '$1 == who {print $2}' "$run/cookies.tsv"; }
# Warm, as a server in use is: each worker's first request pays ~1 s of imports and template compiling, which
# would otherwise fall on whichever page comes first. Twice per worker, every page.
for _ in $(seq $((2 * WEB_CONCURRENCY))); do
  while IFS=$'\t' read -r name who path; do
    curl -s -o /dev/null -H "Cookie: $(cookie_of "$who")" "http://127.0.0.1:$port$path"
  done <"$run/pages.tsv"
done
while IFS=$'\t' read -r name who path; do
  [ $# -eq 0 ] || [[ " $* " == *" $name "* ]] || continue
  headers=()
  cookie=$(cookie_of "$who")
  [ -z "$cookie" ] || headers=(--extra-headers "{\"Cookie\": \"$cookie\"}")
  # An error page is measured as such (Lighthouse refuses a 4xx document otherwise).
  [[ $name != error-* ]] || headers+=(--ignore-status-code)
  lighthouse "http://127.0.0.1:$port$path" --quiet --output=json --output-path="$run/$name.json" \
    --only-categories=performance,accessibility,best-practices,seo --chrome-flags="--headless=new --no-sandbox" \
    "${headers[@]}" || true
  $py - "$run/$name.json" "$name" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
scores = [round(100 * (c["score"] or 0)) for c in report["categories"].values()]
failing = [a for a in report["audits"].values() if a.get("score") is not None and a["score"] < 1
           and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")]
final = report["finalDisplayedUrl"]
if final != report["requestedUrl"]:
    print(sys.argv[2], "was redirected to", final, flush=True)
print(sys.argv[2], *scores, "load", sys.argv[3], "|", ", ".join(a["id"] for a in failing)[:300], flush=True)
PY
done <"$run/pages.tsv"
