# ./prefix bench <clients|edge|updater|api|all> — measured side by side with a reference in the same
# run; results appended to bench/results/<date>-<target>.md with the machine description.

run_bench() {
  local target="${1:-all}"
  case "$target" in
    clients) run_clients_bench ;;
    edge) source "$ROOT/bench/edge/edge.sh"; run_edge_bench ;;
    updater) source "$ROOT/bench/updater/updater.sh"; run_updater_bench ;;
    # Each part in its own subshell (its own EXIT trap stops the servers it started); separate
    # statements, not `a && b`, so set -e stays in force inside them.
    all)
      (run_clients_bench)
      (source "$ROOT/bench/edge/edge.sh"; run_edge_bench)
      (source "$ROOT/bench/updater/updater.sh"; run_updater_bench)
      ;;
    api) die "bench api is not built yet (it arrives with its issue); available now: clients, edge, updater" ;;
    *) die "usage: ./prefix bench <clients|edge|updater|api|all>" ;;
  esac
}

run_clients_bench() {
  ensure_installed
  build_solution

  local work redis_port clickhouse_port redis_pid clickhouse_pid
  work=$(mktemp -d /tmp/prefix-bench.XXXXXX)
  redis_port=$(free_port)
  clickhouse_port=$(free_port)
  redis_pid=$(start_redis "$work/redis" "$redis_port")
  clickhouse_pid=$(start_clickhouse "$work/clickhouse" "$clickhouse_port")
  # shellcheck disable=SC2064
  trap "stop_pid $redis_pid; stop_pid $clickhouse_pid; rm -rf '$work'" EXIT

  dotnet "$ROOT/bench/Prefix.Bench/bin/Release/net10.0/Prefix.Bench.dll" clients \
    --redis "127.0.0.1:$redis_port" --clickhouse "http://127.0.0.1:$clickhouse_port/" --out "$ROOT/bench/results"
}
