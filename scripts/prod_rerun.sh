#!/usr/bin/env bash
# Security round 3 re-run (issue 25): a production-like deployment on port 8190 (gunicorn as the README's
# Production section runs it, one db_worker), attacked by scripts/attack_round3.py, then stopped.
# Usage: scripts/prod_rerun.sh sqlite | postgres      (postgres: DATABASE_URL=postgres:///caio_verify, created here)
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:?sqlite or postgres}
run=var/rerun-$kind
[ "$kind" = sqlite ] && rm -rf var    # a fresh var/: the SQLite file, static files, reports
rm -rf "$run" && mkdir -p "$run"
export CAIO_ENV_FILE= DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0
export CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0 TRUSTED_PROXY_COUNT=1 WEB_CONCURRENCY=3
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend DEFAULT_FROM_EMAIL=caio@example.com
export SECRET_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(60))')"
if [ "$kind" = postgres ]; then
  dropdb --if-exists caio_verify && createdb caio_verify
  export DATABASE_URL=postgres:///caio_verify
else
  unset DATABASE_URL    # the default: var/caio.sqlite3
fi
py=.venv/bin/python
$py manage.py migrate --noinput >"$run/migrate.log"
$py manage.py createcachetable
$py manage.py collectstatic --noinput >/dev/null
$py scripts/check_translations.py --compile >/dev/null
$py manage.py check --deploy --fail-level WARNING || echo "check --deploy warnings above (HTTPS settings are off on purpose here)"
.venv/bin/gunicorn caio.wsgi:application --bind 127.0.0.1:8190 --access-logfile "$run/access.log" \
  --logger-class caio.gunicorn_logging.TokenRedactingLogger --error-logfile "$run/gunicorn.log" &
web=$!
$py manage.py db_worker --interval 0.5 >"$run/worker.log" 2>&1 &
worker=$!
trap 'kill $web $worker 2>/dev/null; wait $web $worker 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -fs -o /dev/null http://127.0.0.1:8190/healthz && break; sleep 1; done
status=0
$py scripts/attack_round3.py --base http://127.0.0.1:8190 --access-log "$run/access.log" | tee "$run/results.txt" || status=$?
grep -c . "$run/access.log" | sed 's/^/access log lines: /'
exit $status
