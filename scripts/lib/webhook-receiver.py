#!/usr/bin/env python3
"""The paging tests' own webhook receiver, on 127.0.0.1.

It checks each page's X-Crisis-Signature (t=UNIX_TIME,v1=HEX(HMAC-SHA256(secret, "t.body")),
refusing a time more than 300 s from its own clock) and logs every request as one JSON line.
The path says how to answer:
  /ok                  200
  /fail/CODE/N         CODE for the first N requests of each page id, then 200
  /stall               no answer for 30 s (crisis gives up after its 10 s timeout)
  /close               the connection closed without an answer
  /unsigned...         200 without a signature (PagerDuty's format carries none)
Usage: webhook-receiver.py --secret S --log FILE --port-file FILE
"""
import argparse, hashlib, hmac, json, os, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--secret", required=True)
parser.add_argument("--log", required=True)
parser.add_argument("--port-file", required=True)
args = parser.parse_args()
counts = {}
lock = threading.Lock()


def signature_valid(header, body):
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        stamp = int(parts["t"])
        expected = hmac.new(args.secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
        return abs(time.time() - stamp) <= 300 and hmac.compare_digest(expected, parts["v1"])
    except Exception:
        return False


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        page = self.headers.get("Idempotency-Key", "")
        status = 200
        parts = self.path.strip("/").split("/")
        if parts[0] == "fail" and len(parts) == 3:
            with lock:
                seen = counts.get((self.path, page), 0)
                counts[(self.path, page)] = seen + 1
            if seen < int(parts[2]):
                status = int(parts[1])
        elif parts[0] == "stall":
            time.sleep(30)
        elif parts[0] == "close":
            self.log_entry(status=0, valid=False, body=body)
            self.close_connection = True
            return
        valid = signature_valid(self.headers.get("X-Crisis-Signature", ""), body)
        if not valid and parts[0] != "unsigned":
            status = 401
        self.log_entry(status, valid, body)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_entry(self, status, valid, body):
        entry = {
            "path": self.path, "status": status, "signature_valid": valid,
            "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body.decode("utf-8", "replace"),
        }
        with lock, open(args.log, "a") as log:
            log.write(json.dumps(entry) + "\n")

    def log_message(self, *_):
        pass


def follow_parent(parent):
    # A receiver outlives no test: when the test process is gone, so is the receiver (it would
    # otherwise hold the test runner's output open and keep it waiting).
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


threading.Thread(target=follow_parent, args=(os.getppid(),), daemon=True).start()
server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
with open(args.port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.replace(args.port_file + ".tmp", args.port_file)
server.serve_forever()
