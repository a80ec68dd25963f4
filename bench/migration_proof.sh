#!/usr/bin/env bash
# Proof that migrating forward loses nothing: a demo database is built at an older commit, then
# migrated with this checkout; the row count of every table is compared (SQLite and PostgreSQL).
#   bench/migration_proof.sh OLD_COMMIT      (PostgreSQL on 127.0.0.1 with trust auth)
set -euo pipefail
OLD=${1:?usage: bench/migration_proof.sh OLD_COMMIT}
HERE=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS kpss_migration_proof" >/dev/null 2>&1 || true' EXIT
git clone -q "$HERE" "$WORK/old" && git -C "$WORK/old" checkout -q "$OLD"
export DJANGO_SETTINGS_MODULE=kpss_site.settings.demo

counts() {  # "table rows" for every table of the database in DATABASE_URL
    "$HERE/.venv/bin/python" - <<'PY'
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names()):
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        print(table, cursor.fetchone()[0])
PY
}

for engine in sqlite postgresql; do
    if [ "$engine" = sqlite ]; then
        export DATABASE_URL="sqlite:///$WORK/proof.sqlite3"
    else
        psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS kpss_migration_proof"
        psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE kpss_migration_proof"
        export DATABASE_URL="postgres://postgres@127.0.0.1:5432/kpss_migration_proof"
    fi
    (cd "$WORK/old" && "$HERE/.venv/bin/python" manage.py migrate -v0 \
        && "$HERE/.venv/bin/python" manage.py kpss_demo >/dev/null)
    (cd "$WORK/old" && counts) >"$WORK/before-$engine"
    (cd "$HERE" && "$HERE/.venv/bin/python" manage.py migrate -v1 | grep Applying || true)
    (cd "$HERE" && counts) >"$WORK/after-$engine"
    echo "== $engine: $(wc -l <"$WORK/before-$engine") tables before, $(wc -l <"$WORK/after-$engine") after"
    diff "$WORK/before-$engine" "$WORK/after-$engine" || true
done
