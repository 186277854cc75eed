#!/usr/bin/env bash
# The test command of README: installs what the tests use and this machine lacks (Debian packages, with apt-get),
# then runs `dotnet test` with any arguments given (for example --filter ...). Safe to run again: it installs only
# what is missing.
#   PostgreSQL  the storage and HTTP tests start a throwaway server from its binaries (initdb, pg_ctl)
#   chromium    the booking page and console tests drive Debian's chromium with Playwright (never a downloaded browser)
#   radicale    the calendar tests talk CalDAV to a radicale their fixture starts
#   Node.js     the OpenAPI lint test runs Redocly CLI (pinned in tools/openapi) with npm; the single sign-on tests run
#               a real OpenID Connect provider (oidc-provider, pinned in tools/oidc-provider) with node
#   curl        a test runs README's examples with bash and curl
#   python3     (optional) prints the time per test project and the slowest test classes afterwards
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/lib/chromium/chromium ] || missing+=(chromium)
command -v radicale >/dev/null 2>&1 || missing+=(radicale)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v curl >/dev/null 2>&1 || missing+=(curl)

if [ ${#missing[@]} -gt 0 ]; then
  sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  echo "Installing what the tests need: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# As root, the PostgreSQL fixture runs the server as the postgres user (initdb refuses to run as root).
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

# Each test project's results go to TestResults/ (TRX), and the time per project and the slowest test classes are
# printed at the end, so a slower suite shows in every CI log.
results="$PWD/TestResults"
rm -rf "$results"
status=0
dotnet test --logger trx --results-directory "$results" "$@" || status=$?
if command -v python3 >/dev/null 2>&1; then
  python3 tools/test-timings/summarize.py "$results" 15 || true
fi
exit "$status"
