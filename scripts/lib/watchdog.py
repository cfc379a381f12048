#!/usr/bin/env python3
"""Runs the test command and watches it: no test may run without a bound (issue 20).

    watchdog.py [--test-limit SECONDS] [--run-limit SECONDS] -- COMMAND...

Echoes the command's output as it comes. Follows Swift Testing's "Test X
started." and "Test X passed/failed/skipped" lines; when one test has run
longer than --test-limit (default 600 s, CRISIS_TEST_LIMIT), or the whole run
longer than --run-limit (default 2700 s, CRISIS_RUN_LIMIT), it names the test,
prints the suite's state (every test still running and for how long, the
processes crisis and PostgreSQL run, the test server's sessions and the tail of
its log), stops the run and exits 124: well inside CI's 90 minutes, with a
sentence instead of silence. At the end it prints the ten slowest tests.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import threading
import time

STARTED = re.compile(r'Test (.+?) started\.\s*$')
ENDED = re.compile(r'Test (.+?) (?:passed|failed) after ([0-9.]+) seconds|Test (.+?) skipped')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--test-limit', type=float, default=float(os.environ.get('CRISIS_TEST_LIMIT', 600)))
    parser.add_argument('--run-limit', type=float, default=float(os.environ.get('CRISIS_RUN_LIMIT', 2700)))
    parser.add_argument('command', nargs=argparse.REMAINDER)
    options = parser.parse_args()
    command = options.command[1:] if options.command[:1] == ['--'] else options.command
    if not command:
        parser.error('give the test command after --')

    running = {}  # name -> list of start times (a name can run more than once, as parameterised tests do)
    durations = []
    lock = threading.Lock()
    began = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)

    def follow():
        for raw in child.stdout:
            line = raw.decode('utf-8', 'replace')
            sys.stdout.write(line)
            sys.stdout.flush()
            with lock:
                started = STARTED.search(line)
                if started:
                    running.setdefault(started.group(1), []).append(time.monotonic())
                    continue
                ended = ENDED.search(line)
                name = ended and (ended.group(1) or ended.group(3))
                if name and running.get(name):
                    start = running[name].pop(0)
                    if not running[name]:
                        del running[name]
                    seconds = float(ended.group(2)) if ended.group(2) else time.monotonic() - start
                    durations.append((seconds, name))

    reader = threading.Thread(target=follow, daemon=True)
    reader.start()
    while child.poll() is None:
        time.sleep(5)
        now = time.monotonic()
        with lock:
            overdue = [(now - starts[0], name) for name, starts in running.items() if now - starts[0] > options.test_limit]
            still = sorted(((now - starts[0], name) for name, starts in running.items()), reverse=True)
        if overdue or now - began > options.run_limit:
            if overdue:
                for seconds, name in overdue:
                    print(f'\nwatchdog: test {name} has run for {seconds:.0f} s, over the limit of '
                          f'{options.test_limit:.0f} s (CRISIS_TEST_LIMIT); stopping the run.', flush=True)
            else:
                print(f'\nwatchdog: the test run has taken {now - began:.0f} s, over the limit of '
                      f'{options.run_limit:.0f} s (CRISIS_RUN_LIMIT); stopping the run.', flush=True)
            try:
                report_state(still)
            except Exception as error:  # the report must never keep a hung run alive
                print(f'watchdog: could not report everything ({error})', flush=True)
            kill_session(child.pid)
            child.wait()
            reader.join(timeout=5)
            print_slowest(durations)
            sys.exit(124)
    reader.join(timeout=30)
    print_slowest(durations)
    sys.exit(child.returncode)


def kill_session(session):
    """Kills every process of the run's session: swift test, the test binary it starts in a
    process group of its own, and every crisis or shell process the tests started."""
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            if os.getsid(int(entry)) == session:
                os.kill(int(entry), signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def report_state(still):
    print('watchdog: tests still running:', flush=True)
    for seconds, name in still:
        print(f'  {seconds:7.0f} s  {name}')
    print('watchdog: crisis and PostgreSQL processes:', flush=True)
    subprocess.run('ps -eo pid,etimes,pcpu,args | grep -E "[c]risis|[p]ostgres" | cut -c1-200 | head -60',
                   shell=True)
    url = os.environ.get('CRISIS_TEST_DATABASE_URL')
    if url:
        print('watchdog: sessions of the test server (pg_stat_activity):', flush=True)
        subprocess.run(['psql', url, '-X', '-c',
                        "SELECT pid, datname, usename, state, now() - xact_start AS in_transaction, "
                        "wait_event_type, wait_event, left(query, 80) AS query FROM pg_stat_activity "
                        "WHERE backend_type = 'client backend' ORDER BY xact_start NULLS LAST"],
                       timeout=20)
    work = os.environ.get('CRISIS_TEST_WORK')
    log = os.path.join(work, 'postgres.log') if work else None
    if log and os.path.exists(log):
        print(f'watchdog: the last lines of {log}:', flush=True)
        with open(log, errors='replace') as handle:
            for line in handle.readlines()[-40:]:
                sys.stdout.write('  ' + line)
    sys.stdout.flush()


def print_slowest(durations):
    if not durations:
        return
    print('\nThe ten slowest tests:')
    for seconds, name in sorted(durations, reverse=True)[:10]:
        print(f'  {seconds:8.1f} s  {name}')
    sys.stdout.flush()


if __name__ == '__main__':
    main()
