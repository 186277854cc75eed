#!/usr/bin/env bash
# Starts the service in Release on a throwaway database on a loopback port, runs load.mjs against it,
# and stops everything. Usage: bench/load/run.sh [seconds-per-phase] [concurrency]
# STORAGE=postgres uses a throwaway PostgreSQL server (initdb and pg_ctl, as the postgres user when run
# as root) instead of a SQLite file. The service runs with Auth:Mode=Open, which it allows on loopback only.
set -euo pipefail
cd "$(dirname "$0")/../.."

port=5181
data=$(mktemp -d)
server=""
pg_bin=$(dirname "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -n 1)")
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  [ -f "$data/pg/postmaster.pid" ] && as_postgres "$pg_bin/pg_ctl" -D "$data/pg" -m fast -w stop >/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

if [ "${STORAGE:-sqlite}" = postgres ]; then
  [ "$(id -u)" = 0 ] && chown postgres "$data"
  pg_port=55431
  as_postgres "$pg_bin/initdb" -D "$data/pg" -A trust -U agenda -E UTF8 --locale=C >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$data/pg" -l "$data/pg.log" -w start \
    -o "-p $pg_port -k $data -c listen_addresses=127.0.0.1 -c max_connections=200" >/dev/null
  export Storage__Provider=Postgres
  export ConnectionStrings__Booking="Host=127.0.0.1;Port=$pg_port;Username=agenda;Database=postgres"
else
  export ConnectionStrings__Booking="Data Source=$data/agenda.db"
fi

dotnet build -c Release src/Agenda.Api -v quiet -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Production Auth__Mode=Open Logging__LogLevel__Default=Warning \
  dotnet src/Agenda.Api/bin/Release/net10.0/Agenda.Api.dll --urls "http://127.0.0.1:$port" &
server=$!

for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version), storage ${STORAGE:-sqlite}"
node bench/load/load.mjs "http://127.0.0.1:$port" "${1:-10}" "${2:-32}"
