# ./prefix bench edge — sourced by scripts/bench.sh (after scripts/common.sh). See bench/edge/README.md.
#
# 1. Redirects: wrk (1 thread, core 1) against nginx `return 302` + access log, then against the edge
#    with recording on, each server alone on core 0. Per server: warm-up, full load (closed loop, peak),
#    a short pacing calibration, then 50% of that server's own peak (wrk delay() pacing).
# 2. Ingest: the hits the edge shipped to the Redis Stream (topped up to N with copies under fresh ids),
#    then Attribution.Api's ingest into ClickHouse, timed until `SELECT count() FROM prefix.hits` = N.
# Every process started here is stopped on exit, also on failure or Ctrl-C.

EDGE_BENCH_DIR="$ROOT/bench/edge"
EDGE_SECONDS=${PREFIX_BENCH_SECONDS:-12}                # one measurement
# .NET compiles in tiers and re-optimises hot code with profile data: a fresh edge runs at about half its
# steady speed for its first ~20 s under load, so it is warmed longer than nginx (which needs none).
EDGE_WARMUP=${PREFIX_BENCH_EDGE_WARMUP:-25}
EDGE_CONNECTIONS=${PREFIX_BENCH_CONNECTIONS:-64}        # wrk connections (1 thread)
EDGE_INGEST_HITS=${PREFIX_BENCH_INGEST_HITS:-1000000}   # N for the ingest measurement
EDGE_INGEST_TIMEOUT=${PREFIX_BENCH_INGEST_TIMEOUT:-120} # seconds the ingest may take before we give up
EDGE_PATH='/e/cdn.example.com/show/episode-123.mp3?x=1'
EDGE_UA='AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4_1 like Mac OS X; en_us)'
EDGE_STREAM='prefix:hits'
EDGE_SERVER_CORE=0
EDGE_CLIENT_CORE=1

_edge_pids=()
_edge_work=""
_edge_cleanup() {
  local i
  for ((i = ${#_edge_pids[@]} - 1; i >= 0; i--)); do stop_pid "${_edge_pids[i]}"; done
  [ -n "$_edge_work" ] && rm -rf "$_edge_work"
  return 0
}

_now_ns() { date +%s%N; }
# _kv LINE KEY → the value of KEY=value in a WRKRESULT line
_kv() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<< "$1"; }
# CPU time (clock ticks, all threads) of the given pids, summed
_cpu_ticks() {
  local pid total=0 t
  for pid in "$@"; do
    t=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}') || t=0
    total=$((total + ${t:-0}))
  done
  echo "$total"
}
_xlen() { redis-cli -p "$_edge_redis_port" XLEN "$EDGE_STREAM"; }
_ch() { curl -fsS "http://127.0.0.1:$_edge_clickhouse_port/" --data-binary "$1"; }

# "busy total" jiffies of one core, from /proc/stat
_core_ticks() { awk -v c="cpu$1" '$1 == c { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }

# _wrk URL SECONDS PACE_MS CONNECTIONS SERVER_PIDS... → a WRKRESULT line plus cpu_pct= (server CPU, % of
# one core) and other_pct= (what everything else used of the server's core meanwhile: contention).
_wrk() {
  local url=$1 seconds=$2 pace=$3 connections=$4; shift 4
  local before after start end out line core_before core_after
  before=$(_cpu_ticks "$@"); core_before=$(_core_ticks "$EDGE_SERVER_CORE"); start=$(_now_ns)
  out=$(PACE_MS=$pace taskset -c "$EDGE_CLIENT_CORE" wrk -t1 -c"$connections" -d"${seconds}s" --timeout 5s \
    -s "$EDGE_BENCH_DIR/wrk.lua" -H "User-Agent: $EDGE_UA" -H "X-Forwarded-For: 8.8.8.8" -H "Accept: */*" "$url" 2>&1) \
    || die "wrk failed: $out"
  end=$(_now_ns); after=$(_cpu_ticks "$@"); core_after=$(_core_ticks "$EDGE_SERVER_CORE")
  line=$(grep '^WRKRESULT' <<< "$out") || die "wrk printed no result line: $out"
  local errors; errors=$(_kv "$line" errors)
  [ "$(_kv "$line" non2xx3xx)" = 0 ] || die "wrk saw error statuses against $url: $line"
  local cpu other
  cpu=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v ns=$((end - start)) 'BEGIN { printf "%.0f", 100 * t / hz / (ns / 1e9) }')
  other=$(awk -v b="$core_before" -v a="$core_after" -v own="$cpu" 'BEGIN {
    split(b, x, " "); split(a, y, " "); t = y[2] - x[2]; o = (t > 0 ? 100 * (y[1] - x[1]) / t : 0) - own
    printf "%.0f", (o < 0 ? 0 : o) }')
  echo "$line cpu_pct=$cpu other_pct=$other connections=$connections pace_ms=$pace socket_errors=$errors"
}

# _measure NAME URL WARM_SECONDS SERVER_PIDS... → sets R_FULL and R_HALF (WRKRESULT lines).
# Full load: EDGE_CONNECTIONS connections, closed loop (each sends its next request as soon as the answer
# is in): the server's peak. 50% load: an open-ish, paced load at half of that peak. wrk's delay() has
# whole-millisecond timers, so each connection runs at about one request per 10 ms and the number of
# connections carries the rate (target × 10 ms); a 3 s calibration run measures the real period
# (timer rounding + latency) and the pace is corrected once: rate = C / (pace + overhead).
_measure() {
  local name=$1 url=$2 warm=$3; shift 3
  local line peak target pace0 rate overhead connections pace
  log "$name: warm-up ${warm}s"
  line=$(_wrk "$url" "$warm" 0 "$EDGE_CONNECTIONS" "$@"); _count "$name" "$line"
  log "$name: full load ${EDGE_SECONDS}s ($EDGE_CONNECTIONS connections, closed loop)"
  R_FULL=$(_wrk "$url" "$EDGE_SECONDS" 0 "$EDGE_CONNECTIONS" "$@"); _count "$name" "$R_FULL"
  peak=$(_kv "$R_FULL" rps)
  log "$name: peak $(_int "$peak") req/s, p99 $(_kv "$R_FULL" p99_us) µs (server CPU $(_kv "$R_FULL" cpu_pct)%, others on its core $(_kv "$R_FULL" other_pct)%)"
  target=$(awk -v p="$peak" 'BEGIN { print p / 2 }')
  connections=$(awk -v t="$target" 'BEGIN { c = int(t * 10 / 1000 + 0.5); if (c < 8) c = 8; print c }')
  pace0=$(awk -v c="$connections" -v t="$target" 'BEGIN { printf "%.3f", 1000 * c / t }')
  line=$(_wrk "$url" 3 "$pace0" "$connections" "$@"); _count "$name" "$line"
  rate=$(_kv "$line" rps)
  # Overhead per request beyond the pace: timer rounding (down to -1 ms) plus latency. Bounded by the
  # calibration run's own mean latency, so a dip in the calibration (a busy machine) cannot zero the pace.
  overhead=$(awk -v c="$connections" -v r="$rate" -v p="$pace0" -v m="$(_kv "$line" mean_us)" \
    'BEGIN { o = 1000 * c / r - p; if (o < -1) o = -1; if (o > m / 1000 + 1) o = m / 1000 + 1; printf "%.3f", o }')
  pace=$(awk -v c="$connections" -v t="$target" -v o="$overhead" 'BEGIN { p = 1000 * c / t - o; if (p < 1) p = 1; printf "%.3f", p }')
  log "$name: 50% load ${EDGE_SECONDS}s (target $(_int "$target") req/s: $connections connections, pace $pace ms)"
  R_HALF=$(_wrk "$url" "$EDGE_SECONDS" "$pace" "$connections" "$@"); _count "$name" "$R_HALF"
  log "$name: $(_int "$(_kv "$R_HALF" rps)") req/s at 50%, p50 $(_kv "$R_HALF" p50_us) µs, p99 $(_kv "$R_HALF" p99_us) µs"
}
_count() {
  _edge_requests[$1]=$(( ${_edge_requests[$1]:-0} + $(_kv "$2" requests) ))
  local other; other=$(_kv "$2" other_pct)
  [ "${other:-0}" -gt "$_edge_max_other" ] && _edge_max_other=$other
  return 0
}

# Waits (at most PREFIX_BENCH_QUIET_WAIT s, default 120) until the machine is quiet: both cores less than
# 15% busy over 2 s. Other work on the cores (builds, tests) is the main source of noise on a 2-core box.
_wait_quiet() {
  local deadline=$((SECONDS + ${PREFIX_BENCH_QUIET_WAIT:-120})) a b busy
  while :; do
    a=$(awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
    sleep 2
    b=$(awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
    busy=$(awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); printf "%.0f", 100 * (y[1] - x[1]) / (y[2] - x[2]) }')
    _edge_idle_busy=$busy
    [ "$busy" -lt 15 ] && return 0
    if [ $SECONDS -ge $deadline ]; then
      log "the machine is still busy (${busy}% of both cores used by other processes): measuring anyway, the report says so"
      return 0
    fi
    log "waiting for a quiet machine (${busy}% of both cores busy with other processes)"
  done
}

_start_nginx() {
  local dir=$1 port=$2
  mkdir -p "$dir/tmp"
  sed -e "s|@DIR@|$dir|g" -e "s|@PORT@|$port|g" "$EDGE_BENCH_DIR/nginx.conf.template" > "$dir/nginx.conf"
  nginx -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" >&2 || die "nginx config test failed (see $dir/nginx.conf)"
  setsid taskset -c "$EDGE_SERVER_CORE" nginx -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -g 'daemon off;' >/dev/null 2>&1 &
  echo $!
  wait_until 15 nginx curl -fsS "http://127.0.0.1:$port/healthz" || die "nginx did not start on $port (see $dir/error.log)"
}

# _start_edge DIR PORT DURABILITY → pid (dotnet, started pinned so the runtime sees one core)
_start_edge() {
  local dir=$1 port=$2 durability=$3
  mkdir -p "$dir"
  (exec setsid env \
    Redis__EndPoint="127.0.0.1:$_edge_redis_port" \
    ClickHouse__Url="http://127.0.0.1:$_edge_clickhouse_port/" ClickHouse__Database=prefix \
    Identity__Secret="$_edge_secret" \
    Edge__DataDirectory="$STATE/data/node_modules" \
    Edge__TrustedProxies__0=127.0.0.1/32 \
    HitLog__Directory="$dir/hitlog" HitLog__Durability="$durability" \
    Logging__LogLevel__Default=Warning DOTNET_gcServer=0 DOTNET_TieredPGO=1 \
    taskset -c "$EDGE_SERVER_CORE" dotnet "$ROOT/src/Prefix.Edge/bin/Release/net10.0/Prefix.Edge.dll" \
      --urls "http://127.0.0.1:$port" > "$dir/edge.log" 2>&1) &
  echo $!
  wait_until 60 edge curl -fsS "http://127.0.0.1:$port/healthz" || die "edge did not start on $port: $(tail -5 "$dir/edge.log")"
}

_check_302() {
  local url=$1 answer
  answer=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -H "User-Agent: $EDGE_UA" -H "X-Forwarded-For: 8.8.8.8" "$url")
  [ "$answer" = "302 https://cdn.example.com/show/episode-123.mp3?x=1" ] || die "expected a 302 to the episode from $url, got: $answer"
}

# Waits until the shipper has sent everything: XLEN unchanged for 1.5 s (at most 60 s).
_wait_drained() {
  local last=-1 same=0 now
  for _ in $(seq 1 300); do
    now=$(_xlen)
    if [ "$now" = "$last" ]; then same=$((same + 1)); [ $same -ge 3 ] && break; else same=0; fi
    last=$now; sleep 0.5
  done
}

_ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
_int() { printf '%.0f' "$1"; }
_group() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<< "$1"; }
_row() { # _row SERVER LOAD LINE RATIO NOTE
  local line=$3
  printf '| %s | %s | %s | %s | %s | %s | %s%% | %s%% | %s connections%s; %s |\n' "$1" "$2" "$(_group "$(_int "$(_kv "$line" rps)")")" \
    "$(_ms "$(_kv "$line" p50_us)")" "$(_ms "$(_kv "$line" p99_us)")" "$4" "$(_kv "$line" cpu_pct)" "$(_kv "$line" other_pct)" \
    "$(_kv "$line" connections)" "$(awk -v p="$(_kv "$line" pace_ms)" 'BEGIN { if (p > 0) printf ", paced %.2f ms", p }')" "$5"
}

# Consumers in all groups of the hit stream (0 when there is no group).
_ingest_consumers() {
  redis-cli -p "$_edge_redis_port" XINFO GROUPS "$EDGE_STREAM" 2>/dev/null \
    | awk 'prev == "consumers" { n += $1 } { prev = $1 } END { print n + 0 }'
}
# The API's last warning/error lines (JSON log), for the report when the ingest falls short.
_api_errors() {
  local lines
  lines=$(grep -E '"LogLevel":"(Warning|Error|Critical)"' "$_edge_work/api.log" 2>/dev/null | tail -2 | cut -c1-400 | paste -sd' ')
  [ -n "$lines" ] && printf '; Attribution.Api logged: `%s`' "$lines"
  return 0
}

_ingest() {
  local n0 n counter chunk have api_port api_pid start t0 t_first=0 c_first=0 count=0 elapsed deadline now
  n0=$(_xlen)
  have=$n0
  counter=0
  if [ "$have" -lt "$EDGE_INGEST_HITS" ]; then
    log "ingest: stream has $have hits from the edge runs; adding copies with fresh ids up to $EDGE_INGEST_HITS"
    while [ "$have" -lt "$EDGE_INGEST_HITS" ]; do
      chunk=$((EDGE_INGEST_HITS - have)); [ $chunk -gt 50000 ] && chunk=50000
      redis-cli -p "$_edge_redis_port" EVAL "$(cat "$EDGE_BENCH_DIR/amplify.lua")" 1 "$EDGE_STREAM" "$chunk" "$counter" 10000 >/dev/null \
        || die "could not copy hits in the stream"
      counter=$((counter + chunk)); have=$(_xlen)
    done
  fi
  n=$(_xlen)
  INGEST_N=$n; INGEST_FROM_EDGE=$n0
  # Read from the start of the stream whatever position the ingest would pick for a new group.
  redis-cli -p "$_edge_redis_port" XGROUP CREATE "$EDGE_STREAM" ingest 0 >/dev/null 2>&1 || true

  # The redirect runs are over: Redis gets both cores again, like ClickHouse and the API.
  taskset -a -pc 0,1 "$_edge_redis_pid" >/dev/null
  log "ingest: starting clickhouse, applying migrations, starting Attribution.Api ($n hits waiting)"
  local ch_pid
  ch_pid=$(start_clickhouse "$_edge_work/clickhouse" "$_edge_clickhouse_port") || { _edge_pids+=($ch_pid); exit 1; }; _edge_pids+=("$ch_pid")
  dotnet "$ROOT/src/Prefix.Migrate/bin/Release/net10.0/Prefix.Migrate.dll" \
    --clickhouse "http://127.0.0.1:$_edge_clickhouse_port/" --database prefix \
    --migrations "$ROOT/deploy/clickhouse/migrations" >"$_edge_work/migrate.log" 2>&1 \
    || die "migrations failed: $(tail -5 "$_edge_work/migrate.log")"
  _ch "SELECT count() FROM prefix.hits" >/dev/null || die "prefix.hits does not exist after the migrations"
  api_port=$(free_port)
  (umask 077; printf 'pfx_admin_%s\n' "$_edge_secret" > "$_edge_work/admin-key")
  (exec setsid env \
    Redis__EndPoint="127.0.0.1:$_edge_redis_port" \
    ClickHouse__Url="http://127.0.0.1:$_edge_clickhouse_port/" ClickHouse__Database=prefix \
    Identity__Secret="$_edge_secret" Auth__AdminKeyFile="$_edge_work/admin-key" \
    Ingest__DataDirectory="$STATE/data/node_modules" \
    Logging__LogLevel__Default=Warning DOTNET_gcServer=0 \
    dotnet "$ROOT/src/Attribution.Api/bin/Release/net10.0/Attribution.Api.dll" \
      --urls "http://127.0.0.1:$api_port" > "$_edge_work/api.log" 2>&1) &
  api_pid=$!; _edge_pids+=("$api_pid")
  wait_until 60 api curl -fsS "http://127.0.0.1:$api_port/healthz" || die "Attribution.Api did not start: $(tail -5 "$_edge_work/api.log")"
  t0=$(_now_ns)
  deadline=$((SECONDS + EDGE_INGEST_TIMEOUT))
  INGEST_STATUS=""
  while :; do
    count=$(_ch "SELECT count() FROM prefix.hits" 2>/dev/null || echo 0)
    now=$(_now_ns)
    if [ "$count" -gt 0 ] && [ "$t_first" = 0 ]; then t_first=$now; c_first=$count; fi
    [ "$count" -ge "$n" ] && break
    elapsed=$(( (now - t0) / 1000000000 ))
    if [ "$count" = 0 ] && [ $elapsed -ge 20 ] && [ "$(_ingest_consumers)" = 0 ]; then
      INGEST_STATUS="ingest not available: 20 s after Attribution.Api answered /healthz, no consumer reads $EDGE_STREAM and prefix.hits is empty$(_api_errors)"
      return 0
    fi
    if [ $SECONDS -ge $deadline ]; then
      INGEST_STATUS="ingest did not reach $n rows within ${EDGE_INGEST_TIMEOUT} s (had $count; Redis group: $(redis-cli -p "$_edge_redis_port" XINFO GROUPS "$EDGE_STREAM" 2>/dev/null | paste -sd' '))$(_api_errors)"
      [ "$count" = 0 ] && { INGEST_STATUS="$INGEST_STATUS; no rows at all, so no rate"; return 0; }
      break
    fi
    sleep 0.25
  done
  INGEST_COUNT=$count
  INGEST_SECONDS=$(awk -v a="$t0" -v b="$now" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
  INGEST_RATE=$(awk -v c="$count" -v s="$INGEST_SECONDS" 'BEGIN { printf "%.0f", c / s }')
  INGEST_STEADY=$(awk -v c="$count" -v c0="$c_first" -v a="$t_first" -v b="$now" 'BEGIN { s = (b - a) / 1e9; if (s > 0) printf "%.0f", (c - c0) / s; else print "n/a" }')
  stop_pid "$api_pid"
}

run_edge_bench() {
  ensure_debian_packages wrk nginx-light util-linux
  ensure_installed
  # Only what this bench runs (not the whole solution): a test project being edited elsewhere must not stop it.
  local project
  log "building (Release): Prefix.Edge, Attribution.Api, Prefix.Migrate"
  for project in Prefix.Edge Attribution.Api Prefix.Migrate; do
    dotnet build "$ROOT/src/$project/$project.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2 || die "build of $project failed"
  done
  [ "$(nproc)" -ge 2 ] || die "bench edge needs 2 cores (server on core $EDGE_SERVER_CORE, wrk on core $EDGE_CLIENT_CORE)"

  _edge_work=$(mktemp -d /tmp/prefix-bench-edge.XXXXXX)
  _edge_max_other=0
  _edge_idle_busy=0
  trap _edge_cleanup EXIT
  trap 'exit 130' INT TERM
  declare -gA _edge_requests=()
  _edge_secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  _edge_redis_port=$(free_port)
  _edge_clickhouse_port=$(free_port)   # ClickHouse starts only for the ingest part (not idle next to the runs)

  local redis_pid nginx_port nginx_pid nginx_workers edge_port edge_pid url
  # A pid is recorded even when its start fails (the command substitution still returns it), so the trap stops it.
  redis_pid=$(start_redis "$_edge_work/redis" "$_edge_redis_port") || { _edge_pids+=($redis_pid); exit 1; }; _edge_pids+=("$redis_pid")
  _edge_redis_pid=$redis_pid; taskset -a -pc "$EDGE_CLIENT_CORE" "$redis_pid" >/dev/null   # Redis shares wrk's core, never the server's

  _wait_quiet

  # nginx
  nginx_port=$(free_port)
  nginx_pid=$(_start_nginx "$_edge_work/nginx" "$nginx_port") || { _edge_pids+=($nginx_pid); exit 1; }; _edge_pids+=("$nginx_pid")
  nginx_workers=$(pgrep -P "$nginx_pid" | tr '\n' ' ')
  url="http://127.0.0.1:$nginx_port$EDGE_PATH"
  _check_302 "$url"
  _measure nginx "$url" 3 "$nginx_pid" $nginx_workers
  local nginx_full=$R_FULL nginx_half=$R_HALF
  local access_lines; access_lines=$(wc -l < "$_edge_work/nginx/access.log")
  stop_pid "$nginx_pid"

  # edge, default durability (OsWrite)
  edge_port=$(free_port)
  edge_pid=$(_start_edge "$_edge_work/edge" "$edge_port" OsWrite) || { _edge_pids+=($edge_pid); exit 1; }; _edge_pids+=("$edge_pid")
  url="http://127.0.0.1:$edge_port$EDGE_PATH"
  _check_302 "$url"
  _measure edge "$url" "$EDGE_WARMUP" "$edge_pid"
  local edge_full=$R_FULL edge_half=$R_HALF
  _wait_drained
  stop_pid "$edge_pid"
  local shipped_os; shipped_os=$(_xlen)

  # edge, Fsync durability: full load only
  local fsync_full=""
  if [ "${PREFIX_BENCH_FSYNC:-1}" = 1 ]; then
    edge_port=$(free_port)
    edge_pid=$(_start_edge "$_edge_work/edge-fsync" "$edge_port" Fsync) || { _edge_pids+=($edge_pid); exit 1; }; _edge_pids+=("$edge_pid")
    url="http://127.0.0.1:$edge_port$EDGE_PATH"
    _check_302 "$url"
    log "edge (Fsync): warm-up ${EDGE_WARMUP}s"
    _count fsync "$(_wrk "$url" "$EDGE_WARMUP" 0 "$EDGE_CONNECTIONS" "$edge_pid")"
    log "edge (Fsync): full load ${EDGE_SECONDS}s"
    fsync_full=$(_wrk "$url" "$EDGE_SECONDS" 0 "$EDGE_CONNECTIONS" "$edge_pid"); _count fsync "$fsync_full"
    _wait_drained
    stop_pid "$edge_pid"
  fi

  # ingest
  INGEST_STATUS="skipped"
  if [ "${PREFIX_BENCH_INGEST:-1}" = 1 ]; then _ingest; fi

  # report
  local nginx_rps edge_rps ratio half_frac_edge half_frac_nginx report out
  nginx_rps=$(_kv "$nginx_full" rps); edge_rps=$(_kv "$edge_full" rps)
  ratio=$(awk -v a="$edge_rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }')
  half_frac_edge=$(awk -v a="$(_kv "$edge_half" rps)" -v b="$edge_rps" 'BEGIN { printf "%.0f", 100 * a / b }')
  half_frac_nginx=$(awk -v a="$(_kv "$nginx_half" rps)" -v b="$nginx_rps" 'BEGIN { printf "%.0f", 100 * a / b }')
  local edge_p99_half; edge_p99_half=$(_kv "$edge_half" p99_us)
  local g1 g2 g3
  g1=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.75) ? "met" : "missed" }')
  g2=$(awk -v p="$edge_p99_half" 'BEGIN { print (p <= 5000) ? "met" : "missed" }')
  if [ -n "${INGEST_RATE:-}" ]; then
    g3=$(awk -v r="${INGEST_RATE:-0}" 'BEGIN { print (r >= 100000) ? "met" : "missed" }')
  else
    g3="not measured"
  fi
  local busy_note=""
  if [ "$_edge_max_other" -gt 10 ]; then
    busy_note=" (core $EDGE_SERVER_CORE was busy: re-run on a quiet machine)"
    g1="$g1$busy_note"; g2="$g2$busy_note"
  fi
  local half_note=""
  if [ "$half_frac_edge" -lt 40 ] || [ "$half_frac_edge" -gt 60 ]; then
    half_note=" (pacing missed 50%: ${half_frac_edge}% of peak)"; g2="$g2$half_note"
  fi
  local cpu_model
  cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
  report=$(
    echo "## edge — $(date -u '+%Y-%m-%d %H:%M') UTC"
    echo "Machine: $(nproc) cores, ${cpu_model:-unknown CPU}, $(uname -srm), $(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --version 2>/dev/null), $(nginx -v 2>&1 | sed 's/.*: //'), wrk $(dpkg-query -W -f='${Version}' wrk)"
    if [ "$_edge_max_other" -gt 10 ]; then
      echo
      echo "**Warning: the machine was not quiet.** Other processes used up to ${_edge_max_other}% of core $EDGE_SERVER_CORE during a measurement (column \"others on core $EDGE_SERVER_CORE\"; ${_edge_idle_busy}% of both cores just before the first run). The server under test lost that share, so req/s are low and latencies high, unevenly between runs; treat the verdicts as unreliable and re-run on a quiet machine."
    fi
    echo
    echo "Request: \`GET $EDGE_PATH\`, User-Agent \`$EDGE_UA\`, X-Forwarded-For 8.8.8.8, keep-alive."
    echo "Server under test alone on core $EDGE_SERVER_CORE (taskset; nginx 1 worker, edge dotnet process); wrk 4.1 (1 thread, $EDGE_CONNECTIONS connections) and Redis on core $EDGE_CLIENT_CORE."
    echo "Full load = closed loop for ${EDGE_SECONDS} s after a warm-up (nginx 3 s, edge ${EDGE_WARMUP} s for the tiered JIT). 50% load = each connection sleeps a paced delay between answer and next request (wrk \`delay()\`, calibrated in a 3 s run) so the offered rate is half of that server's own peak; the achieved share is shown."
    echo
    echo "| server | load | req/s | p50 ms | p99 ms | vs nginx | server CPU | others on core $EDGE_SERVER_CORE | how |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
    _row nginx "full" "$nginx_full" "1.00×" "\`return 302 https://\$1\$is_args\$args\`, unbuffered combined access_log (Debian default), keepalive_requests unlimited; $access_lines log lines"
    _row nginx "50% (${half_frac_nginx}% of peak)" "$nginx_half" "" "same"
    _row "edge, recording on (OsWrite)" "full" "$edge_full" "${ratio}×" "hit log written (page cache, group commit) before the 302; shipper → Redis Stream"
    _row "edge, recording on (OsWrite)" "50% (${half_frac_edge}% of peak)" "$edge_half" "" "same"
    if [ -n "$fsync_full" ]; then
      _row "edge, recording on (Fsync)" "full" "$fsync_full" "$(awk -v a="$(_kv "$fsync_full" rps)" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }')×" "fsync per group commit before the 302"
    fi
    echo
    echo "Recording check: $(_group "${_edge_requests[edge]}") requests answered by the edge (OsWrite runs incl. warm-up and calibration); $(_group "$shipped_os") hits in the Redis Stream after them."
    echo
    if [ "$INGEST_STATUS" = skipped ]; then
      echo "Ingest: skipped (PREFIX_BENCH_INGEST=0)."
    elif [ -n "$INGEST_STATUS" ] && [ -z "${INGEST_RATE:-}" ]; then
      echo "Ingest: $INGEST_STATUS. Stream prepared: $(_group "$INGEST_N") hits ($(_group "$INGEST_FROM_EDGE") from the edge runs, the rest copies of them with fresh ids)."
    else
      echo "Ingest: $(_group "$INGEST_COUNT") hits from the Redis Stream into ClickHouse \`prefix.hits\` in ${INGEST_SECONDS} s = **$(_group "$INGEST_RATE") hits/s** (from Attribution.Api answering /healthz to \`count()\` = N; steady rate after the first row: $(_group "$INGEST_STEADY") hits/s). ${INGEST_STATUS:+$INGEST_STATUS. }$(_group "$INGEST_FROM_EDGE") hits from the edge runs, the rest copies of them with fresh ids; Redis, ClickHouse and the API unpinned (both cores), none of our other processes running."
    fi
    echo
    echo "| goal | measured | verdict |"
    echo "|---|---|---|"
    echo "| edge ≥ 0.75× nginx req/s, recording on | ${ratio}× | $g1 |"
    echo "| edge p99 ≤ 5 ms at 50% of peak | $(_ms "$edge_p99_half") ms at ${half_frac_edge}% | $g2 |"
    echo "| ingest ≥ 100,000 hits/s into ClickHouse | $([ -n "${INGEST_RATE:-}" ] && echo "$(_group "$INGEST_RATE") hits/s" || echo "—") | $g3 |"
    echo
  )
  mkdir -p "$ROOT/bench/results"
  out="$ROOT/bench/results/$(date -u +%F)-edge.md"
  printf '%s\n' "$report" >> "$out"
  printf '%s\n' "$report"
  log "appended to ${out#"$ROOT"/}"
}
