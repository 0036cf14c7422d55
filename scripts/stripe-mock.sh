#!/usr/bin/env bash
# Stripe's API test server, stripe-mock, for development and CI, built from the Go module proxy.
#
#   scripts/stripe-mock.sh start    build (first time) and start; no-op when running
#   scripts/stripe-mock.sh stop     stop (SIGTERM); no-op when stopped
#   scripts/stripe-mock.sh status   print the state; exit 0 when it answers, 3 when not
#   scripts/stripe-mock.sh url      print the base URL for the Stripe client (STRIPE_API_BASE)
#
# stripe-mock (github.com/stripe/stripe-mock, LINLI_STRIPE_MOCK_VERSION, default below) is
# built once with `go install` into ~/.cache/linli/stripe-mock/<version>
# (LINLI_STRIPE_MOCK_CACHE) and reused from there; with an empty cache it is built again,
# which needs only Go and the Go module proxy (20-30 s on 2 cores, Go cache empty).
#
# It listens on 127.0.0.1 only: HTTP on LINLI_STRIPE_MOCK_PORT (default 12111) and HTTPS
# with a self-signed certificate on LINLI_STRIPE_MOCK_HTTPS_PORT (default 12112). Its pid
# file and log live in LINLI_STRIPE_MOCK_DIR (default /tmp/linli-stripe-mock).
#
# stripe-mock is stateless: it validates each request against Stripe's OpenAPI spec and
# answers with a fixture of the right shape (it echoes some request values, e.g. the id
# in the path); nothing is stored, so a create followed by a retrieve returns fixtures,
# not what was created. Any key of the form sk_test_... is accepted.
set -euo pipefail

# CI may run with a bare environment: find our home directory without $HOME.
HOME=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
export HOME

# The newest stripe-mock release that the Go module proxy serves and that builds here.
STRIPE_MOCK_VERSION_DEFAULT=v0.203.0

SM_VERSION=${LINLI_STRIPE_MOCK_VERSION:-$STRIPE_MOCK_VERSION_DEFAULT}
SM_PORT=${LINLI_STRIPE_MOCK_PORT:-12111}
SM_HTTPS_PORT=${LINLI_STRIPE_MOCK_HTTPS_PORT:-12112}
SM_DIR=${LINLI_STRIPE_MOCK_DIR:-/tmp/linli-stripe-mock}
SM_TIMEOUT=${LINLI_STRIPE_MOCK_TIMEOUT:-30}
SM_CACHE=${LINLI_STRIPE_MOCK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/linli/stripe-mock}
SM_BIN_DIR=$SM_CACHE/$SM_VERSION
SM_BIN=$SM_BIN_DIR/stripe-mock
MODULE=github.com/stripe/stripe-mock
PIDFILE=$SM_DIR/stripe-mock.pid
ADDRFILE=$SM_DIR/listen # the addresses the running server was started with
LOG=$SM_DIR/stripe-mock.log
# stripe-mock accepts any sk_test_ key; this one is only for the liveness check.
PROBE_KEY=sk_test_123

die() { echo "stripe-mock.sh: $*" >&2; exit 1; }
say() { echo "stripe-mock.sh: $*"; }

url() { echo "http://127.0.0.1:$SM_PORT"; }
listen_spec() { echo "http 127.0.0.1:$SM_PORT https 127.0.0.1:$SM_HTTPS_PORT"; }

apt_install() { # only as root; the fallback when a tool is missing
    [[ $(id -u) -eq 0 ]] || die "$1 not found; install it: sudo apt-get install -y $1"
    say "installing $1 from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends "$1" \
        || { apt-get update -q && apt-get install -y -q --no-install-recommends "$1"; }
}

find_go() {
    local g
    for g in "$(command -v go || true)" /usr/local/go/bin/go /usr/lib/go/bin/go; do
        [[ -n $g && -x $g ]] && { echo "$g"; return 0; }
    done
    die "Go not found (on PATH, /usr/local/go/bin or /usr/lib/go/bin); it is needed once to build stripe-mock $SM_VERSION"
}

build() {
    if [[ -x $SM_BIN ]]; then
        return 0
    fi
    local go tmp t0=$SECONDS
    go=$(find_go)
    mkdir -p "$SM_CACHE"
    tmp=$(mktemp -d "$SM_CACHE/.build.XXXXXX")
    say "building $MODULE@$SM_VERSION with $("$go" env GOVERSION) into $SM_BIN_DIR (first time only)"
    # Outside any module (cd /), so a go.mod around the caller cannot interfere; into a
    # temporary GOBIN so an interrupted build never leaves a half-written binary in place.
    if ! (cd / && GOBIN=$tmp GOFLAGS=-buildvcs=false GO111MODULE=on \
        "$go" install "$MODULE@$SM_VERSION") >"$SM_CACHE/build.log" 2>&1; then
        tail -n 20 "$SM_CACHE/build.log" >&2 || true
        rm -rf "$tmp"
        die "go install $MODULE@$SM_VERSION failed (log: $SM_CACHE/build.log; LINLI_STRIPE_MOCK_VERSION picks another release)"
    fi
    [[ -x $tmp/stripe-mock ]] || { rm -rf "$tmp"; die "go install succeeded but built no stripe-mock binary"; }
    mkdir -p "$SM_BIN_DIR"
    mv -f "$tmp/stripe-mock" "$SM_BIN"
    rm -rf "$tmp"
    say "built $SM_BIN in $((SECONDS - t0))s"
}

pid_alive() { # our server's pid is in $PIDFILE and alive
    local pid
    [[ -f $PIDFILE ]] || return 1
    pid=$(cat "$PIDFILE" 2>/dev/null || true)
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
        && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'stripe-mock'
}

answers() { # a Stripe-shaped answer on our HTTP port
    curl -fsS --max-time 3 -H "Authorization: Bearer $PROBE_KEY" \
        "$(url)/v1/customers?limit=1" 2>/dev/null | grep -q '"object": *"list"'
}

show_log() {
    {
        echo "---- $LOG (last 30 lines)"
        tail -n 30 "$LOG" 2>/dev/null || true
        echo # the log may not end with a newline
        echo "----"
    } >&2
}

wait_ready() {
    local deadline=$((SECONDS + SM_TIMEOUT))
    while ((SECONDS < deadline)); do
        pid_alive || { show_log; die "stripe-mock is not running (it exited during start-up: port taken?)"; }
        if answers; then
            return 0
        fi
        sleep 0.2
    done
    show_log
    die "stripe-mock did not answer on $(url) within ${SM_TIMEOUT}s (LINLI_STRIPE_MOCK_TIMEOUT)"
}

start() {
    command -v curl >/dev/null || apt_install curl
    build
    mkdir -p "$SM_DIR"
    if pid_alive; then
        local have
        have=$(cat "$ADDRFILE" 2>/dev/null || true)
        [[ $have == "$(listen_spec)" ]] \
            || die "already running with ${have:-unknown addresses}, not $(listen_spec); stop it first"
        say "already running on $(url) (pid $(cat "$PIDFILE"), $SM_DIR)"
        wait_ready
        say "ready: $(url)"
        return 0
    fi
    if curl -s --max-time 2 -o /dev/null "$(url)/"; then
        die "something else already answers on $(url); set LINLI_STRIPE_MOCK_PORT"
    fi
    rm -f "$PIDFILE"
    say "starting stripe-mock $SM_VERSION on $(url) (https: 127.0.0.1:$SM_HTTPS_PORT; log: $LOG)"
    listen_spec >"$ADDRFILE"
    # In its own session, so the caller's Ctrl-C or hang-up does not reach it; the shell
    # writes its own pid, then becomes stripe-mock (exec), so the pid file is exact.
    # shellcheck disable=SC2016 # $$, $1 and $@ are for the inner shell
    setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PIDFILE" \
        "$SM_BIN" -http-addr "127.0.0.1:$SM_PORT" -https-addr "127.0.0.1:$SM_HTTPS_PORT" \
        >"$LOG" 2>&1 </dev/null &
    local i
    for ((i = 0; i < 50; i++)); do # the pid file appears at once
        [[ -s $PIDFILE ]] && break
        sleep 0.1
    done
    wait_ready
    say "ready: $(url)"
}

stop() {
    if ! pid_alive; then
        say "not running"
        rm -f "$PIDFILE" "$ADDRFILE" 2>/dev/null || true
        return 0
    fi
    local pid i
    pid=$(cat "$PIDFILE")
    kill -TERM "$pid"
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$PIDFILE" "$ADDRFILE"; say "stopped"; return 0; }
        sleep 0.2
    done
    say "still running 10s after SIGTERM; killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$PIDFILE" "$ADDRFILE"
    say "stopped"
}

status() {
    if answers; then
        say "running on $(url) ($SM_DIR)"
        return 0
    fi
    say "not running ($SM_DIR)"
    return 3
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    status) status ;;
    url) url ;;
    *) echo "usage: $0 {start|stop|status|url}" >&2; exit 2 ;;
esac
