# Makes sure headless Chromium is on this machine for the HTML report test:
# installs Debian's `chromium` package when it is absent (as root). The test
# skips the browser check, with a notice, when Chromium is not there.
ensure_chromium() {
    if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
        return 0
    fi
    if [ "$(id -u)" != 0 ]; then
        echo "Chromium is missing (the HTML report test will skip the browser): sudo apt-get install chromium" >&2
        return 0
    fi
    echo "installing Chromium from Debian's packages for the HTML report test" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium >/dev/null
}
