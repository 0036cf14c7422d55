#!/usr/bin/env bash
# A private Elasticsearch node for development and CI, from Maven Central.
#
#   scripts/elasticsearch.sh start    fetch + unpack (first time) and start; no-op when running
#   scripts/elasticsearch.sh stop     stop (SIGTERM, clean shutdown); no-op when stopped
#   scripts/elasticsearch.sh status   print the state; exit 0 when it answers, 3 when not
#   scripts/elasticsearch.sh url      print the ELASTICSEARCH_URL
#
# The distribution is the zip org.elasticsearch.distribution.integ-test-zip:elasticsearch
# (LINLI_ES_VERSION, default 9.5.0: the newest 9.x served here; the Python client is
# elasticsearch 9.5.x). Maven fetches it into ~/.m2 (LINLI_M2_REPO) and it is unpacked
# once into ~/.cache/linli/elasticsearch-<version> (LINLI_ES_CACHE). It has no bundled JDK:
# 9.x needs Java 21+, 8.x Java 17+; the newest JDK under /usr/lib/jvm that fits is used
# (Temurin 25 here), or LINLI_ES_JAVA_HOME / ES_JAVA_HOME.
#
# Elasticsearch refuses to run as root: as root, the node runs as the system user
# `linli-es` (LINLI_ES_USER; created when missing). Its config, data and logs live in
# LINLI_ES_DIR (default /tmp/linli-es). One node, 127.0.0.1 only, HTTP port
# LINLI_ES_PORT (default 59200), transport port +100, heap LINLI_ES_HEAP (512m),
# security off, disk watermarks off. It is a throwaway test server: never point it at
# data you want to keep.
#
# The stripped integ-test zip has only the server core and the modules transport-netty4,
# x-pack-core, x-pack-security and apm. Missing: analysis-common (cjk, ngram, synonym,
# and even the whitespace/keyword *tokenizers*; the built-in whitespace, simple, standard,
# keyword and stop *analyzers* and the lowercase/stop/shingle filters are there), reindex
# (_reindex, _update_by_query, _delete_by_query), lang-painless (no scripts),
# mapper-extras (rank_feature, search_as_you_type) and rest-root: GET / and HEAD / do
# not answer, so the Python client's info() fails and ping() is False; use
# cluster.health() as the liveness check.
set -euo pipefail

# CI may run with a bare environment: find our home directory without $HOME.
HOME=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}

ES_VERSION=${LINLI_ES_VERSION:-9.5.0}
ES_PORT=${LINLI_ES_PORT:-59200}
ES_TRANSPORT_PORT=$((ES_PORT + 100))
ES_DIR=${LINLI_ES_DIR:-/tmp/linli-es}
ES_HEAP=${LINLI_ES_HEAP:-512m}
ES_TIMEOUT=${LINLI_ES_TIMEOUT:-180}
ES_USER=${LINLI_ES_USER:-linli-es}
M2_REPO=${LINLI_M2_REPO:-$HOME/.m2/repository}
ES_CACHE=${LINLI_ES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/linli}
ES_HOME=$ES_CACHE/elasticsearch-$ES_VERSION
GAV=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip
ZIP=$M2_REPO/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip
CONF=$ES_DIR/config
LOGS=$ES_DIR/logs
PIDFILE=$ES_DIR/es.pid
OUT=$ES_DIR/console.log # the launcher's own output
CLUSTER=linli

die() { echo "elasticsearch.sh: $*" >&2; exit 1; }
say() { echo "elasticsearch.sh: $*"; }

url() { echo "http://127.0.0.1:$ES_PORT"; }

# GET a path on our port; prints the body, fails when nothing answers.
http_get() { curl -fsS --max-time "${2:-5}" "$(url)$1" 2>/dev/null; }

# As root the node runs as $ES_USER; otherwise as whoever runs this script.
if [[ $(id -u) -eq 0 ]]; then
    as_es() { (cd / && runuser -u "$ES_USER" -- "$@"); }
else
    ES_USER=$(id -un)
    as_es() { (cd / && "$@"); }
fi

apt_install() { # only as root; the fallback when a tool is missing
    [[ $(id -u) -eq 0 ]] || die "$1 not found; install it: sudo apt-get install -y $1"
    say "installing $1 from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends "$1" \
        || { apt-get update -q && apt-get install -y -q --no-install-recommends "$1"; }
}

java_major() { # JDK dir -> major version, from its release file
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1
}

find_java() {
    local need=17 d m best="" best_m=0
    [[ ${ES_VERSION%%.*} -ge 9 ]] && need=21
    for d in "${LINLI_ES_JAVA_HOME:-}" "${ES_JAVA_HOME:-}"; do
        [[ -n $d ]] || continue
        [[ -x $d/bin/java ]] || die "$d/bin/java not found (LINLI_ES_JAVA_HOME / ES_JAVA_HOME)"
        echo "$d"
        return 0
    done
    for d in /usr/lib/jvm/*/; do
        d=${d%/}
        [[ -L $d || ! -x $d/bin/java ]] && continue
        m=$(java_major "$d")
        [[ -n $m ]] || continue
        if ((m >= need && m > best_m)); then best=$d best_m=$m; fi
    done
    [[ -n $best ]] || die "Elasticsearch $ES_VERSION needs Java $need or newer and none is under /usr/lib/jvm; set LINLI_ES_JAVA_HOME"
    echo "$best"
}

fetch() {
    [[ -x $ES_HOME/bin/elasticsearch ]] && return 0
    command -v unzip >/dev/null || apt_install unzip
    if [[ ! -s $ZIP ]]; then
        command -v mvn >/dev/null || apt_install maven
        say "downloading $GAV with Maven into $M2_REPO"
        mkdir -p "$ES_CACHE"
        if ! mvn -B -Dstyle.color=never -Dmaven.repo.local="$M2_REPO" dependency:get \
            -Dartifact="$GAV" -Dtransitive=false >"$ES_CACHE/mvn.log" 2>&1; then
            grep -E 'ERROR' "$ES_CACHE/mvn.log" | head -n 5 >&2 || true
            die "Maven could not fetch $GAV (log: $ES_CACHE/mvn.log; set LINLI_ES_VERSION to a served version)"
        fi
        [[ -s $ZIP ]] || die "Maven succeeded but $ZIP is missing"
    fi
    say "unpacking $(basename "$ZIP") into $ES_HOME"
    mkdir -p "$ES_CACHE"
    local tmp
    tmp=$(mktemp -d "$ES_CACHE/.unpack.XXXXXX")
    if ! unzip -q "$ZIP" -d "$tmp"; then
        rm -rf "$tmp" "$ZIP"
        die "$ZIP is damaged; removed it, run again to download it anew"
    fi
    [[ -x $tmp/elasticsearch-$ES_VERSION/bin/elasticsearch ]] || { rm -rf "$tmp"; die "unexpected layout in $ZIP"; }
    rm -rf "$ES_HOME"
    mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME"
    rmdir "$tmp"
}

prepare() {
    if [[ $(id -u) -eq 0 ]]; then
        if ! getent passwd "$ES_USER" >/dev/null; then
            say "creating system user $ES_USER (Elasticsearch refuses to run as root)"
            useradd --system --user-group --no-create-home --home-dir /nonexistent \
                --shell /usr/sbin/nologin "$ES_USER"
        fi
        # The node must read $ES_HOME: grant search (x) on ancestors that lack it,
        # e.g. /root and /root/.cache, as scripts/postgres.sh does.
        local p="" part
        local -a parts
        IFS=/ read -r -a parts <<<"$(cd "$ES_HOME" && pwd -P)"
        for part in "${parts[@]}"; do # from / down to $ES_HOME
            [[ -n $part ]] || continue
            p=$p/$part
            if ! runuser -u "$ES_USER" -- test -x "$p"; then
                say "granting search permission on $p so $ES_USER can reach $ES_HOME"
                chmod o+x "$p"
            fi
        done
        runuser -u "$ES_USER" -- test -r "$ES_HOME/lib" || chmod -R o+rX "$ES_HOME"
    fi
    mkdir -p "$ES_DIR"
    if [[ -f $ES_DIR/VERSION ]] && [[ $(cat "$ES_DIR/VERSION") != "$ES_VERSION" ]]; then
        die "$ES_DIR was made by Elasticsearch $(cat "$ES_DIR/VERSION"), not $ES_VERSION; stop it, remove $ES_DIR and start again"
    fi
    if [[ ! -f $CONF/log4j2.properties ]]; then
        mkdir -p "$CONF"
        cp -R "$ES_HOME/config/." "$CONF/"
    fi
    echo "$ES_VERSION" >"$ES_DIR/VERSION"
    mkdir -p "$ES_DIR/data" "$LOGS" "$ES_DIR/tmp" "$CONF/jvm.options.d"
    # Rewritten at each start, so a change here takes effect on the next start.
    cat >"$CONF/elasticsearch.yml" <<EOF
# Written by scripts/elasticsearch.sh at each start; edits are lost.
cluster.name: $CLUSTER
node.name: $CLUSTER-1
path.data: $ES_DIR/data
path.logs: $LOGS
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $ES_TRANSPORT_PORT
discovery.type: single-node
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
# Tests delete their indices by pattern (linli-test-*).
action.destructive_requires_name: false
# Linli's indices are only ever created on purpose (with their mapping and alias): a
# write still holding the name of an index a reindex has just dropped must fail and be
# retried, not make a stray index of that name.
action.auto_create_index: "-linli*,+*"
EOF
    printf -- '-Xms%s\n-Xmx%s\n' "$ES_HEAP" "$ES_HEAP" >"$CONF/jvm.options.d/linli-heap.options"
    if [[ $(id -u) -eq 0 ]]; then
        chown -R "$ES_USER:" "$ES_DIR"
    fi
    chmod 700 "$ES_DIR"
}

pid_alive() { # our node's pid is in $PIDFILE and alive
    local pid
    [[ -f $PIDFILE ]] || return 1
    pid=$(cat "$PIDFILE" 2>/dev/null || true)
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
        && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'org.elasticsearch'
}

answers() { # our node answers HTTP on our port (GET / is not there: no rest-root module)
    http_get /_cluster/health 3 | grep -q "\"cluster_name\" *: *\"$CLUSTER\""
}

show_logs() {
    {
        echo "---- $OUT (last 20 lines)"
        tail -n 20 "$OUT" 2>/dev/null || true
        echo "---- $LOGS/$CLUSTER.log (last 40 lines)"
        tail -n 40 "$LOGS/$CLUSTER.log" 2>/dev/null || true
    } >&2
}

wait_healthy() {
    local deadline=$((SECONDS + ES_TIMEOUT)) health
    while ((SECONDS < deadline)); do
        pid_alive || { show_logs; die "Elasticsearch is not running (it exited during start-up?)"; }
        health=$(http_get '/_cluster/health?wait_for_status=yellow&timeout=2s' 5 || true)
        if [[ $health =~ \"status\":\"(green|yellow)\" ]]; then
            say "cluster health ${BASH_REMATCH[1]}"
            return 0
        fi
        sleep 1
    done
    show_logs
    die "Elasticsearch did not reach health yellow within ${ES_TIMEOUT}s (LINLI_ES_TIMEOUT)"
}

start() {
    fetch
    prepare
    if pid_alive; then
        say "already running on $(url) (pid $(cat "$PIDFILE"), $ES_DIR)"
        wait_healthy
        say "ready: $(url)"
        return 0
    fi
    if curl -s --max-time 2 -o /dev/null "$(url)/"; then
        die "something else already answers on $(url); set LINLI_ES_PORT"
    fi
    rm -f "$PIDFILE"
    local java
    java=$(find_java)
    say "starting Elasticsearch $ES_VERSION on $(url) as $ES_USER, Java $(java_major "$java") ($java), heap $ES_HEAP (logs: $LOGS)"
    # -d: the launcher forks the node, waits until it has started, then exits.
    if ! as_es env ES_JAVA_HOME="$java" ES_PATH_CONF="$CONF" ES_TMPDIR="$ES_DIR/tmp" \
        ES_JAVA_OPTS="${LINLI_ES_JAVA_OPTS:-}" \
        "$ES_HOME/bin/elasticsearch" -d -p "$PIDFILE" >"$OUT" 2>&1 </dev/null; then
        show_logs
        die "Elasticsearch failed to start"
    fi
    wait_healthy
    say "ready: $(url)"
}

stop() {
    if ! pid_alive; then
        say "not running"
        rm -f "$PIDFILE" 2>/dev/null || true
        return 0
    fi
    local pid i
    pid=$(cat "$PIDFILE")
    kill -TERM "$pid"
    for ((i = 0; i < 60; i++)); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$PIDFILE"; say "stopped"; return 0; }
        sleep 1
    done
    say "no clean shutdown within 60s; killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$PIDFILE"
    say "stopped"
}

status() {
    if answers; then
        say "running on $(url) ($ES_DIR); $(http_get '/_cluster/health' | grep -o '"status":"[a-z]*"')"
        return 0
    fi
    say "not running ($ES_DIR)"
    return 3
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    status) status ;;
    url) url ;;
    *) echo "usage: $0 {start|stop|status|url}" >&2; exit 2 ;;
esac
