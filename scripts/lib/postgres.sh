# Shared by scripts/test and scripts/bench: a throwaway PostgreSQL cluster in
# a directory, listening only on a private unix socket, superuser `crisis`.
# PostgreSQL refuses to run as root, so as root the server runs as `postgres`.

pg_bin() {
    if [ -n "${CRISIS_PG_BIN:-}" ]; then echo "$CRISIS_PG_BIN"; return; fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$dir" ]; then
        echo "PostgreSQL server binaries not found: apt-get install postgresql (or set CRISIS_PG_BIN)" >&2
        return 1
    fi
    echo "$dir"
}

pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# pg_start DIR [server options...]: initdb DIR/data, start it with its socket in DIR/run.
pg_start() {
    pg_init "$1" && pg_run "$@"
}

# pg_init DIR: initdb DIR/data (superuser `crisis`, trust on the private socket).
pg_init() {
    local dir=$1
    local bin; bin=$(pg_bin)
    mkdir -p "$dir/data" "$dir/run"
    chmod 700 "$dir/data" "$dir/run"
    if [ "$(id -u)" = 0 ]; then chown -R postgres: "$dir"; fi
    (cd / && pg_as_owner "$bin/initdb" -D "$dir/data" -U crisis --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1) || {
        cat "$dir/initdb.log" >&2; return 1; }
}

# pg_run DIR [server options...]: starts the cluster in DIR/data (again, e.g. after pg_stop).
pg_run() {
    local dir=$1; shift
    local bin; bin=$(pg_bin)
    local options="-c listen_addresses='' -c unix_socket_directories='$dir/run' $*"
    (cd / && pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 -o "$options" start >/dev/null) || {
        cat "$dir/postgres.log" >&2; return 1; }
}

# pg_reload DIR: rereads pg_hba.conf and the settings.
pg_reload() {
    local bin; bin=$(pg_bin)
    (cd / && pg_as_owner "$bin/pg_ctl" -D "$1/data" reload >/dev/null)
}

# pg_stop DATA: stops in immediate mode (a crash: no shutdown checkpoint; recovery on the next start).
pg_stop() {
    local data=$1
    local bin; bin=$(pg_bin)
    [ -f "$data/postmaster.pid" ] || return 0
    (cd / && pg_as_owner "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1)
}

# pg_standby DIR PRIMARY_DIR [server options...]: a hot standby of the running
# cluster in PRIMARY_DIR, streaming from its socket: pg_basebackup -R copies the
# data and writes primary_conninfo and standby.signal, then it starts with its
# own socket in DIR/run. With synchronous_standby_names on the primary (not
# here: the copy must not wait for a standby of its own once promoted), every
# commit there waits for this standby.
pg_standby() {
    local dir=$1 primary=$2; shift 2
    local bin; bin=$(pg_bin)
    mkdir -p "$dir/run"
    chmod 700 "$dir" "$dir/run"
    if [ "$(id -u)" = 0 ]; then chown -R postgres: "$dir"; fi
    (cd / && pg_as_owner "$bin/pg_basebackup" -D "$dir/data" \
        -d "host=$primary/run user=crisis application_name=$(basename "$dir")" \
        -R -X stream -c fast >"$dir/basebackup.log" 2>&1) || {
        cat "$dir/basebackup.log" >&2; return 1; }
    pg_run "$dir" "$@"
}

# pg_promote DIR: ends recovery on the standby in DIR/data; it takes writes from then on.
pg_promote() {
    local bin; bin=$(pg_bin)
    (cd / && pg_as_owner "$bin/pg_ctl" -D "$1/data" -w -t 60 promote >/dev/null)
}
