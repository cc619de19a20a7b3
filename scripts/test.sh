#!/usr/bin/env bash
# Runs every Aulario test on a fresh machine: installs what the tests need (Debian: postgresql, chromium;
# npm: maildev, oidc-provider in tools/), starts one PostgreSQL cluster for the whole run, runs the solution's tests,
# and prints one closing line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need_apt=()
command -v pg_config >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# (Re)install when node_modules is missing or was installed from another lock file (a tool was added since).
if [ -f tools/package.json ] && ! cmp -s tools/package-lock.json tools/node_modules/.aulario-installed-lock.json; then
  echo "== installing npm test tools (tools/)"
  (cd tools && npm ci --no-audit --no-fund --silent && cp package-lock.json node_modules/.aulario-installed-lock.json)
fi

pgdir=$(mktemp -d /tmp/aulario-pg.XXXXXX)
rmdir "$pgdir"
port=$(( 20000 + RANDOM % 20000 ))
export AULARIO_TEST_PG=$(bash scripts/pg-cluster.sh start "$pgdir" "$port")
export AULARIO_CHROMIUM=$(command -v chromium)
# Many in-process test hosts: do not let each one watch appsettings files (inotify instances are limited).
export DOTNET_hostBuilder__reloadConfigOnChange=false
# ... nor watch wwwroot with inotify (PhysicalFileProvider polls instead).
export DOTNET_USE_POLLING_FILE_WATCHER=true
trap 'bash scripts/pg-cluster.sh stop "$pgdir"; rm -rf "$pgdir"' EXIT
echo "== PostgreSQL test cluster at port $port"

results=$(mktemp -d /tmp/aulario-results.XXXXXX)
set +e
dotnet test Aulario.slnx --blame-hang-timeout 10m --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false 2>&1 | tee "$results/console.log" | grep -vE '^\s*$' | grep -vE '^(  Determining|  All projects|  Restored)'
status=${PIPESTATUS[0]}
set -e

passed=0; failed=0; skipped=0
for f in "$results"/*.trx; do
  [ -f "$f" ] || continue
  line=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$line"); fl=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$line")
  nx=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${fl:-0})); skipped=$((skipped + ${nx:-0}))
done
echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then echo "no test ran"; exit 1; fi
exit $status
