# ./prefix bench updater — sourced by scripts/bench.sh (after scripts/common.sh). See bench/updater/README.md.
#
# Everything runs on this machine: a private Redis and ClickHouse, the fake feed host (bench/Feed.FakeHost,
# 1,000,000 synthetic feeds on loopback) and the updater, exactly as built. Phases (the driver is
# bench/Prefix.Bench/Updater):
#   1. import: the fake host's feed list streamed into POST /v1/feeds/import (updater with scheduling off);
#   2. spread: RATE × CYCLE feeds made due evenly over one cycle, the rest a day out (updater stopped);
#   3. measure: the updater restarted with scheduling on and a one-cycle tier, so the working set keeps falling
#      due at RATE/s; after a warm-up (first polls parse everything) polls/s, dispatch lag, CPU, memory and
#      change → notification latency are measured;
#   4. parse: parser speed on the fake host's documents; then the report goes to bench/results.
# Every process started here is stopped on exit, also on failure or Ctrl-C.

UPDATER_BENCH_FEEDS=${PREFIX_BENCH_FEEDS:-1000000}
UPDATER_BENCH_RATE=${PREFIX_BENCH_RATE:-1200}            # feeds falling due per second in the measure phase
UPDATER_BENCH_CYCLE=${PREFIX_BENCH_CYCLE:-60}            # seconds between two polls of one feed (the tier)
UPDATER_BENCH_WARMUP=${PREFIX_BENCH_WARMUP:-300}          # at most; the warm-up ends after the first cycle
UPDATER_BENCH_MEASURE=${PREFIX_BENCH_MEASURE:-120}

_ub_pids=()
_ub_work=""
_ub_cleanup() {
  local i
  for ((i = ${#_ub_pids[@]} - 1; i >= 0; i--)); do stop_pid "${_ub_pids[i]}"; done
  [ -n "$_ub_work" ] && rm -rf "$_ub_work"
  return 0
}

_ub_driver() {
  dotnet "$ROOT/bench/Prefix.Bench/bin/Release/net10.0/Prefix.Bench.dll" updater --out "$ROOT/bench/results" \
    --state "$_ub_work/results.json" --updater "http://127.0.0.1:$_ub_updater_port/" --admin-key "$_ub_key" \
    --fakehost "http://127.0.0.1:$_ub_fake_port/" --redis "127.0.0.1:$_ub_redis_port" --feeds "$UPDATER_BENCH_FEEDS" \
    --rate "$UPDATER_BENCH_RATE" --cycle-seconds "$UPDATER_BENCH_CYCLE" --warmup-seconds "$UPDATER_BENCH_WARMUP" \
    --measure-seconds "$UPDATER_BENCH_MEASURE" --updater-pid "${_ub_updater_pid:-0}" "$@"
}

# _ub_start_updater SCHEDULING(true|false) → sets _ub_updater_pid
_ub_start_updater() {
  local scheduling=$1 cycle="00:00:$UPDATER_BENCH_CYCLE"
  [ "$UPDATER_BENCH_CYCLE" -ge 60 ] && cycle=$(printf '00:%02d:%02d' $((UPDATER_BENCH_CYCLE / 60)) $((UPDATER_BENCH_CYCLE % 60)))
  (cd "$ROOT/src/Feed.Updater" && exec setsid env \
    Redis__EndPoint="127.0.0.1:$_ub_redis_port" ClickHouse__Url="http://127.0.0.1:$_ub_clickhouse_port/" \
    ClickHouse__Database=prefix Auth__AdminKey="$_ub_key" DOTNET_gcServer=0 \
    Updater__Fetching__AllowLoopback=true \
    Updater__Scheduling__Enabled="$scheduling" \
    Updater__Scheduling__ActiveInterval="$cycle" Updater__Scheduling__RecentInterval="$cycle" \
    Updater__Scheduling__QuietInterval="$cycle" Updater__Scheduling__IdleInterval="$cycle" \
    Updater__Scheduling__MinInterval=00:00:10 \
    Updater__Scheduling__HostOverrides__127.0.0.1__Concurrency=100000 \
    Updater__Scheduling__HostOverrides__127.0.0.1__RatePerSecond=1000000 \
    Updater__Scheduling__MaxConcurrentPolls=1000 Updater__Scheduling__ClaimBatch=1000 \
    Updater__Fetching__MaxConnectionsPerServer=1000 \
    Updater__Probing__Enabled=false \
    dotnet bin/Release/net10.0/Feed.Updater.dll --urls "http://127.0.0.1:$_ub_updater_port" \
    >> "$_ub_work/updater.log" 2>&1) &
  _ub_updater_pid=$!
  _ub_pids+=("$_ub_updater_pid")
  wait_until 60 updater curl -fsS "http://127.0.0.1:$_ub_updater_port/healthz" || die "updater did not start (see $_ub_work/updater.log)"
  # The dotnet process is the child of the subshell's exec: same pid.
}

run_updater_bench() {
  ensure_installed
  build_solution
  trap _ub_cleanup EXIT INT TERM
  _ub_work=$(mktemp -d /tmp/prefix-bench-updater.XXXXXX)
  _ub_redis_port=$(free_port); _ub_clickhouse_port=$(free_port); _ub_fake_port=$(free_port); _ub_updater_port=$(free_port)
  _ub_key="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  _ub_pids+=("$(start_redis "$_ub_work/redis" "$_ub_redis_port")")
  _ub_pids+=("$(start_clickhouse "$_ub_work/clickhouse" "$_ub_clickhouse_port")")
  dotnet "$ROOT/src/Prefix.Migrate/bin/Release/net10.0/Prefix.Migrate.dll" --clickhouse "http://127.0.0.1:$_ub_clickhouse_port/" \
    --database prefix --migrations "$ROOT/deploy/clickhouse/migrations" >&2 || die "migrations failed"

  log "fake feed host: $UPDATER_BENCH_FEEDS feeds on :$_ub_fake_port"
  (exec setsid dotnet "$ROOT/bench/Feed.FakeHost/bin/Release/net10.0/Feed.FakeHost.dll" --port "$_ub_fake_port" \
    --feed-count "$UPDATER_BENCH_FEEDS" --poll-interval "${UPDATER_BENCH_CYCLE}s" --change-fraction 0.10 \
    >> "$_ub_work/fakehost.log" 2>&1) &
  _ub_pids+=("$!")
  wait_until 30 fakehost curl -fsS "http://127.0.0.1:$_ub_fake_port/healthz" || die "fake host did not start (see $_ub_work/fakehost.log)"

  log "phase 1: import $UPDATER_BENCH_FEEDS feeds (scheduling off)"
  _ub_start_updater false
  _ub_driver --phase import || die "import phase failed"
  stop_pid "$_ub_updater_pid"

  log "phase 2: spread the due times ($UPDATER_BENCH_RATE/s over ${UPDATER_BENCH_CYCLE}s)"
  _ub_driver --phase spread || die "spread phase failed"

  log "phase 3: poll (warm-up ${UPDATER_BENCH_WARMUP}s, measure ${UPDATER_BENCH_MEASURE}s)"
  _ub_start_updater true
  _ub_driver --phase measure || die "measure phase failed"

  log "phase 4: parser speed"
  _ub_driver --phase parse || die "parse phase failed"
  _ub_driver --phase report
}
