#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages if missing, starts it on 127.0.0.1:5432 and creates the role and
# database "choreo" (password "choreo"). Idempotent. Prints the variables the tests read, for `eval`.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "postgres.sh: installing PostgreSQL from Debian packages" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main >&2
fi
pg_ctlcluster "$version" main start >&2 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p 5432
as_postgres() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
[ "$(as_postgres "SELECT 1 FROM pg_roles WHERE rolname='choreo'")" = "1" ] \
  || as_postgres "CREATE ROLE choreo LOGIN PASSWORD 'choreo'" >&2
[ "$(as_postgres "SELECT 1 FROM pg_database WHERE datname='choreo'")" = "1" ] \
  || as_postgres "CREATE DATABASE choreo OWNER choreo" >&2
echo "export CHOREO_PG_URL=jdbc:postgresql://127.0.0.1:5432/choreo CHOREO_PG_USER=choreo CHOREO_PG_PASSWORD=choreo"
