#!/usr/bin/env python3
"""Re-verify a crisis JSONL export with no crisis code (Python 3 standard library only).

Recomputes every event's SHA-256 as docs/hash-chain.md defines it and checks
that versions run 1, 2, 3, ... per stream and that each prev_hash is the hash
of the event before it. With --seal, also checks that the export's event at
the seal's head for this stream has the sealed hash (the seal's signature is
Ed25519 and is checked by `crisis audit verify --seal`, not here).

A line with "record" and no "stream_id" (the breach-notification answers
crisis derives from the events) is not an event and is skipped.

A line whose "withheld" field is set (a privileged note left out of the export)
has no data to hash: its version and prev_hash are checked and its stated hash
is taken as the link; the next event's hash covers that link, and a seal's head
hash pins the last one, so a withheld event cannot be altered or dropped unseen.

Usage: python3 scripts/verify-export.py EXPORT.jsonl [--seal SEAL.json]
Exit 0 when the chain holds, 1 at the first bad event (named), 2 on bad input.
"""
import hashlib
import json
import struct
import sys
import uuid


def frame(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def event_hash(event: dict, prev_hash: bytes) -> bytes:
    b = frame(b"crisis-event-v1")
    b += frame(prev_hash)
    b += frame(event["stream_id"].encode("utf-8"))
    b += struct.pack(">q", event["stream_version"])
    b += uuid.UUID(event["event_id"]).bytes
    b += frame(event["event_type"].encode("utf-8"))
    b += struct.pack(">i", event["schema_version"])
    b += frame(event["data_text"].encode("utf-8"))
    b += frame(event["metadata_text"].encode("utf-8"))
    b += frame(event["actor"].encode("utf-8"))
    b += struct.pack(">q", event["recorded_at_micros"])
    return hashlib.sha256(b).digest()


def main(argv):
    args = argv[1:]
    seal_path = None
    if "--seal" in args:
        i = args.index("--seal")
        if i + 1 >= len(args):
            print("--seal needs a file", file=sys.stderr)
            return 2
        seal_path = args[i + 1]
        del args[i : i + 2]
    if len(args) != 1:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    heads = {}
    count = 0
    withheld = 0
    seal = None
    if seal_path:
        with open(seal_path, encoding="utf-8") as f:
            seal = json.load(f)
    # Only the hashes at sealed versions are kept, so memory stays flat.
    wanted = {(s["stream_id"], s["version"]) for s in seal["streams"]} if seal else set()
    sealed_hashes = {}
    with open(args[0], encoding="utf-8") as export:
        for number, line in enumerate(export, start=1):
            if not line.strip():
                continue
            try:
                event = json.loads(line)
            except json.JSONDecodeError as error:
                print(f"line {number} is not JSON: {error}", file=sys.stderr)
                return 2
            if "record" in event and "stream_id" not in event:
                # The derived breach-notification answers (not an event, not hashed).
                continue
            stream = event["stream_id"]
            version, prev = heads.get(stream, (0, b""))
            where = f"stream {stream}, version {event['stream_version']}, global position {event['global_position']}"
            if event["stream_version"] != version + 1:
                print(f"TAMPERED: {where}: expected version {version + 1}: an event is missing or out of order")
                return 1
            if bytes.fromhex(event["prev_hash"]) != prev:
                print(f"TAMPERED: {where}: its prev_hash is not the hash of the event before it")
                return 1
            if event.get("withheld"):
                # Its words are withheld (privileged); its hash is pinned by the next event's. Only a
                # privileged note may be withheld, and only with nothing of its data left: a line of
                # any other type marked withheld is an attempt to hide what it says.
                if event.get("withheld") != "privileged" or event.get("event_type") != "PrivilegedNoteAdded" \
                        or event.get("data_text") or event.get("data_opened"):
                    print(f"TAMPERED: {where}: only a privileged note's words may be withheld, and this line is a "
                          f"{event.get('event_type')} marked withheld")
                    return 1
                recomputed = bytes.fromhex(event["hash"])
                withheld += 1
            else:
                recomputed = event_hash(event, prev)
            if recomputed.hex() != event["hash"]:
                print(f"TAMPERED: {where}: stored hash {event['hash']} does not match its content (recomputed {recomputed.hex()})")
                return 1
            heads[stream] = (event["stream_version"], recomputed)
            if (stream, event["stream_version"]) in wanted:
                sealed_hashes[(stream, event["stream_version"])] = recomputed.hex()
            count += 1
    if seal:
        for sealed in seal["streams"]:
            if sealed["stream_id"] not in heads:
                continue
            found = sealed_hashes.get((sealed["stream_id"], sealed["version"]))
            if found != sealed["head_hash"]:
                print(f"REWRITTEN: stream {sealed['stream_id']}, version {sealed['version']}: the seal records {sealed['head_hash']}, the export has {found}")
                return 1
    note = f" ({withheld} withheld as privileged: their hashes are linked, their words not shown)" if withheld else ""
    print(f"OK: {count} events in {len(heads)} streams; every hash chain verifies{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
