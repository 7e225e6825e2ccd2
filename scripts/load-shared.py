#!/usr/bin/env python3
"""Twenty client processes against one shared server, writing to overlapping concerns.

Starts a private cluster with the demo company (scripts/pg-cluster.sh demo), then runs CLIENTS
workers at once, each making WRITES `wenti progress` writes, round robin over a few open
concerns, as political-work staff (each worker logged in as one of them). Afterwards it checks
that no update was lost: every write that succeeded is in its concern's notes exactly once and
has its audit row written by the role that made it; every refused one said why. Prints the
write latency (the whole command: process start, connection, transaction) as p50/p99.

With --expect-version each write first reads the concern's version, as a screen shows it, and
is made with --expect-version: a write that lost the race must be refused as a conflict (exit
3, naming who changed the concern) and leave nothing behind.

    scripts/load-shared.py --wenti .build/release/wenti [--clients 20] [--writes 10] [--expect-version]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROLES = ["zg-zhao", "zg-sun", "zg-qian", "zg-wu"]


def psql(socket, sql, role=None):
    role = role or os.environ.get("USER") or subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    out = subprocess.run([psql_binary(), "-h", socket, "-U", role, "-d", "wenti", "-qtAc", sql],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def psql_binary():
    versions = sorted(os.listdir("/usr/lib/postgresql"))
    return f"/usr/lib/postgresql/{versions[-1]}/bin/psql"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wenti", required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--writes", type=int, default=10)
    parser.add_argument("--concerns", type=int, default=5)
    parser.add_argument("--expect-version", action="store_true", help="read the version first; stale writes must be conflicts")
    args = parser.parse_args()
    wenti = os.path.abspath(args.wenti)

    folder = tempfile.mkdtemp(prefix="wenti-load-")
    cluster = os.path.join(HERE, "pg-cluster.sh")
    subprocess.run([cluster, "demo", folder], check=True, env={**os.environ, "WENTI": wenti}, stdout=subprocess.DEVNULL)
    socket = os.path.join(folder, "socket")
    try:
        codes = psql(socket, "SELECT code FROM wenti.concern WHERE stage IN ('found','analysing','defined','solving') "
                             f"ORDER BY id LIMIT {args.concerns}").split("\n")
        start_seq = int(psql(socket, "SELECT coalesce(max(seq), 0) FROM wenti.audit_log"))

        def client(index):
            role = ROLES[index % len(ROLES)]
            url = f"postgresql:///wenti?host={socket}&user={role}"
            results = []
            for write in range(args.writes):
                code = codes[(index + write) % len(codes)]
                text = f"load c{index} w{write}"
                command = [wenti, "progress", code, text, "--db", url, "--lang", "en"]
                if args.expect_version:
                    command += ["--expect-version", psql(socket, f"SELECT version FROM wenti.concern WHERE code = '{code}'", role)]
                began = time.perf_counter()
                done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
                results.append((code, text, role, done.returncode, done.stderr.strip(), time.perf_counter() - began))
            return results

        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            results = [r for batch in pool.map(client, range(args.clients)) for r in batch]
        wall = time.perf_counter() - began

        succeeded = [r for r in results if r[3] == 0]
        refused = [r for r in results if r[3] != 0]
        unclear = [r for r in refused if not r[4]]
        notes = psql(socket, "SELECT n->>'text' FROM wenti.concern c, jsonb_array_elements(c.doc->'notes') n "
                             "WHERE n->>'text' LIKE 'load c%'").split("\n")
        notes = [n for n in notes if n]
        audited = int(psql(socket, f"SELECT count(*) FROM wenti.audit_log WHERE seq > {start_seq} AND action = 'progress' "
                                   f"AND db_user = actor_id"))
        lost = [r for r in succeeded if notes.count(r[1]) != 1]
        # A refused write leaves no note; with versions, each refusal is a conflict (exit 3).
        leaked = [r for r in refused if r[1] in notes]
        not_conflicts = [r for r in refused if args.expect_version and r[3] != 3]
        latencies = sorted(r[5] * 1000 for r in results)
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        print(f"clients {args.clients}, writes each {args.writes}, concerns {len(codes)}: "
              f"{len(succeeded)} succeeded, {len(refused)} refused ({len(unclear)} without a message), "
              f"{len(lost)} lost, {len(leaked)} refused yet written, {len(not_conflicts)} refused for another reason than a conflict, "
              f"{audited} audit rows by their own role, in {wall:.1f} s")
        print(f"write latency (whole command) p50 {statistics.median(latencies):.0f} ms, p99 {p99:.0f} ms")
        for r in refused[:5]:
            print(f"  refused {r[0]} as {r[2]}: {r[4]}")
        ok = (not lost and not unclear and not leaked and not not_conflicts
              and audited == len(succeeded) and len(notes) == len(succeeded))
        return 0 if ok else 1
    finally:
        subprocess.run([cluster, "stop", folder])
        subprocess.run(["rm", "-rf", folder])


if __name__ == "__main__":
    sys.exit(main())
