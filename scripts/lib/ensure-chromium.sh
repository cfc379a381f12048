# Makes sure headless Chromium and its WebDriver (chromedriver) are on this machine for the
# HTML report test and the `crisis serve` browser tests: installs Debian's `chromium` and
# `chromium-driver` packages when absent (as root), and `openssl` and `curl`, with which the
# `crisis serve --tls-cert` test makes its certificate and speaks HTTPS. The tests skip the browser checks, with a
# notice, when they are not there (outside CI).
ensure_chromium() {
    local missing=()
    if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
        missing+=(chromium)
    fi
    if ! command -v chromedriver >/dev/null 2>&1; then
        missing+=(chromium-driver)
    fi
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "${missing[*]} missing (the browser tests will skip): sudo apt-get install ${missing[*]}" >&2
        return 0
    fi
    echo "installing ${missing[*]} from Debian's packages for the browser tests" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
