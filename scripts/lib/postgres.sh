# Makes a PostgreSQL server reachable for the tests and exports AMAN_TEST_DATABASE_URL.
# Order: an explicit AMAN_TEST_DATABASE_URL; the server on 127.0.0.1:5432; a stopped Debian cluster,
# started; otherwise a throwaway cluster created with initdb under $AMAN_PG_DIR (installed if needed).
ensure_postgres() {
  if [ -n "${AMAN_TEST_DATABASE_URL:-}" ]; then return 0; fi
  if ! command -v pg_isready >/dev/null 2>&1; then
    ensure_debian_packages pg_isready:postgresql-client
  fi
  if pg_isready -q -h 127.0.0.1 -p 5432; then
    export AMAN_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres"
    return 0
  fi
  if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    local version
    for version in $(ls /etc/postgresql); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
    done
    if pg_isready -q -t 10 -h 127.0.0.1 -p 5432; then
      export AMAN_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres"
      return 0
    fi
  fi
  local port=54329 dir="${AMAN_PG_DIR:-/tmp/aman-test-pg}" bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ]; then
    ensure_debian_packages /usr/lib/postgresql/15/bin/initdb:postgresql
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  # initdb refuses to run as root: the cluster belongs to the postgres user when we are root.
  local as=()
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir" && [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    "${as[@]}" "$bin/initdb" -D "$dir" -U postgres -A trust >/dev/null
  fi
  if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
    "${as[@]}" "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
  fi
  export AMAN_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
}
