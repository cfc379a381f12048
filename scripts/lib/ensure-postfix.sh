# Makes sure a local mail transfer agent is here for the paging tests: installs Debian's
# `postfix` as a local-only MTA when /usr/sbin/sendmail is absent (as root), and starts it.
# Mail to any local address is delivered to /var/mail (mbox); the tests read it there.
# Without it (not root, no sendmail) the email page test skips with a notice.
ensure_postfix() {
    if [ "$(id -u)" != 0 ]; then
        command -v sendmail >/dev/null 2>&1 || [ -x /usr/sbin/sendmail ] ||
            echo "sendmail is missing (the email page test will skip): sudo apt-get install postfix" >&2
        return 0
    fi
    if ! dpkg -s postfix >/dev/null 2>&1; then
        echo "installing Postfix from Debian's packages (local delivery only) for the paging tests" >&2
        export DEBIAN_FRONTEND=noninteractive
        echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
        echo "postfix postfix/mailname string localhost" | debconf-set-selections
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends postfix >/dev/null
    fi
    # Local delivery only, plus-addressing so each test reads its own mails out of one mailbox.
    postconf -e "inet_interfaces = loopback-only" "mydestination = localhost, \$myhostname, localhost.localdomain" \
        "recipient_delimiter = +" "default_transport = error" "relay_transport = error" >/dev/null
    if ! postfix status >/dev/null 2>&1; then
        postfix start >/dev/null 2>&1 || echo "Postfix did not start (the email page test will skip)" >&2
    fi
}
