#!/usr/bin/env bash
# A private PostgreSQL server for development and CI, from Debian's packages.
#
#   scripts/postgres.sh start    initialise (first time) and start; no-op when running
#   scripts/postgres.sh stop     stop (fast shutdown); no-op when stopped
#   scripts/postgres.sh status   print the state; exit 0 when running, 3 when not
#   scripts/postgres.sh url      print the DATABASE_URL for the `linli` database
#
# The cluster lives in its own directory (LINLI_PG_DIR, default /tmp/linli-pg),
# listens on 127.0.0.1 only, on its own port (LINLI_PG_PORT, default 55432), and
# never touches Debian's own clusters. Role `linli` (password `linli`, CREATEDB,
# so pytest-django can create test_linli) owns the database `linli`.
#
# It is a throwaway server: fsync and synchronous_commit are off for speed.
# Never point it at data you want to keep.
set -euo pipefail

PG_DIR=${LINLI_PG_DIR:-/tmp/linli-pg}
PG_PORT=${LINLI_PG_PORT:-55432}
PG_USER=linli
PG_PASSWORD=linli
PG_DB=linli
DATA="$PG_DIR/data"
LOG="$PG_DIR/server.log"
SOCK="$PG_DIR" # unix socket directory, so we never need /var/run/postgresql

die() { echo "postgres.sh: $*" >&2; exit 1; }
say() { echo "postgres.sh: $*"; }

url() { echo "postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"; }

find_bin() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n $d && -x $d/initdb && -x $d/pg_ctl ]]; then
        echo "$d"
    fi
}

ensure_bin() {
    PGBIN=$(find_bin)
    if [[ -z $PGBIN ]]; then
        [[ $(id -u) -eq 0 ]] || die "PostgreSQL server not found under /usr/lib/postgresql/*/bin; install it: sudo apt-get install -y postgresql"
        say "installing PostgreSQL from Debian's packages"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y --no-install-recommends postgresql \
            || { apt-get update && apt-get install -y --no-install-recommends postgresql; }
        PGBIN=$(find_bin)
        [[ -n $PGBIN ]] || die "PostgreSQL installed but no server binaries under /usr/lib/postgresql/*/bin"
    fi
}

# initdb and pg_ctl refuse to run as root: run them as the `postgres` OS user then.
if [[ $(id -u) -eq 0 ]]; then
    RUN_AS=postgres
    as_pg() { (cd / && runuser -u postgres -- "$@"); }
else
    RUN_AS=$(id -un)
    as_pg() { "$@"; }
fi

running() {
    [[ -f $DATA/PG_VERSION ]] || return 1
    as_pg "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

# psql as the cluster's superuser over the private unix socket.
su_psql() {
    as_pg "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PG_PORT" -U postgres -d postgres "$@"
}

prepare_dir() {
    if [[ $(id -u) -eq 0 ]]; then
        getent passwd postgres >/dev/null || die "no 'postgres' OS user (the postgresql package creates it)"
    fi
    mkdir -p "$PG_DIR"
    if [[ $(id -u) -eq 0 ]]; then
        # The postgres user must be able to reach $PG_DIR: grant search (x) on
        # ancestors that lack it, e.g. when LINLI_PG_DIR is under /root.
        local p
        p=$(cd "$PG_DIR" && pwd -P)
        while [[ $p != / ]]; do
            p=$(dirname "$p")
            if ! runuser -u postgres -- test -x "$p"; then
                say "granting search permission on $p so the postgres user can reach $PG_DIR"
                chmod o+x "$p"
            fi
        done
        chown postgres: "$PG_DIR"
        [[ ! -e $DATA ]] || chown -R postgres: "$DATA"
        [[ ! -e $LOG ]] || chown postgres: "$LOG"
    fi
    chmod 700 "$PG_DIR"
}

init_cluster() {
    if [[ -f $DATA/PG_VERSION ]]; then
        local have want
        have=$(cat "$DATA/PG_VERSION")
        want=$(basename "$(dirname "$PGBIN")")
        [[ $have == "$want" ]] || die "$DATA was made by PostgreSQL $have but the server is $want; remove $PG_DIR and start again"
        return 0
    fi
    if [[ -d $DATA ]] && [[ -n $(ls -A "$DATA") ]]; then
        die "$DATA exists, is not empty and is not a PostgreSQL cluster; remove it or set LINLI_PG_DIR"
    fi
    local locale=C
    locale -a 2>/dev/null | grep -qix 'c.utf-\?8' && locale=C.UTF-8
    say "initialising a new cluster in $DATA (as $RUN_AS)"
    as_pg "$PGBIN/initdb" -D "$DATA" -U postgres --encoding=UTF8 --locale="$locale" \
        --auth-local=trust --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1 \
        || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
    # Settings of this throwaway server; the port is given at each start instead.
    cat >>"$DATA/postgresql.conf" <<EOF

# --- linli (scripts/postgres.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCK'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
EOF
}

ensure_role_and_db() {
    su_psql <<EOF
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', '$PG_USER', '$PG_PASSWORD')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER')
\gexec
ALTER ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' TEMPLATE template0', '$PG_DB', '$PG_USER')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB')
\gexec
EOF
}

start() {
    ensure_bin
    prepare_dir
    init_cluster
    if running; then
        local port
        port=$(sed -n 4p "$DATA/postmaster.pid" 2>/dev/null || true)
        [[ $port == "$PG_PORT" ]] || die "already running on port $port, not $PG_PORT; stop it first"
        say "already running on 127.0.0.1:$PG_PORT ($DATA)"
    else
        # Something else on our port would make pg_ctl's failure hard to read.
        if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 1 >/dev/null 2>&1; then
            die "another server already answers on 127.0.0.1:$PG_PORT; set LINLI_PG_PORT"
        fi
        say "starting PostgreSQL $(cat "$DATA/PG_VERSION") on 127.0.0.1:$PG_PORT (log: $LOG)"
        if ! as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
            -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $SOCK" start >/dev/null; then
            tail -n 30 "$LOG" >&2 || true
            die "PostgreSQL failed to start"
        fi
    fi
    ensure_role_and_db
    say "ready: $(url)"
}

stop() {
    PGBIN=$(find_bin)
    if [[ -z $PGBIN ]] || ! running; then
        say "not running"
        return 0
    fi
    as_pg "$PGBIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null
    say "stopped"
}

status() {
    PGBIN=$(find_bin)
    if [[ -n $PGBIN ]] && running; then
        say "running on 127.0.0.1:$PG_PORT ($DATA); $(url)"
        return 0
    fi
    say "not running ($DATA)"
    return 3
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    status) status ;;
    url) url ;;
    *) echo "usage: $0 {start|stop|status|url}" >&2; exit 2 ;;
esac
