#!/usr/bin/env python3
"""Benchmarks wenti at 10,000, 100,000 and 1,000,000 concerns, beside taskwarrior.

Measures what docs/PERFORMANCE.md reports: creating and importing N concerns, the first
frame and every key of the terminal UI (headless, `wenti tui --timings`), `wenti list`
(a filtered page, a text search, counts), and peak memory; then exports the same N
concerns into taskwarrior's import format and times `task` on the same questions,
printing the ratio for each.

    python3 scripts/bench.py                      # 10000 100000 1000000
    python3 scripts/bench.py --sizes 10000        # one size
    python3 scripts/bench.py --no-peer            # wenti only

Needs a Swift toolchain (builds the release binary), /usr/bin/time (GNU time) and, for the
peer, taskwarrior (`apt-get install taskwarrior`). Nothing here runs in CI.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WENTI = ROOT / ".build" / "release" / "wenti"

# The key script of the UI measurement: each group repeats a key enough times for a p99,
# filters are typed and cleared (Esc Esc) so every character is measured on a fresh
# filter, and every tab is visited twice (first visit reads the pane, the second finds it
# current).
KEY_GROUPS = [
    ("down a line", ["j"] * 60),
    ("down a page", ["PageDown"] * 20),
    ("to the end", ["End", "Home"] * 5),
    ("open/close the detail", ["Enter"] * 10),
    ("filter, 1st character (补)", None),
    ("filter, 2nd character (贴)", None),
    ("filter, 3rd character (费)", None),
    ("tab, first visit", None),
    ("tab, again", None),
]


def run(args, env=None, timeout=None, stdin=None):
    """Runs a command under GNU time; returns (seconds, peak RSS in MB, stdout, stderr)."""
    command = ["/usr/bin/time", "-f", "__time__ %e %M"] + [str(a) for a in args]
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, stdin=stdin)
    wall = time.monotonic() - started
    match = re.search(r"__time__ ([\d.]+) (\d+)", result.stderr)
    rss = int(match.group(2)) / 1024 if match else float("nan")
    err = re.sub(r"__time__ .*\n?", "", result.stderr)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} failed ({result.returncode}): {err.strip()[:400]}")
    return wall, rss, result.stdout, err


def wenti_env():
    env = dict(os.environ)
    env.pop("WENTI_DB", None)
    env["NO_COLOR"] = "1"
    return env


def key_script():
    keys, groups = [], []
    for name, sequence in KEY_GROUPS:
        if sequence:
            groups += [name] * len(sequence)
            keys += sequence
    for _ in range(5):
        keys += ["/", "补", "贴", "费", "Esc", "Esc"]
        groups += [None, "filter, 1st character (补)", "filter, 2nd character (贴)", "filter, 3rd character (费)", None, None]
    for tab in ["2", "3", "4", "5", "6", "1"]:
        keys.append(tab)
        groups.append("tab, first visit")
    for tab in ["2", "3", "4", "5", "6", "1"] * 3:
        keys.append(tab)
        groups.append("tab, again")
    return keys, groups


def p99(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * 0.99 + 0.999) - 1))]


def measure_ui(db):
    keys, groups = key_script()
    args = [WENTI, "tui", "--db", db, "--headless", "120x40", "--keys", " ".join(keys), "--timings"]
    run(args, env=wenti_env())   # warm the page cache; the second run is measured
    _, rss, _, err = run(args, env=wenti_env())
    first = float(re.search(r"first_frame_ms=([\d.]+)", err).group(1))
    rows = [line.split("\t") for line in err.splitlines() if "\t" in line and not line.startswith("key\t")]
    per_group = {}
    for group, row in zip(groups, rows):
        if group:
            per_group.setdefault(group, []).append(float(row[1]) + float(row[2]))
    return first, rss, {name: (statistics.median(v), p99(v), max(v)) for name, v in per_group.items()}


def wenti_queries(db):
    env = wenti_env()
    base = [WENTI, "list", "--db", db]
    questions = {
        "list a filtered page": base + ["--unit", "运维检修部", "--stage", "solving", "--limit", "50"],
        "text search, a page": base + ["--text", "补贴", "--limit", "50"],
        "count": base + ["--count"],
        "text search, count": base + ["--text", "补贴", "--count"],
    }
    results = {}
    for name, args in questions.items():
        run(args, env=env)
        wall, rss, _, _ = run(args, env=env)
        results[name] = (wall, rss)
    return results


def concern_rows(db):
    """The concerns straight from the workspace file (SQLite), as the fields the peer needs:
    faster than `wenti export`, which reads every concern whole."""
    import sqlite3
    from datetime import date, timedelta
    epoch = date(1970, 1, 1)

    def day(ordinal):
        return "" if ordinal is None else (epoch + timedelta(days=ordinal)).isoformat()

    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    query = "SELECT year, seq, title, unit_id, category_id, stage, grade, reported_on, closed_on, deadline FROM concern ORDER BY id"
    for year, seq, title, unit, category, stage, grade, reported, closed, deadline in connection.execute(query):
        yield {"code": f"Q-{year}-{seq:04d}", "title": title, "unit": unit, "category": category, "stage": stage,
               "grade": grade or "", "reported_on": day(reported), "closed_on": day(closed), "deadline": day(deadline)}
    connection.close()


def to_taskwarrior(db, json_path):
    """The same concerns as taskwarrior tasks: title → description, library → project,
    category → tag, grade → priority, closed → completed, deadline → due."""
    priority = {"urgent": "H", "major": "H", "general": "M", "budding": "L"}
    count = 0
    with open(json_path, "w", encoding="utf-8") as out:
        for row in concern_rows(db):
            day = row["reported_on"].replace("-", "")
            task = {
                "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, "wenti:" + row["code"])),
                "description": row["title"],
                "project": row["unit"],
                "tags": [row["category"].replace("-", "_")],
                "entry": f"{day}T000000Z",
                "status": "completed" if row["stage"] == "closed" else "pending",
            }
            if row["stage"] == "closed":
                task["end"] = (row["closed_on"] or row["reported_on"]).replace("-", "") + "T000000Z"
            if row["grade"] in priority:
                task["priority"] = priority[row["grade"]]
            if row["deadline"]:
                task["due"] = row["deadline"].replace("-", "") + "T000000Z"
            out.write(json.dumps(task, ensure_ascii=False) + "\n")
            count += 1
    return count


def task_env(data):
    env = dict(os.environ)
    env["TASKRC"] = "/dev/null"
    env["TASKDATA"] = str(data)
    return env


def measure_peer(db, directory, timeout):
    task = shutil.which("task")
    if not task:
        return None
    data = directory / "taskdata"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    tasks = directory / "tasks.json"
    to_taskwarrior(db, tasks)
    env = task_env(data)
    rc = ["rc.confirmation=off", "rc.verbose=nothing", "rc.hooks=off", "rc.gc=off", "rc.recurrence=off", "rc.json.array=off"]
    try:
        imported = run([task] + rc + ["import", tasks], env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"import": None}
    results = {"import": (imported[0], imported[1])}
    questions = {
        "list a filtered page": rc + ["project:t-bdyw", "limit:50", "list"],
        "text search, a page": rc + ["/补贴/", "limit:50", "list"],
        "count": rc + ["count"],
        "text search, count": rc + ["/补贴/", "count"],
    }
    for name, args in questions.items():
        try:
            run([task] + args, env=env, timeout=timeout)
            wall, rss, _, _ = run([task] + args, env=env, timeout=timeout)
            results[name] = (wall, rss)
        except subprocess.TimeoutExpired:
            results[name] = None
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--no-peer", action="store_true", help="skip taskwarrior")
    parser.add_argument("--import-limit", type=int, default=100_000,
                        help="import CSV only up to this size (the import holds every row in memory for its one transaction)")
    parser.add_argument("--peer-timeout", type=int, default=900, help="seconds before a taskwarrior step is given up")
    parser.add_argument("--keep", help="keep the workspaces in this folder")
    options = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--product", "wenti"], cwd=ROOT, check=True, capture_output=True)
    directory = Path(options.keep) if options.keep else Path(tempfile.mkdtemp(prefix="wenti-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    env = wenti_env()
    machine = subprocess.run(["uname", "-srm"], capture_output=True, text=True).stdout.strip()
    print(f"# wenti benchmark — {time.strftime('%Y-%m-%d')} — {machine}, {os.cpu_count()} cores\n")
    for size in options.sizes:
        db = directory / f"w{size}.sqlite"
        for suffix in ["", "-wal", "-shm"]:
            Path(str(db) + suffix).unlink(missing_ok=True)
        created, created_rss, _, _ = run([WENTI, "demo", "--scale", size, "--no-tui", "--db", db], env=env)
        print(f"## {size:,} concerns (+69 seeds)\n")
        print(f"- created (`wenti demo --scale {size}`): {created:.2f} s, peak RSS {created_rss:.0f} MB")
        if size <= options.import_limit:
            exported = directory / f"w{size}.csv"
            with open(exported, "w") as out:
                started = time.monotonic()
                subprocess.run([WENTI, "export", "--db", db], stdout=out, check=True, env=env)
                print(f"- exported (`wenti export`, CSV): {time.monotonic() - started:.2f} s")
            imported_db = directory / f"i{size}.sqlite"
            for suffix in ["", "-wal", "-shm"]:
                Path(str(imported_db) + suffix).unlink(missing_ok=True)
            run([WENTI, "init", "--db", imported_db], env=env)
            imported, imported_rss, _, _ = run([WENTI, "import", exported, "--db", imported_db], env=env)
            print(f"- imported (`wenti import`, {size + 69:,} rows of CSV): {imported:.2f} s, peak RSS {imported_rss:.0f} MB")
        first, ui_rss, keys = measure_ui(db)
        print(f"- terminal UI: first frame {first:.1f} ms (opening the database included), peak RSS {ui_rss:.0f} MB\n")
        print("| key (update + render) | median ms | p99 ms | max ms |")
        print("|---|---:|---:|---:|")
        for name, _ in KEY_GROUPS:
            if name in keys:
                median, high, top = keys[name]
                print(f"| {name} | {median:.2f} | {high:.2f} | {top:.2f} |")
        print()
        ours = wenti_queries(db)
        peer = None if options.no_peer else measure_peer(db, directory, options.peer_timeout)
        print("| question | wenti s | wenti MB | taskwarrior s | taskwarrior MB | taskwarrior ÷ wenti |")
        print("|---|---:|---:|---:|---:|---:|")
        if peer is not None:
            mine = (created, created_rss)
            theirs = peer.get("import")
            ratio = f"{theirs[0] / mine[0]:.1f}×" if theirs else "—"
            shown = f"{theirs[0]:.2f} | {theirs[1]:.0f}" if theirs else f"> {options.peer_timeout} s | —"
            print(f"| load {size:,} concerns (wenti: demo; taskwarrior: import) | {mine[0]:.2f} | {mine[1]:.0f} | {shown} | {ratio} |")
        for name, (wall, rss) in ours.items():
            theirs = peer.get(name) if peer else None
            if peer is None:
                print(f"| {name} | {wall:.3f} | {rss:.0f} | — | — | — |")
            elif theirs is None:
                print(f"| {name} | {wall:.3f} | {rss:.0f} | (not measured) | — | — |")
            else:
                print(f"| {name} | {wall:.3f} | {rss:.0f} | {theirs[0]:.3f} | {theirs[1]:.0f} | {theirs[0] / wall:.1f}× |")
        print()
        sys.stdout.flush()
    if not options.keep:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
