#!/usr/bin/env bash
# What a booking costs on PostgreSQL (issue 31): one Release service on a throwaway PostgreSQL server, N owners booked
# by C wrk connections (default 1 and 1: one client, one booking after another), and for the measured run:
#   - wrk's latency distribution and rate;
#   - the CPU time the service and PostgreSQL spent per booking (from /proc; a tick is 10 ms), and the service's memory;
#   - every statement PostgreSQL ran, with its calls per booking and mean time (pg_stat_statements);
#   - with PERF=1, a CPU profile of the service (`perf record`, .NET frames named through the runtime's perf map), its
#     split by thread (worker threads, the JIT's tiered compilation) and the methods compiled while it ran.
# Usage: bench/perf/profile-booking.sh
#   OWNERS (1), CONNECTIONS (1), WARMUP seconds of bookings first (40, so the JIT has settled), MEASURE seconds (5)
# Needs the service built in Release (dotnet build -c Release src/Agenda.Api), wrk, PostgreSQL 15's server binaries
# with pg_stat_statements (Debian's postgresql package), and perf for PERF=1. Only ratios and shares mean something on
# a shared machine; run it more than once.
set -euo pipefail
cd "$(dirname "$0")/../.."

owners=${OWNERS:-1} connections=${CONNECTIONS:-1} warmup=${WARMUP:-40} seconds=${MEASURE:-5}
threads=$((connections > 1 ? 2 : 1))
api_dll=$(pwd)/src/Agenda.Api/bin/Release/net10.0/Agenda.Api.dll
[ -f "$api_dll" ] || { echo "Build the service first: dotnet build -c Release src/Agenda.Api" >&2; exit 1; }
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | tail -n 1)")
work=$(mktemp -d)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
service_pid=""
cleanup() {
  [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null || true
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/run"
if [ "$(id -u)" = 0 ]; then chown postgres "$work" "$work/run"; chmod 755 "$work"; fi
as_postgres "$pg_bin/initdb" -D "$work/pg" -A trust -U agenda -E UTF8 --locale=C >/dev/null
pg_port=$(free_port)
as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/run/server.log" -w start -o "-p $pg_port -k $work/run \
  -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_preload_libraries=pg_stat_statements" >/dev/null
psql_() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U agenda -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_ -c "CREATE EXTENSION pg_stat_statements;" >/dev/null

port=$(free_port)
(cd "$work" && exec env Storage__Provider=Postgres "ConnectionStrings__Booking=Host=127.0.0.1;Port=$pg_port;Username=agenda;Database=postgres" \
  DOTNET_PerfMapEnabled="${PERF:-0}" ASPNETCORE_ENVIRONMENT=Production Auth__Mode=Open Logging__LogLevel__Default=Warning \
  Limits__RateLimit__Enabled=false dotnet "$api_dll" --urls "http://127.0.0.1:$port") >"$work/service.log" 2>&1 &
service_pid=$!
base=http://127.0.0.1:$port
for _ in $(seq 150); do curl -sf "$base/readyz" >/dev/null && break; sleep 0.2; done
call() { curl -sf -X "$1" "$base$2" -H 'Content-Type: application/json' --data "$3" >/dev/null; }
day='[{"start":"00:00","end":"24:00"}]'
for o in $(seq 0 $((owners - 1))); do
  call POST /v1/owners "{\"id\":\"prof$o\",\"name\":\"prof$o\",\"time_zone\":\"UTC\"}"
  call PUT "/v1/owners/prof$o/weekly-hours" \
    "{\"monday\":$day,\"tuesday\":$day,\"wednesday\":$day,\"thursday\":$day,\"friday\":$day,\"saturday\":$day,\"sunday\":$day}"
  call POST "/v1/owners/prof$o/meeting-types" '{"slug":"call","title":"Call","duration_minutes":30}'
done

# Warm-up on dates far after the measured ones, then statistics as autovacuum keeps them.
first=$((($(date +%s) / 86400 + 2) * 86400))
echo "warming up: ${warmup} s of bookings over $owners owner(s), $connections connection(s)"
wrk -d"${warmup}s" -t"$threads" -c"$connections" -s bench/perf/book.lua "$base" -- prof "$owners" $((first + 700 * 86400)) 1800 "$threads" w 0 >/dev/null
psql_ -c "ANALYZE;" -c "SELECT pg_stat_statements_reset();" >/dev/null

cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# The server and every process it started (backends, WAL writer, checkpointer, autovacuum).
postgres_cpu() {
  local total=0 pid postmaster
  postmaster=$(head -n 1 "$work/pg/postmaster.pid")
  for pid in "$postmaster" $(pgrep -P "$postmaster" || true); do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  echo "$total"
}
map=/tmp/perf-$service_pid.map
service_0=$(cpu_of "$service_pid") postgres_0=$(postgres_cpu) mapped_0=$(wc -l <"$map" 2>/dev/null || echo 0)
perf_pid=""
if [ "${PERF:-0}" = 1 ]; then
  perf record -F 999 -g -p "$service_pid" -o "$work/perf.data" -- sleep "$seconds" >/dev/null 2>&1 &
  perf_pid=$!
fi
wrk --latency -d"${seconds}s" -t"$threads" -c"$connections" -s bench/perf/book.lua "$base" -- prof "$owners" "$first" 1800 "$threads" m 0 >"$work/measured"
service_1=$(cpu_of "$service_pid") postgres_1=$(postgres_cpu)
[ -z "$perf_pid" ] || wait "$perf_pid" || true

booked=$(awk '/^booked/ {print $2}' "$work/measured")
echo
grep -E "Latency|50%|90%|99%|Requests/sec|^booked" "$work/measured"
awk '/^VmHWM:|^VmRSS:/ {printf "%s %d MiB  ", $1, $2 / 1024} END {print "(service memory: peak, now)"}' "/proc/$service_pid/status"
awk -v s=$((service_1 - service_0)) -v p=$((postgres_1 - postgres_0)) -v n="$booked" \
  'BEGIN { printf "CPU per booking: service %.2f ms, PostgreSQL %.2f ms\n", s * 10 / n, p * 10 / n }'
echo
echo "statements per booking (calls per booking | mean ms | statement):"
psql_ -F ' | ' -c "SELECT round(calls::numeric / $booked, 2), round(mean_exec_time::numeric, 3), left(regexp_replace(query, '\s+', ' ', 'g'), 110)
                   FROM pg_stat_statements WHERE calls >= $booked / 20 ORDER BY total_exec_time DESC LIMIT 30;"
if [ "${PERF:-0}" = 1 ]; then
  echo
  echo "service CPU by thread:"
  perf report -i "$work/perf.data" --no-children --sort comm --stdio -g none 2>/dev/null | grep '%' | head -6
  echo "hottest symbols:"
  perf report -i "$work/perf.data" --no-children --sort sym --stdio -g none 2>/dev/null | grep '%' | head -25 | cut -c1-160
  echo "methods compiled while measured: $(($(wc -l <"$map" 2>/dev/null || echo 0) - mapped_0))"
fi
