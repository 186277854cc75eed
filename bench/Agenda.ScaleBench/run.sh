#!/usr/bin/env bash
# The scale table of docs/benchmarks.md: the service at 100,000 owners and 10,000,000 bookings against itself at 100
# owners, on SQLite and PostgreSQL, in one run (about 40 minutes on 2 cores; the databases need about 10 GB of disk).
# Usage: bench/Agenda.ScaleBench/run.sh [sqlite|postgres|both] [owners] [bookings]
# Needs the .NET SDK and PostgreSQL's server binaries (the fixture of tests/Agenda.Testing starts a throwaway server).
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release src/Agenda.Api -v quiet -nologo
dotnet build -c Release bench/Agenda.ScaleBench -v quiet -nologo
dotnet bench/Agenda.ScaleBench/bin/Release/net10.0/Agenda.ScaleBench.dll "${1:-both}" "${2:-100000}" "${3:-10000000}" \
  "$(pwd)/src/Agenda.Api/bin/Release/net10.0/Agenda.Api.dll" | tee bench/Agenda.ScaleBench/last-run.md
