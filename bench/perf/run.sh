#!/usr/bin/env bash
# Issue 10's figures (and issue 31's figure 5b), each measured in one run side by side with its ceiling on this machine, and a Markdown table of
# the ratios against the issue's targets (printed at the end, and written to bench/perf/last-run.md).
# Usage: bench/perf/run.sh            (no arguments; about 5 minutes with the defaults)
#   SECONDS_PER_RUN  time given to each side of a comparison, default 10: a figure and its ceiling run alternately in
#                    halves (figure, ceiling, ceiling, figure), so a change in the machine's load weighs on both alike
#   SKIP_ENGINE=1    leaves out the BenchmarkDotNet figure (about 2 minutes)
#   PG_WARMUP        seconds of bookings before PostgreSQL figures 4, 5 and 5b are measured, default 40 (see figure 4)
#   PHASES           the phases to run, default "sqlite million postgres kinds engine" (to work on one of them)
# Needs the .NET SDK, Node.js, wrk, sqlite3 and PostgreSQL's server binaries; as root it installs the missing Debian
# packages. Services run in Release on 127.0.0.1 with Auth:Mode=Open and rate limiting off, on a throwaway SQLite file
# or a throwaway PostgreSQL server (fsync on, default durable settings). Load generator, ceilings and databases share
# the machine's cores with the service, so only ratios measured in the same run mean anything.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

secs=${SECONDS_PER_RUN:-10}
pg_warmup=${PG_WARMUP:-40}
half=$(((secs + 1) / 2)) # wrk and pgbench take whole seconds; runs of 1 s measure mostly their own start
[ "$half" -ge 2 ] || half=2
phases=" ${PHASES:-sqlite million postgres kinds engine} "
[ "${SKIP_ENGINE:-0}" = 1 ] && phases=${phases/ engine / }
work=$(mktemp -d) # databases, captured answers and logs; the SQLite ceiling runs on this same disk
api_dll=$repo/src/Agenda.Api/bin/Release/net10.0/Agenda.Api.dll
ceiling_dll=$repo/bench/Agenda.Ceiling/bin/Release/net10.0/Agenda.Ceiling.dll
rows=$work/rows   # figure|measured|ceiling|ratio|target|met, one line per figure
notes=$work/notes # what a reader of the table should know: answer checks, counts, failures
touch "$rows" "$notes"

declare -A running=() # pid -> "service <name>" or "ceiling <name>", for every process started here and still running
peak_kib=0 peak_of=none services_seen=0
pg_bin="" pg_data=$work/pg

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Stops a process started here. A service's peak resident memory (VmHWM) is read first: figure 10 is their maximum.
stop() {
  local pid=$1 kib
  if [[ ${running[$pid]} == service* ]]; then
    kib=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    services_seen=$((services_seen + 1))
    if [ "${kib:-0}" -gt "$peak_kib" ]; then peak_kib=$kib peak_of=${running[$pid]#service }; fi
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "running[$pid]"
}

stop_postgres() {
  if [ -f "$pg_data/postmaster.pid" ]; then as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true; fi
}

cleanup() {
  local pid
  for pid in "${!running[@]}"; do stop "$pid"; done
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s  %s\n' "$(date -u +%T)" "$*"; }
note() { echo "$*" >>"$notes"; say "note: $*"; }
row() { echo "$1|$2|$3|$4|$5|$6" >>"$rows"; say "$1: $2 (ceiling ${3}, ratio ${4}, target ${5}: ${6})"; }

# Installs a missing Debian package when root, else says how and stops.
need() {
  local command=$1 package=$2
  command -v "$command" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing $package (for $command)"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  else
    echo "$command is missing: install it with 'sudo apt-get install -y $package', then run this again." >&2
    exit 1
  fi
}

# A loopback port nothing listens on now.
free_port() {
  local port
  while :; do
    port=$((10000 + RANDOM % 20000)) # below the ephemeral range (32768-60999), where wrk's closed connections linger
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

wait_ready() { # url pid log
  local _
  for _ in $(seq 1 300); do
    curl -fs -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.2
  done
  echo "$1 did not become ready; the end of its log:" >&2
  tail -n 20 "$3" >&2
  exit 1
}

# Starts the service in the background and waits until it is ready; sets $base. The working directory is the temp
# folder, so a developer's .env in the repository does not change what is measured.
start_service() { # name VAR=value...
  local name=$1 port
  shift
  port=$(free_port)
  (cd "$work" && exec env "$@" ASPNETCORE_ENVIRONMENT=Production Auth__Mode=Open Logging__LogLevel__Default=Warning \
    Limits__RateLimit__Enabled=false dotnet "$api_dll" --urls "http://127.0.0.1:$port") >"$work/$name.log" 2>&1 &
  running[$!]="service $name"
  service_pid=$!
  base=http://127.0.0.1:$port
  wait_ready "$base/readyz" "$service_pid" "$work/$name.log"
}

start_ceiling_server() { # body-file content-type; sets $ceiling_url and $ceiling_pid
  local port
  port=$(free_port)
  dotnet "$ceiling_dll" serve --port "$port" --body-file "$1" --content-type "$2" >"$work/ceiling.log" 2>&1 &
  running[$!]="ceiling serve"
  ceiling_pid=$!
  ceiling_url=http://127.0.0.1:$port/
  wait_ready "$ceiling_url" "$ceiling_pid" "$work/ceiling.log"
}

# One HTTP call of the setup; anything but a 2xx stops the script.
call() { # method url [json]
  local status
  status=$(curl -sS -o "$work/answer" -w '%{http_code}' -X "$1" "$2" -H 'Content-Type: application/json' ${3:+--data "$3"})
  [[ $status == 2* ]] || { echo "$1 $2 answered $status: $(cat "$work/answer")" >&2; exit 1; }
}

# An owner in UTC, available around the clock every day, offering a 30-minute meeting type "call".
v1_owner() { # base id
  local day='[{"start":"00:00","end":"24:00"}]'
  call POST "$1/v1/owners" "{\"id\":\"$2\",\"name\":\"$2\",\"time_zone\":\"UTC\"}"
  call PUT "$1/v1/owners/$2/weekly-hours" \
    "{\"monday\":$day,\"tuesday\":$day,\"wednesday\":$day,\"thursday\":$day,\"friday\":$day,\"saturday\":$day,\"sunday\":$day}"
  call POST "$1/v1/owners/$2/meeting-types" '{"slug":"call","title":"Call","duration_minutes":30}'
}

# One timed wrk run of half of SECONDS_PER_RUN (or run_seconds). Latency statistics are always collected; a 10 s
# timeout keeps slow answers counted as answers.
run_wrk() { # output-file wrk-arguments...
  local out=$1
  shift
  wrk --latency --timeout 10s -d "${run_seconds:-$half}s" "$@" >"$out" 2>&1 || { cat "$out" >&2; exit 1; }
}
# One run of book.lua: bookings of distinct free slots, from request number <offset> on.
book() { # output threads connections url owner-prefix owners first-slot step tag offset [slug seats series]
  run_wrk "$1" -t"$2" -c"$3" -s bench/perf/book.lua "$4" -- "$5" "$6" "$7" "$8" "$2" "$9" "${10}" "${11:-call}" "${12:-1}" "${13:-0}"
}
rps() { awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$1"; }
p50_ms() { # wrk's "50%" line, in ms
  awk '$1 == "50%" { v = $2; u = v; sub(/^[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
                     printf "%.3f", v * (u == "us" ? 0.001 : u == "s" ? 1000 : u == "m" ? 60000 : 1) }' "$1"
}
p99_ms() { # wrk's "99%" line, in ms
  awk '$1 == "99%" { v = $2; u = v; sub(/^[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
                     printf "%.3f", v * (u == "us" ? 0.001 : u == "s" ? 1000 : u == "m" ? 60000 : 1) }' "$1"
}
# True when wrk saw only 2xx answers and no failed socket; otherwise notes what it saw.
answers_ok() { # wrk-output what
  local bad errors
  bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$1")
  errors=$(grep -o 'Socket errors:.*' "$1" || true)
  if [ -n "$bad" ] || [[ $errors =~ (connect|read|write)\ [1-9] ]]; then
    note "$2: ${bad:-0} answers were not 2xx${errors:+; $errors}"
    return 1
  fi
}
# The booking script's own count: "booked N refused N sent N unanswered N next N", summed over its runs.
booking_field() { # field wrk-output...
  local f=$1
  shift
  awk -v f="$f" '/^booked/ { for (i = 1; i < NF; i++) if ($i == f) n += $(i + 1) } END { print n + 0 }' "$@"
}
bookings_ok() { # what wrk-output...: was every answer a 201?
  local what=$1 out ok=0
  shift
  for out in "$@"; do
    if [ "$(booking_field refused "$out")" != 0 ] || ! grep -q '^booked' "$out"; then
      note "$what: $(booking_field refused "$out") bookings refused ($(grep '^first refusal' "$out" || echo 'no detail'))"
      ok=1
    fi
    answers_ok "$out" "$what" || ok=1
  done
  return $ok
}
# Every booking answered 201 is stored, and at most the requests still unanswered when wrk stopped are stored besides.
check_stored() { # what stored-count wrk-output...
  local what=$1 stored=$2 created unanswered
  shift 2
  created=$(booking_field booked "$@") unanswered=$(booking_field unanswered "$@")
  if [ "$stored" -ge "$created" ] && [ "$stored" -le $((created + unanswered)) ]; then
    note "$what: $created answered 201, $stored stored (at most $unanswered more were sent and not answered when wrk stopped): consistent"
  else
    note "$what: $created answered 201 but $stored stored (at most $unanswered sent and not answered): INCONSISTENT"
  fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mean() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (a + b) / 2 }'; }     # of two rates
mean_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (a + b) / 2 }'; } # of two latencies
meets() { # value op target [answers-ok]: yes or no
  awk -v v="$1" -v op="$2" -v t="$3" -v ok="${4:-1}" \
    'BEGIN { met = op == ">=" ? v >= t : op == "<=" ? v <= t : v < t; print (met && ok) ? "yes" : (ok ? "no" : "no (failed answers)") }'
}
per_s() { # a rate with thousands separators
  awk -v n="$1" 'BEGIN { s = sprintf("%d", n); r = ""
                         while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
                         print s r "/s" }'
}

day() { date -u -d "$(date -u +%F) + $1 days" +%F; }
epoch_of_day() { date -u -d "$(day "$1")" +%s; }

# --- Prerequisites and builds -----------------------------------------------------------------------------------------

started_at=$(date +%s) load_at_start=$(cut -d" " -f1 /proc/loadavg)

need wrk wrk
need sqlite3 sqlite3
need node nodejs
if [[ $phases == *" postgres "* || $phases == *" kinds "* ]]; then
  # The folder of the server binaries, where psql and pgbench are too (an initdb on the PATH may be a link to it).
  pg_bin=$(dirname "$(readlink -f "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | tail -n 1 || echo /none/initdb)")")
  if [ ! -x "$pg_bin/initdb" ]; then
    need /usr/lib/postgresql/15/bin/initdb postgresql
    pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | tail -n 1)")
  fi
fi

say "building the service and the ceilings in Release"
dotnet build -c Release src/Agenda.Api -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
dotnet build -c Release bench/Agenda.Ceiling -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

# --- Figures 1-3: SQLite, searches and bookings ---------------------------------------------------------------------

# The service's cached answer against a bare Kestrel app sending the same bytes: same wrk threads and connections.
search_side_by_side() { # figure-label url target
  local label=$1 url=$2 target=$3 type measured ceiling ok=1 run
  curl -fsS -D "$work/head" -o "$work/body" "$url" # the warming request: later ones are cache hits
  type=$(awk -F': ' 'tolower($1) == "content-type" { print $2 }' "$work/head" | tr -d '\r')
  start_ceiling_server "$work/body" "$type"
  curl -fsS -o "$work/ceiling-body" "$ceiling_url"
  cmp -s "$work/body" "$work/ceiling-body" || { echo "the ceiling does not send the service's bytes" >&2; exit 1; }
  say "$label: wrk -t2 -c32, service and ceiling alternately, ${half} s each run, after 1 s of warm-up each"
  # Code that has just been loaded runs slower until the JIT has recompiled it: warm both before timing either.
  wrk -t2 -c32 -d1s "$url" >/dev/null
  wrk -t2 -c32 -d1s "$ceiling_url" >/dev/null
  run_wrk "$work/wrk-service1" -t2 -c32 "$url"
  run_wrk "$work/wrk-ceiling1" -t2 -c32 "$ceiling_url"
  run_wrk "$work/wrk-ceiling2" -t2 -c32 "$ceiling_url"
  run_wrk "$work/wrk-service2" -t2 -c32 "$url"
  stop "$ceiling_pid"
  for run in service1 ceiling1 ceiling2 service2; do answers_ok "$work/wrk-$run" "$label ($run)" || ok=0; done
  measured=$(mean "$(rps "$work/wrk-service1")" "$(rps "$work/wrk-service2")")
  ceiling=$(mean "$(rps "$work/wrk-ceiling1")" "$(rps "$work/wrk-ceiling2")")
  row "$label" "$(per_s "$measured")" "$(per_s "$ceiling")" "$(ratio "$measured" "$ceiling")" ">= $target" \
    "$(meets "$(ratio "$measured" "$ceiling")" ">=" "$target" "$ok")"
}

# Two of the service's own answers alternately, with the same wrk threads and connections: how one costs against the
# other. Informational (no target): both run on the same service and machine.
urls_side_by_side() { # figure-label url reference-url
  local label=$1 url=$2 reference=$3 measured ceiling ok=1 run
  say "$label: wrk -t2 -c32, alternately, ${half} s each run, after 1 s of warm-up each"
  wrk -t2 -c32 -d1s "$url" >/dev/null
  wrk -t2 -c32 -d1s "$reference" >/dev/null
  run_wrk "$work/wrk-service1" -t2 -c32 "$url"
  run_wrk "$work/wrk-ceiling1" -t2 -c32 "$reference"
  run_wrk "$work/wrk-ceiling2" -t2 -c32 "$reference"
  run_wrk "$work/wrk-service2" -t2 -c32 "$url"
  for run in service1 ceiling1 ceiling2 service2; do answers_ok "$work/wrk-$run" "$label ($run)" || ok=0; done
  measured=$(mean "$(rps "$work/wrk-service1")" "$(rps "$work/wrk-service2")")
  ceiling=$(mean "$(rps "$work/wrk-ceiling1")" "$(rps "$work/wrk-ceiling2")")
  row "$label" "$(per_s "$measured")" "$(per_s "$ceiling")" "$(ratio "$measured" "$ceiling")" "none" "$([ "$ok" = 1 ] && echo measured || echo "errors, see notes")"
}

# SQLite's durable commit rate with one writer, in the temp folder the service's file is in.
commits() { # output
  dotnet "$ceiling_dll" sqlite-commits --db "$work/commits.db" --seconds "$half" >"$1" 2>&1 || { cat "$1" >&2; exit 1; }
}

sqlite_phase() {
  local url bytes slots ok=1 measured ceiling stored
  say "SQLite: starting the service on a throwaway file"
  start_service sqlite "ConnectionStrings__Booking=Data Source=$work/sqlite.db"

  # 1. The documented search of one date, for an owner available around the clock for a year from today.
  call POST "$base/api/calendar/set_availability/doc" \
    "{\"availability_rules\":[{\"start_date\":\"$(day 0)\",\"end_date\":\"$(day 365)\",\"start_time\":\"00:00\",\"end_time\":\"24:00\"}]}"
  url="$base/api/appointments/search_slots?owner=doc&request_date=$(day 7)"
  bytes=$(curl -fsS "$url" | wc -c)
  search_side_by_side "1. cached documented search, one date ($bytes B) / bare Kestrel, same bytes" "$url" 0.75

  # 2. A week of a 30-minute meeting type around the clock: 7 x 48 = 336 slots.
  v1_owner "$base" week
  url="$base/v1/owners/week/meeting-types/call/slots?from=$(day 7)&to=$(day 13)"
  curl -fsS -o "$work/week" "$url"
  slots=$(grep -o '"start_utc"' "$work/week" | wc -l)
  [ "$slots" = 336 ] || note "the /v1 week search answered $slots slots, not 336"
  search_side_by_side "2. cached /v1 week search ($slots slots, $(wc -c <"$work/week") B) / bare Kestrel, same bytes" "$url" 0.6

  # 11. A team's week search: three hosts around the clock, collective, so the same 336 slots. Each host's week comes
  # from that host's slot cache and the engine combines them on every request (team answers are not kept whole); the
  # reference is figure 2's personal week search, whose answer is kept whole, alternately on the same service.
  for host in t1 t2 t3; do v1_owner "$base" "$host"; done
  call POST "$base/v1/owners/t1/teams" '{"id":"trio","name":"Trio"}'
  call PUT "$base/v1/teams/trio/members/t2" '{}'
  call PUT "$base/v1/teams/trio/members/t3" '{}'
  call POST "$base/v1/teams/trio/meeting-types" \
    '{"slug":"call","title":"Call","kind":"collective","duration_minutes":30,"hosts":[{"owner_id":"t1"},{"owner_id":"t2"},{"owner_id":"t3"}]}'
  team_url="$base/v1/teams/trio/meeting-types/call/slots?from=$(day 7)&to=$(day 13)"
  slots=$(curl -fsS "$team_url" | grep -o '"start_utc"' | wc -l)
  [ "$slots" = 336 ] || note "the team week search answered $slots slots, not 336"
  urls_side_by_side "11. team week search, 3 hosts ($slots slots) / personal week search (figure 2's)" "$team_url" "$url"

  # 3. Bookings of distinct free slots by 16 clients over 8 owners, against one writer's durable commits on this disk.
  for i in 0 1 2 3 4 5 6 7; do v1_owner "$base" "sq$i"; done
  v1_owner "$base" warm0
  say "3. SQLite bookings: wrk -t2 -c16 over 8 owners and the single-writer commit rate alternately, ${half} s each run, after 2 s of warm-up"
  run_seconds=2 book "$work/warm" 2 16 "$base" warm 1 "$(epoch_of_day 1)" 1800 w 0 # another owner: warms the booking path
  book "$work/book1" 2 16 "$base" sq 8 "$(epoch_of_day 1)" 1800 sq 0
  commits "$work/commits1"
  commits "$work/commits2"
  book "$work/book2" 2 16 "$base" sq 8 "$(epoch_of_day 1)" 1800 sq "$(booking_field next "$work/book1")"
  bookings_ok "3. SQLite bookings" "$work/book1" "$work/book2" || ok=0
  stored=$(sqlite3 "$work/sqlite.db" "SELECT count(*) FROM bookings WHERE owner_id GLOB 'sq[0-7]';")
  check_stored "3. SQLite bookings" "$stored" "$work/book1" "$work/book2"
  measured=$(mean "$(rps "$work/book1")" "$(rps "$work/book2")")
  ceiling=$(mean "$(awk '{print $1}' "$work/commits1")" "$(awk '{print $1}' "$work/commits2")")
  row "3. SQLite bookings/s, 16 clients over 8 owners / one writer's durable commits/s (WAL, synchronous=FULL)" \
    "$(per_s "$measured")" "$(per_s "$ceiling")" "$(ratio "$measured" "$ceiling")" ">= 1.0" \
    "$(meets "$(ratio "$measured" "$ceiling")" ">=" 1.0 "$ok")"
  stop "$service_pid"
}

# --- Figure 12: booking kinds (issue 27) ------------------------------------------------------------------------------

# 12. Seats cost no more than bookings: 16 clients over 8 owners book seats of classes of 4 (each class filled by 4
# requests, so most requests join a class that has begun to fill) and, alternately, plain bookings of distinct slots,
# on one service and database. The ratio is seat bookings/s over plain bookings/s. On SQLite and on PostgreSQL.
kinds_side_by_side() { # label database-kind count-command
  local label=$1 kind=$2 ok=1 seats plain stored
  for i in 0 1 2 3 4 5 6 7; do
    v1_owner "$base" "k$kind$i"
    call POST "$base/v1/owners/k$kind$i/meeting-types" '{"slug":"class","title":"Class","duration_minutes":30,"seats":4}'
  done
  run_seconds=2 book "$work/kwarm" 2 16 "$base" "k$kind" 8 "$(epoch_of_day 400)" 1800 w 0 class 4
  book "$work/seats1" 2 16 "$base" "k$kind" 8 "$(epoch_of_day 1)" 1800 s 0 class 4
  book "$work/plain1" 2 16 "$base" "k$kind" 8 "$(epoch_of_day 100)" 1800 p 0
  book "$work/plain2" 2 16 "$base" "k$kind" 8 "$(epoch_of_day 100)" 1800 p "$(booking_field next "$work/plain1")"
  book "$work/seats2" 2 16 "$base" "k$kind" 8 "$(epoch_of_day 1)" 1800 s "$(booking_field next "$work/seats1")" class 4
  bookings_ok "$label" "$work/seats1" "$work/seats2" "$work/plain1" "$work/plain2" || ok=0
  stored=$($3 "SELECT count(*) FROM bookings WHERE owner_id LIKE 'k$kind%' AND meeting_type = 'class' AND invitee LIKE 's-%';")
  check_stored "$label, seats" "$stored" "$work/seats1" "$work/seats2"
  seats=$(mean "$(rps "$work/seats1")" "$(rps "$work/seats2")")
  plain=$(mean "$(rps "$work/plain1")" "$(rps "$work/plain2")")
  row "$label" "$(per_s "$seats")" "$(per_s "$plain")" "$(ratio "$seats" "$plain")" ">= 0.9" "$(meets "$(ratio "$seats" "$plain")" ">=" 0.9 "$ok")"
}

# 12c-d. A series of 12 costs no more than 12 bookings: the same clients book weekly series of 12 ten-minute meetings
# (each request's slot ten minutes after the last of its owner's, so a run's series stay within a week and never meet)
# and, alternately, plain bookings. The ratio is meetings booked/s through series over plain bookings/s.
series_side_by_side() { # label database-kind count-command
  local label=$1 kind=$2 ok=1 series plain stored
  for i in 0 1 2 3 4 5 6 7; do
    call POST "$base/v1/owners/k$kind$i/meeting-types" '{"slug":"weekly","title":"Weekly","duration_minutes":10,"recurrence":{"max_count":12}}'
  done
  run_seconds=2 book "$work/rwarm" 2 16 "$base" "k$kind" 8 "$(epoch_of_day 1300)" 600 w 0 weekly 1 12
  # Alternately, so that what one side's writes leave to the database (checkpoints, vacuum) weighs on both.
  book "$work/splain1" 2 16 "$base" "k$kind" 8 "$(epoch_of_day 700)" 1800 q 0
  book "$work/series1" 2 16 "$base" "k$kind" 8 "$(epoch_of_day 1000)" 600 r 0 weekly 1 12
  book "$work/splain2" 2 16 "$base" "k$kind" 8 "$(epoch_of_day 700)" 1800 q "$(booking_field next "$work/splain1")"
  book "$work/series2" 2 16 "$base" "k$kind" 8 "$(epoch_of_day 1000)" 600 r "$(booking_field next "$work/series1")" weekly 1 12
  bookings_ok "$label" "$work/series1" "$work/series2" "$work/splain1" "$work/splain2" || ok=0
  stored=$($3 "SELECT count(DISTINCT series_id) FROM bookings WHERE owner_id LIKE 'k$kind%' AND meeting_type = 'weekly' AND invitee LIKE 'r-%';")
  check_stored "$label, series" "$stored" "$work/series1" "$work/series2"
  note "$label: series/s of each run $(rps "$work/series1") and $(rps "$work/series2"), plain bookings/s $(rps "$work/splain1") and $(rps "$work/splain2")"
  series=$(mean "$(rps "$work/series1")" "$(rps "$work/series2")")
  series=$((series * 12))
  plain=$(mean "$(rps "$work/splain1")" "$(rps "$work/splain2")")
  row "$label" "$(per_s "$series")" "$(per_s "$plain")" "$(ratio "$series" "$plain")" ">= 1.0" "$(meets "$(ratio "$series" "$plain")" ">=" 1.0 "$ok")"
}

kinds_phase() {
  say "12. booking kinds: seat bookings against plain bookings, SQLite then PostgreSQL"
  start_service kinds "ConnectionStrings__Booking=Data Source=$work/kinds.db"
  kinds_side_by_side "12a. SQLite seat bookings/s, 16 clients over 8 owners' classes of 4 / plain bookings/s, same clients" sqlite "sqlite3 $work/kinds.db"
  series_side_by_side "12c. SQLite meetings/s booked as weekly series of 12, 16 clients over 8 owners / plain bookings/s, same clients" sqlite "sqlite3 $work/kinds.db"
  stop "$service_pid"
  start_postgres
  start_service kindspg Storage__Provider=Postgres "ConnectionStrings__Booking=$pg_connection"
  kinds_side_by_side "12b. PostgreSQL seat bookings/s, 16 clients over 8 owners' classes of 4 / plain bookings/s, same clients" pg "psql_ -d postgres -c"
  series_side_by_side "12d. PostgreSQL meetings/s booked as weekly series of 12, 16 clients over 8 owners / plain bookings/s, same clients" pg "psql_ -d postgres -c"
  stop "$service_pid"
  stop_postgres
}

# --- Figures 6-7: SQLite, an owner with 1,000,000 bookings ------------------------------------------------------------

# One owner's 1,000,000 bookings, written into the file while no service runs: two-minute bookings back to back in the
# first half of every hour, 15 an hour over about 7.6 years centred on now, so the second half of every hour (the
# :30 slot) stays free to book, and a month holds about 11,000 bookings (the engine benchmark's 10,000). The insert
# trigger's overlap check would cost minutes here, so it is dropped and recreated from its own text inside the one
# transaction, and the rows are checked for overlaps afterwards, which is what it guards.
seed_million() { # database owner
  local db=$1 owner=$2 now first trigger overlaps
  now=$(date -u +%s)
  first=$((now / 3600 * 3600 - 33334 * 3600))
  trigger=$(sqlite3 "$db" "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'bookings_no_overlap_on_insert';")
  [ -n "$trigger" ] || { echo "no trigger bookings_no_overlap_on_insert in the schema: the seed needs updating" >&2; exit 1; }
  sqlite3 "$db" <<SQL
PRAGMA cache_size = -262144;
BEGIN;
DROP TRIGGER bookings_no_overlap_on_insert;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999)
INSERT INTO bookings (id, owner_id, meeting_type, invitee, start_utc, end_utc, status, created_at,
                      blocked_start_utc, blocked_end_utc, invitee_key)
SELECT printf('seed%07d', i), '$owner', 'call', printf('seed %07d', i), s, s + 120, 'active', $now, s, s + 120,
       printf('name:seed %07d', i)
FROM (SELECT i, $first + (i / 15) * 3600 + (i % 15) * 120 AS s FROM n);
$trigger;
UPDATE owners SET schedule_version = schedule_version + 1 WHERE id = '$owner';
COMMIT;
SQL
  overlaps=$(sqlite3 "$db" "SELECT count(*) FROM (SELECT blocked_start_utc < lag(blocked_end_utc) OVER (ORDER BY blocked_start_utc) AS o
                            FROM bookings WHERE owner_id = '$owner' AND holds_time) WHERE o;")
  [ "$overlaps" = 0 ] || { echo "the seeded bookings overlap ($overlaps)" >&2; exit 1; }
}

million_phase() {
  local db=$work/million.db started count empty big ok=1 from to url cold
  say "SQLite, 1,000,000 bookings: creating two owners, then seeding one with the service stopped"
  start_service million-setup "ConnectionStrings__Booking=Data Source=$db"
  v1_owner "$base" big0
  v1_owner "$base" empty0
  stop "$service_pid"
  started=$(date +%s)
  seed_million "$db" big0
  count=$(sqlite3 "$db" "SELECT count(*) FROM bookings WHERE owner_id = 'big0';")
  note "seeded $count bookings for one owner in $(($(date +%s) - started)) s"
  start_service million "ConnectionStrings__Booking=Data Source=$db"

  # 7. A month's search of that owner (about 11,000 bookings in it, every :30 slot free): warm (the same search again
  # and again, cache hits), then cold (after a booking). The bookings of 7 and 6 come after the month is measured.
  local first_free=$(($(epoch_of_day 1) + 1800)) # tomorrow 00:30 UTC, the first free slot booked
  from=$(day 60) to=$(day 90)
  url="$base/v1/owners/big0/meeting-types/call/slots?from=$from&to=$to"
  curl -fsS -o "$work/month" "$url"
  say "7. month search ($(grep -o '"start_utc"' "$work/month" | wc -l) slots, $(wc -c <"$work/month") B): warm, wrk -t1 -c1 for ${half} s"
  run_wrk "$work/wrk-month" -t1 -c1 "$url"
  answers_ok "$work/wrk-month" "7. warm month search" || ok=0
  row "7a. month search, owner with 1,000,000 bookings, warm (cache hit), p50" "$(p50_ms "$work/wrk-month") ms" - - "< 1 ms" \
    "$(meets "$(p50_ms "$work/wrk-month")" "<" 1 "$ok")"
  say "7. month search, cold: 30 times a booking (tomorrow's :30 slots) then the search"
  node bench/perf/cold-search.mjs "$base" big0 call "$from" "$to" "$first_free" 3600 30 >"$work/cold" 2>&1 \
    || { cat "$work/cold" >&2; exit 1; }
  note "7. $(cat "$work/cold")"
  cold=$(awk '{print $5}' "$work/cold")
  row "7b. month search, owner with 1,000,000 bookings, cold (after a booking), p50" "$cold ms" - - "< 20 ms" "$(meets "$cold" "<" 20)"

  # 6. One client booking free :30 slots one after the other, after those of 7, for each owner in turn: the empty owner,
  # big0, big0, the empty owner.
  say "6. sequential bookings (wrk -t1 -c1), the two owners alternately, ${half} s each run, after 2 s of warm-up"
  ok=1
  # The service restarted after the seed: let the booking path be compiled before either owner is timed.
  wrk -t1 -c1 -d2s -s bench/perf/book.lua "$base" -- empty 1 "$((first_free + 20000 * 3600))" 3600 1 w >/dev/null
  book "$work/empty1" 1 1 "$base" empty 1 "$((first_free + 48 * 3600))" 3600 e 0
  book "$work/big1" 1 1 "$base" big 1 "$((first_free + 48 * 3600))" 3600 b 0
  book "$work/big2" 1 1 "$base" big 1 "$((first_free + 48 * 3600))" 3600 b "$(booking_field next "$work/big1")"
  book "$work/empty2" 1 1 "$base" empty 1 "$((first_free + 48 * 3600))" 3600 e "$(booking_field next "$work/empty1")"
  bookings_ok "6. bookings of the empty owner" "$work/empty1" "$work/empty2" || ok=0
  bookings_ok "6. bookings of the owner with 1,000,000 bookings" "$work/big1" "$work/big2" || ok=0
  empty=$(mean_ms "$(p50_ms "$work/empty1")" "$(p50_ms "$work/empty2")")
  big=$(mean_ms "$(p50_ms "$work/big1")" "$(p50_ms "$work/big2")")
  note "6. sequential bookings: $(booking_field booked "$work/empty1" "$work/empty2") for the empty owner, $(booking_field booked "$work/big1" "$work/big2") for the owner with 1,000,000; p50 is the mean of each owner's two runs"
  row "6. booking p50, owner with 1,000,000 bookings / empty owner (SQLite, one client)" "$big ms" "$empty ms" \
    "$(ratio "$big" "$empty")" "<= 1.5" "$(meets "$(ratio "$big" "$empty")" "<=" 1.5 "$ok")"
  stop "$service_pid"
}

# --- Figures 4, 5 and 9: PostgreSQL ----------------------------------------------------------------------------------

psql_() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U agenda -v ON_ERROR_STOP=1 -qtA "$@"; }

# pgbench inserting one row per transaction under an exclusion constraint like the bookings', ranges from a sequence.
pgbench_tps() { # clients threads output
  "$pg_bin/pgbench" -n -M prepared -c "$1" -j "$2" -T "${run_seconds:-$half}" -f "$work/insert.sql" -h 127.0.0.1 -p "$pg_port" -U agenda ceiling \
    >"$3" 2>&1 || { cat "$3" >&2; exit 1; }
  tps_of "$3"
}
tps_of() { awk '/^tps = / {printf "%.0f", $3}' "$1"; } # from a pgbench output
pgbench_latency() { awk '/^latency average = / {printf "%.3f", $4}' "$1"; } # ms, from a pgbench output
pgbench_ok() { # output what: pgbench 15 counts transactions that failed
  local failed
  failed=$(awk '/^number of failed transactions:/ {print $5}' "$1")
  [ "${failed:-0}" = 0 ] || note "$2: pgbench saw $failed failed transactions"
}

# One PostgreSQL booking figure and its pgbench ceiling, alternately (figure, ceiling, ceiling, figure), on node A:
# wrk outputs $work/<name>-1 and -2, pgbench outputs $work/pgbench-<name>-1 and -2. Checks every answer (clears ok
# otherwise) and that the bookings stored where <stored-where> are those answered 201.
pg_side_by_side() { # name what wrk-threads wrk-connections owner-prefix owners pgbench-clients pgbench-threads stored-where
  local name=$1 what=$2 threads=$3 connections=$4 prefix=$5 owners=$6 clients=$7 pgbench_threads=$8 where=$9
  book "$work/$name-1" "$threads" "$connections" "$node_a" "$prefix" "$owners" "$(epoch_of_day 1)" 1800 "$prefix" 0
  pgbench_tps "$clients" "$pgbench_threads" "$work/pgbench-$name-1" >/dev/null
  pgbench_tps "$clients" "$pgbench_threads" "$work/pgbench-$name-2" >/dev/null
  book "$work/$name-2" "$threads" "$connections" "$node_a" "$prefix" "$owners" "$(epoch_of_day 1)" 1800 "$prefix" \
    "$(booking_field next "$work/$name-1")"
  pgbench_ok "$work/pgbench-$name-1" "$what: pgbench, $clients clients"
  pgbench_ok "$work/pgbench-$name-2" "$what: pgbench, $clients clients"
  bookings_ok "$what" "$work/$name-1" "$work/$name-2" || ok=0
  check_stored "$what" "$(psql_ -d postgres -c "SELECT count(*) FROM bookings WHERE $where;")" "$work/$name-1" "$work/$name-2"
}

# A throwaway PostgreSQL server with its default durable settings, in a fresh data folder; sets pg_port and pg_connection.
start_postgres() {
  pg_port=$(free_port)
  rm -rf "$pg_data"
  mkdir -p "$pg_data" "$work/pgrun"
  if [ "$(id -u)" = 0 ]; then chown postgres "$pg_data" "$work/pgrun"; chmod 755 "$work"; fi
  as_postgres "$pg_bin/initdb" -D "$pg_data" -A trust -U agenda -E UTF8 --locale=C >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pgrun/server.log" -w start \
    -o "-p $pg_port -k $work/pgrun -c listen_addresses=127.0.0.1 -c max_connections=200" >/dev/null
  pg_connection="Host=127.0.0.1;Port=$pg_port;Username=agenda;Database=postgres"
}

postgres_phase() {
  local node_a node_b measured ceiling ok stored tps1 tps2 warm_from
  say "PostgreSQL: a throwaway server, two service nodes"
  start_postgres
  local cs=$pg_connection
  start_service pg-a Storage__Provider=Postgres "ConnectionStrings__Booking=$cs"
  node_a=$base pid_a=$service_pid
  start_service pg-b Storage__Provider=Postgres "ConnectionStrings__Booking=$cs"
  node_b=$base pid_b=$service_pid
  for i in $(seq 0 31); do v1_owner "$node_a" "pg$i"; done
  v1_owner "$node_a" one0
  v1_owner "$node_a" seq0
  v1_owner "$node_a" warm0
  v1_owner "$node_a" fresh0

  psql_ -d postgres -c "CREATE DATABASE ceiling;" >/dev/null
  psql_ -d ceiling >/dev/null <<'SQL'
CREATE EXTENSION btree_gist;
CREATE SEQUENCE slot_numbers;
CREATE TABLE slots (
    id        bigserial PRIMARY KEY,
    owner_id  text   NOT NULL,
    start_utc bigint NOT NULL,
    end_utc   bigint NOT NULL,
    EXCLUDE USING gist (owner_id WITH =, int8range(start_utc, end_utc) WITH &&)
);
SQL
  # Client c inserts for owner c (mod 32); the sequence keeps every range apart.
  echo "INSERT INTO slots (owner_id, start_utc, end_utc) SELECT 'owner-' || (:client_id % 32), n * 1800, n * 1800 + 1800 FROM nextval('slot_numbers') AS n;" \
    >"$work/insert.sql"

  # 4. 32 clients over 32 owners, against pgbench at 32 clients.
  say "4. PostgreSQL bookings: wrk -t2 -c32 over 32 owners and pgbench -c32 alternately, ${half} s each run, after $((pg_warmup + 5)) s of warm-up"
  ok=1
  # Warm-up: figures 4 and 5's own bookings, for their own owners, on dates far after the measured ones, so that the
  # code is compiled and the owners have bookings, then statistics as autovacuum keeps them on a database in service.
  # (On a fresh database autovacuum first analyzes a table about a minute after it fills; until then the planner,
  # believing the bookings table empty, may read an owner's bookings through the wrong index.) The JIT compiles the
  # booking path again with what it has seen (tier 1) for 20-60 s under this load, taking a third of the service's CPU
  # meanwhile; PG_WARMUP (default 40 s) lets it finish, as in a service that has been running for a minute.
  warm_from=$(epoch_of_day 700)
  run_seconds=$pg_warmup book "$work/warm" 2 32 "$node_a" pg 32 "$warm_from" 1800 w 0
  run_seconds=3 book "$work/warm" 2 8 "$node_a" one 1 "$warm_from" 1800 w 0
  run_seconds=2 pgbench_tps 32 2 "$work/pgbench-warm" >/dev/null
  psql_ -d postgres -c "ANALYZE;" >/dev/null
  pg_side_by_side pg32 "4. PostgreSQL bookings, 32 owners" 2 32 pg 32 32 2 "owner_id ~ '^pg[0-9]+\$' AND start_utc < $warm_from"
  ceiling=$(mean "$(tps_of "$work/pgbench-pg32-1")" "$(tps_of "$work/pgbench-pg32-2")")
  measured=$(mean "$(rps "$work/pg32-1")" "$(rps "$work/pg32-2")")
  row "4. PostgreSQL bookings/s, 32 clients over 32 owners / pgbench exclusion-constraint inserts/s, 32 clients" \
    "$(per_s "$measured")" "$(per_s "$ceiling")" "$(ratio "$measured" "$ceiling")" ">= 0.5" \
    "$(meets "$(ratio "$measured" "$ceiling")" ">=" 0.5 "$ok")"

  # 5. 8 clients on one owner, against pgbench at 1 client.
  say "5. PostgreSQL bookings: wrk -t2 -c8 on one owner and pgbench -c1 alternately, ${half} s each run"
  ok=1
  pg_side_by_side pg1 "5. PostgreSQL bookings, one owner" 2 8 one 1 1 1 "owner_id = 'one0' AND start_utc < $warm_from"
  ceiling=$(mean "$(tps_of "$work/pgbench-pg1-1")" "$(tps_of "$work/pgbench-pg1-2")")
  measured=$(mean "$(rps "$work/pg1-1")" "$(rps "$work/pg1-2")")
  row "5. PostgreSQL bookings/s, 8 clients on one owner / pgbench inserts/s, 1 client" \
    "$(per_s "$measured")" "$(per_s "$ceiling")" "$(ratio "$measured" "$ceiling")" ">= 0.5" \
    "$(meets "$(ratio "$measured" "$ceiling")" ">=" 0.5 "$ok")"

  # 5b. One client booking one owner's slots one after another, each waiting for the one before: its p50 against
  # pgbench's one-client insert latency (one statement and its commit, no HTTP).
  say "5b. PostgreSQL booking p50: wrk -t1 -c1 on one owner and pgbench -c1 alternately, ${half} s each run"
  ok=1
  pg_side_by_side seq "5b. PostgreSQL bookings, one client" 1 1 seq 1 1 1 "owner_id = 'seq0'"
  measured=$(mean_ms "$(p50_ms "$work/seq-1")" "$(p50_ms "$work/seq-2")")
  ceiling=$(mean_ms "$(pgbench_latency "$work/pgbench-seq-1")" "$(pgbench_latency "$work/pgbench-seq-2")")
  note "5b. one client: $(booking_field booked "$work/seq-1" "$work/seq-2") bookings, p50 $(p50_ms "$work/seq-1") and $(p50_ms "$work/seq-2") ms, p99 $(p99_ms "$work/seq-1") and $(p99_ms "$work/seq-2") ms"
  row "5b. PostgreSQL booking p50, one client booking one owner's slots one after another / pgbench insert latency, 1 client" \
    "$measured ms" "$ceiling ms" "$(ratio "$measured" "$ceiling")" "p50 < 1 ms" "$(meets "$measured" "<" 1 "$ok")"

  # 9. A booking answered by node A, seen by node B's (cached) search.
  say "9. cross-node freshness: 200 bookings on node A, node B's search polled after each"
  node bench/perf/freshness.mjs "$node_a" "$node_b" fresh0 call "$(day 2)" 200 >"$work/fresh" 2>&1 || { cat "$work/fresh" >&2; exit 1; }
  note "9. $(cat "$work/fresh")"
  local p50 p99
  p50=$(awk '{print $3}' "$work/fresh") p99=$(awk '{print $5}' "$work/fresh")
  ok=1
  grep -q 'still offered' "$work/fresh" && ok=0
  row "9. cross-node freshness on PostgreSQL, 201 from node A to node B's search (200 bookings)" "p50 $p50 ms, p99 $p99 ms" - - \
    "p99 <= 50 ms" "$(meets "$p99" "<=" 50 "$ok")"
  stop "$pid_b"
  stop "$pid_a"
  stop_postgres
}

# --- Figure 8: the engine ------------------------------------------------------------------------------------------

engine_phase() {
  say "8. engine: BenchmarkDotNet MonthSearchBenchmarks, short job (about 2 minutes)"
  dotnet run -c Release --project bench/Agenda.Benchmarks -- --filter '*MonthSearch*' --job short --exporters json \
    --artifacts "$work/bdn" >"$work/bdn.log" 2>&1 || { tail -n 30 "$work/bdn.log" >&2; exit 1; }
  local report mean buffer
  report=$(ls "$work"/bdn/results/*MonthSearch*-report-full*.json | head -n 1)
  for buffer in 0 2; do
    mean=$(node -e 'const r = require(process.argv[1]); const b = r.Benchmarks.find(b => b.Parameters === process.argv[2]);
                    console.log((b.Statistics.Mean / 1000).toFixed(1))' "$report" "Bookings=10000&Buffer=$buffer")
    row "8$([ "$buffer" = 0 ] && echo a || echo b). engine: a month of slots with 10,000 bookings$([ "$buffer" = 0 ] || echo ", 2-minute buffers") (BenchmarkDotNet mean)" \
      "$mean us" - - "< 100 us" "$(meets "$mean" "<" 100)"
  done
}

for phase in sqlite million postgres kinds engine; do
  if [[ $phases == *" $phase "* ]]; then "${phase}_phase"; fi
done
if [ "$services_seen" -gt 0 ]; then
  row "10. process memory: peak RSS (VmHWM) of the $services_seen service processes" "$((peak_kib / 1024)) MiB ($peak_of)" - - \
    "<= 300 MiB" "$(meets "$((peak_kib / 1024))" "<=" 300)"
fi

# --- The table ---------------------------------------------------------------------------------------------------------

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain -- src bench 2>/dev/null)" ] || commit="$commit with uncommitted changes"
machine="$(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, \
$(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --list-runtimes | awk '/^Microsoft.NETCore.App 10\./ {v = $2} END {print v}') \
(SDK $(dotnet --version)), $(date -u '+%Y-%m-%d %H:%M UTC'); load average $load_at_start at the start, $(cut -d' ' -f1 /proc/loadavg) at the end"
{
  echo "Commit $commit, SECONDS_PER_RUN=$secs, $(( ($(date +%s) - started_at) / 60 )) min $(( ($(date +%s) - started_at) % 60 )) s."
  echo
  echo "| figure | measured | ceiling | ratio | target | met |"
  echo "| --- | ---: | ---: | ---: | --- | --- |"
  sort -V "$rows" | awk -F'|' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }'
  echo
  echo "Machine: $machine."
  echo
  sed 's/^/- /' "$notes"
} >"$work/table.md"
cp "$work/table.md" bench/perf/last-run.md
echo
cat "$work/table.md"
