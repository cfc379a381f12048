# Makes sure the PostgreSQL server programs are on this machine: installs
# Debian's `postgresql` package when they are absent (as root), and the
# unprivileged `postgres` user the server runs as when crisis runs as root.
ensure_postgres() {
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ -z "${CRISIS_PG_BIN:-}" ]; then
        if [ "$(id -u)" != 0 ]; then
            echo "PostgreSQL server programs are missing: sudo apt-get install postgresql" >&2
            return 1
        fi
        echo "installing the PostgreSQL server from Debian's packages" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq postgresql >/dev/null
    fi
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
}
