# ./prefix test — installs, builds, starts a disposable Redis and ClickHouse on free loopback ports,
# runs every test project against them, and ends with the line `tests: N passed, N failed`.
# Tests that must kill a server (reconnect, fault tests) start private servers of their own.

run_tests() {
  ensure_installed docker-compose
  build_solution

  local work results
  work=$(mktemp -d /tmp/prefix-test.XXXXXX)
  results="$STATE/test-results/$(date -u +%Y%m%dT%H%M%S)"
  mkdir -p "$results"
  local redis_port clickhouse_port redis_pid clickhouse_pid
  redis_port=$(free_port)
  clickhouse_port=$(free_port)
  log "starting disposable redis (:$redis_port) and clickhouse (:$clickhouse_port)"
  redis_pid=$(start_redis "$work/redis" "$redis_port")
  clickhouse_pid=$(start_clickhouse "$work/clickhouse" "$clickhouse_port")
  # shellcheck disable=SC2064 # expand now: the pids are known now.
  trap "stop_pid $redis_pid; stop_pid $clickhouse_pid; rm -rf '$work'" EXIT

  export PREFIX_TEST_REDIS="127.0.0.1:$redis_port"
  export PREFIX_TEST_CLICKHOUSE="http://127.0.0.1:$clickhouse_port/"
  export PREFIX_REPO_ROOT="$ROOT"
  export PREFIX_DATA_DIR="$STATE/data/node_modules"

  local project name crashed=0 rc
  # One project at a time: fault tests kill and restart servers and time outages, which a
  # second test assembly hammering the same two cores would make flaky.
  for project in "$ROOT"/tests/*.Tests/*.Tests.csproj; do
    name=$(basename "$project" .csproj)
    log "testing $name"
    rc=0
    dotnet test "$project" -c Release --no-build --nologo -v quiet \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || rc=$?
    if [ $rc -ne 0 ] && ! grep -q ' failed="[1-9]' "$results/$name.trx" 2>/dev/null; then
      echo "prefix: $name exited with $rc without reporting a failed test (crash or build problem)" >&2
      crashed=$((crashed + 1))
    fi
  done

  local passed failed
  passed=$(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}')
  failed=$(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}')
  failed=$((failed + crashed))
  echo "test results: $results" >&2
  echo "tests: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}
