#!/usr/bin/env bash
# Starts the service in Release on a throwaway SQLite file on a loopback port, runs load.mjs
# against it, and stops it. Usage: bench/load/run.sh [seconds-per-phase] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/../.."

port=5181
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT

dotnet build -c Release src/Agenda.Api -v quiet -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
ConnectionStrings__Booking="Data Source=$data/agenda.db" \
  dotnet src/Agenda.Api/bin/Release/net10.0/Agenda.Api.dll --urls "http://127.0.0.1:$port" &
server=$!

for _ in $(seq 1 50); do
  curl -fs "http://127.0.0.1:$port/openapi/v1.json" >/dev/null 2>&1 && break
  sleep 0.2
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version)"
node bench/load/load.mjs "http://127.0.0.1:$port" "${1:-10}" "${2:-32}"
