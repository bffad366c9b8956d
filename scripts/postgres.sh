#!/usr/bin/env bash
# Sourced: starts a throwaway PostgreSQL on a free loopback port for the tests,
# unless BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is already set.
# PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.

PG_CONNECTION_VAR=BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING

as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_test_postgres() {
  if [ -n "${!PG_CONNECTION_VAR:-}" ]; then
    printf '[postgres] using %s from the environment\n' "$PG_CONNECTION_VAR" >&2
    return 0
  fi
  local bin
  bin="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
    printf '[postgres] no PostgreSQL binaries under /usr/lib/postgresql; set %s instead\n' "$PG_CONNECTION_VAR" >&2
    return 1
  fi
  TEST_PG_DIR="$(mktemp -d /tmp/goldenpath-pg.XXXXXX)"
  chmod 755 "$TEST_PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres "$TEST_PG_DIR"
  local port
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  as_pg_user "$bin/initdb" -D "$TEST_PG_DIR/data" -U postgres --auth=trust -E UTF8 >"$TEST_PG_DIR/initdb.log" 2>&1 || {
    cat "$TEST_PG_DIR/initdb.log" >&2
    return 1
  }
  as_pg_user "$bin/pg_ctl" -D "$TEST_PG_DIR/data" -l "$TEST_PG_DIR/server.log" -w -t 60 \
    -o "-p $port -k $TEST_PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null || {
    cat "$TEST_PG_DIR/server.log" >&2
    return 1
  }
  TEST_PG_BIN="$bin"
  export "$PG_CONNECTION_VAR=postgresql://postgres@127.0.0.1:$port"
  printf '[postgres] started PostgreSQL %s on 127.0.0.1:%s\n' "$("$bin/postgres" --version | awk '{print $3}')" "$port" >&2
}

stop_test_postgres() {
  if [ -n "${TEST_PG_DIR:-}" ]; then
    as_pg_user "$TEST_PG_BIN/pg_ctl" -D "$TEST_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$TEST_PG_DIR"
    TEST_PG_DIR=""
  fi
}
