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
    python3 scripts/bench.py --keep DIR --reuse   # the workspaces of an earlier run
    python3 scripts/bench.py --postgres           # the PostgreSQL backend too

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
# WENTI_BINARY: another build to measure (an earlier commit's, for before-and-after figures).
WENTI = Path(os.environ.get("WENTI_BINARY", ROOT / ".build" / "release" / "wenti"))

# The key script of the UI measurement: each group repeats a key enough times for a p99,
# filters are typed and cleared (Esc Esc) so every character is measured on a fresh
# filter, and every tab is visited once (first visit reads the pane, each its own group)
# and then three times more (the pane is current).
MOVE_GROUPS = [
    ("down a line", ["j"] * 60),
    ("down a page", ["PageDown"] * 20),
    ("to the end", ["End", "Home"] * 5),
    ("open/close the detail", ["Enter"] * 10),
]
TABS = [("2", "meetings"), ("3", "supervision"), ("4", "feedback"), ("5", "practices"), ("6", "dashboard"), ("1", "libraries")]
FILTER_REPEATS = 5


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


def key_script(words):
    """The keys and, per key, the group it is measured in (None: not measured). `words` are
    (label, word) pairs: each word is typed into a fresh filter FILTER_REPEATS times and
    every character of it is measured as "filter <label> <prefix>"."""
    keys, groups, order = [], [], []
    for name, sequence in MOVE_GROUPS:
        groups += [name] * len(sequence)
        keys += sequence
        order.append(name)
    for label, word in words:
        names = [f"filter, {label}: {word[:i + 1]}" for i in range(len(word))]
        order += [n for n in names if n not in order]
        for _ in range(FILTER_REPEATS):
            keys += ["/"] + list(word) + ["Esc", "Esc"]
            groups += [None] + names + [None, None]
    for tab, pane in TABS:
        keys.append(tab)
        groups.append(f"first visit: {pane}")
        order.append(f"first visit: {pane}")
    for tab, _ in TABS * 3:
        keys.append(tab)
        groups.append("tab, again")
    order.append("tab, again")
    return keys, groups, order


def p99(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * 0.99 + 0.999) - 1))]


def measure_ui(db, words, env=None):
    keys, groups, order = key_script(words)
    args = [WENTI, "tui", "--db", db, "--headless", "120x40", "--keys", " ".join(keys), "--timings"]
    run(args, env=env or wenti_env())   # warm the page cache; the second run is measured
    _, rss, _, err = run(args, env=env or wenti_env())
    first = float(re.search(r"first_frame_ms=([\d.]+)", err).group(1))
    rows = [line.split("\t") for line in err.splitlines() if "\t" in line and not line.startswith("key\t")]
    if len(rows) != len(keys):
        raise RuntimeError(f"{len(keys)} keys sent, {len(rows)} timed")
    per_group = {}
    for group, row in zip(groups, rows):
        if group:
            per_group.setdefault(group, []).append(float(row[1]) + float(row[2]))
    return first, rss, [(name, statistics.median(per_group[name]), p99(per_group[name]), max(per_group[name]))
                        for name in order if name in per_group]


def wenti_queries(db, words, env=None):
    env = env or wenti_env()
    base = [WENTI, "list", "--db", db]
    questions = {
        "list a filtered page": base + ["--unit", "运维检修部", "--stage", "solving", "--limit", "50"],
        "count": base + ["--count"],
    }
    for label, word in words:
        questions[f"text search {label} ({word}), a page"] = base + ["--text", word, "--limit", "50"]
        questions[f"text search {label} ({word}), count"] = base + ["--text", word, "--count"]
    results = {}
    for name, args in questions.items():
        run(args, env=env)
        wall, rss, out, _ = run(args, env=env)
        results[name] = (wall, rss, out.strip() if name.endswith("count") else None)
    return results


def cjk(ch):
    return "\u3400" <= ch <= "\u4dbf" or "\u4e00" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def choose_words(db, cache):
    """Words of one and two Chinese characters chosen from the data by how many concerns hold
    them (title, description, root cause or plan): the most common, the median, the rarest
    present and one absent; then the most common Latin letter and digit. Counted once per
    workspace and kept beside it (`cache`)."""
    if cache.exists():
        return [tuple(pair) for pair in json.loads(cache.read_text())]
    import sqlite3
    from collections import Counter
    singles, pairs, latin, digits = Counter(), Counter(), Counter(), Counter()
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    for row in connection.execute("SELECT title, description, root_cause, plan FROM concern"):
        ones, twos = set(), set()
        for text in row:
            text = text.lower()
            ones.update(text)
            twos.update(text[i:i + 2] for i in range(len(text) - 1))
        singles.update(ch for ch in ones if cjk(ch))
        latin.update(ch for ch in ones if "a" <= ch <= "z")
        digits.update(ch for ch in ones if "0" <= ch <= "9")
        pairs.update(p for p in twos if cjk(p[0]) and cjk(p[1]))
    connection.close()

    def by_frequency(counter, absent):
        ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        return [("most common", ranked[0][0]), ("median", ranked[len(ranked) // 2][0]),
                ("rarest present", ranked[-1][0]), ("absent", absent)]

    # Absent: common characters of names and places that the synthetic texts never use.
    absent_one = next(ch for ch in "鑫淼犇骉焱垚" if ch not in singles)
    absent_two = next(p for p in ["鑫淼", "犇骉", "焱垚"] if p not in pairs)
    words = [(f"1 character, {label}", w) for label, w in by_frequency(singles, absent_one)]
    words += [(f"2 characters, {label}", w) for label, w in by_frequency(pairs, absent_two)]
    if latin:
        words.append(("Latin letter", latin.most_common(1)[0][0]))
    if digits:
        words.append(("digit", digits.most_common(1)[0][0]))
    words.append(("3 characters", "补贴费"))
    cache.write_text(json.dumps(words, ensure_ascii=False))
    return words


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


def measure_peer(db, directory, timeout, word):
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
    label, text = word
    questions = {
        "list a filtered page": rc + ["project:t-bdyw", "limit:50", "list"],
        f"text search {label} ({text}), a page": rc + [f"/{text}/", "limit:50", "list"],
        "count": rc + ["count"],
        f"text search {label} ({text}), count": rc + [f"/{text}/", "count"],
        "task list": rc + ["list"],
    }
    for name, args in questions.items():
        try:
            run([task] + args, env=env, timeout=timeout)
            wall, rss, _, _ = run([task] + args, env=env, timeout=timeout)
            results[name] = (wall, rss)
        except subprocess.TimeoutExpired:
            results[name] = None
    return results


class PostgresCluster:
    """A private cluster for the benchmark (scripts/pg-cluster.sh: a Unix socket in its own
    folder, no TCP), one database per size, filled by `wenti server import` from the SQLite
    workspace of the same size, so that both backends hold the same concerns."""

    def __init__(self, directory):
        self.directory = directory
        self.script = ROOT / "scripts" / "pg-cluster.sh"
        result = subprocess.run(["bash", self.script, "start", directory], capture_output=True, text=True, check=True)
        self.socket = result.stdout.strip().splitlines()[-1]
        self.psql = next(Path(p) / "psql" for p in sorted(Path("/usr/lib/postgresql").glob("*/bin")))

    def url(self, database, user=None):
        return f"postgresql:///{database}?host={self.socket}" + (f"&user={user}" if user else "")

    def sql(self, database, statement):
        return subprocess.run([self.psql, "-h", self.socket, "-U", "postgres", "-d", database, "-qtAc", statement],
                              capture_output=True, text=True, check=True).stdout.strip()

    def exists(self, name):
        return self.sql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"

    def database(self, name, sqlite_file, env, reuse):
        """Creates database `name` from `sqlite_file` (unless `reuse` and it exists); returns
        (what was done and how long it took, or None; its size in MB)."""
        done = None
        if not (reuse and self.exists(name)):
            self.sql("postgres", f"DROP DATABASE IF EXISTS {name}")
            self.sql("postgres", f"CREATE DATABASE {name}")
            run([WENTI, "server", "init", self.url(name)], env=env)
            wall, rss, _, _ = run([WENTI, "server", "import", sqlite_file, self.url(name)], env=env)
            done = f"`wenti server import` of the SQLite workspace: {wall:.1f} s, peak RSS {rss:.0f} MB"
            # The import moves the people, not their login roles: the measured one gets hers.
            run([WENTI, "server", "add-person", "zg-zhao", "--db", self.url(name)], env=env)
            self.sql(name, "VACUUM ANALYZE")
        else:
            done = self.migrated(name, env)
        return done, int(self.sql(name, f"SELECT pg_database_size('{name}')")) / 1e6

    def migrated(self, name, env):
        """An existing database brought to this binary's schema (`wenti server init` applies
        only the versions it lacks); says how long that took when there was anything to do."""
        before = self.sql(name, "SELECT count(*) FROM wenti.schema_migration")
        wall, _, _, _ = run([WENTI, "server", "init", self.url(name)], env=env)
        after = self.sql(name, "SELECT count(*) FROM wenti.schema_migration")
        if before == after:
            return None
        self.sql(name, "VACUUM ANALYZE")
        return f"`wenti server init` migrated the existing database ({before} → {after} versions): {wall:.1f} s"

    def copied(self, name, base, copies, reuse):
        """Database `name` as `base` with its concerns `copies` times over, the copies' codes
        renumbered (Q-2026-0012 becomes Q-2116-0012, Q-2126-0012, ...): a quicker way to a
        large server workspace than importing one (`--postgres-import-limit`)."""
        done = None
        if not (reuse and self.exists(name)):
            self.sql("postgres", f"DROP DATABASE IF EXISTS {name}")
            self.sql("postgres", f"CREATE DATABASE {name} TEMPLATE {base}")
            started = time.monotonic()
            # One transaction each: the insert leaves deferred trigger events (the audit check
            # at commit), and an index cannot be built in a transaction that holds any.
            self.sql(name, "DROP INDEX wenti.concern_grams")
            self.sql(name, f"""
                INSERT INTO wenti.concern (doc)
                  SELECT jsonb_set(c.doc, '{{code}}', to_jsonb(format('Q-%s-%s', 2100 + k * 10 + (split_part(c.code, '-', 2)::int - 2020),
                                                                       split_part(c.code, '-', 3))))
                  FROM wenti.concern c, generate_series(1, {copies - 1}) k ORDER BY k, c.id
                """)
            self.sql(name, "SET maintenance_work_mem = '512MB'; CREATE INDEX concern_grams ON wenti.concern USING gin (wenti.grams(search_text))")
            self.sql(name, "VACUUM ANALYZE")
            done = f"made on the server from the {base} database's concerns, {copies} times over: {time.monotonic() - started:.1f} s"
        else:
            done = self.migrated(name, {**os.environ, "NO_COLOR": "1"})
        return done, int(self.sql(name, f"SELECT pg_database_size('{name}')")) / 1e6

    def stop(self):
        subprocess.run(["bash", self.script, "stop", self.directory], capture_output=True)


def print_keys(keys):
    print("| key (update + render) | median ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|")
    for name, median, high, top in keys:
        print(f"| {name} | {median:.2f} | {high:.2f} | {top:.2f} |")
    print()


def remove_workspace(path):
    for suffix in ["", "-wal", "-shm"]:
        Path(str(path) + suffix).unlink(missing_ok=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--no-peer", action="store_true", help="skip taskwarrior")
    parser.add_argument("--no-import", action="store_true", help="skip the CSV export and import")
    parser.add_argument("--import-limit", type=int, default=100_000,
                        help="import CSV only up to this size")
    parser.add_argument("--peer-timeout", type=int, default=900, help="seconds before a taskwarrior step is given up")
    parser.add_argument("--keep", help="keep the workspaces in this folder")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: use the workspaces already there instead of creating them again")
    parser.add_argument("--postgres", action="store_true",
                        help="also measure the PostgreSQL backend (a private cluster in the --keep folder)")
    parser.add_argument("--postgres-import-limit", type=int, default=1_000_000,
                        help="larger server workspaces are this size's concerns copied on the server "
                             "(quicker to make than an import)")
    parser.add_argument("--no-build", action="store_true", help="use the release binary as it is")
    options = parser.parse_args()

    if not options.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "wenti"], cwd=ROOT, check=True, capture_output=True)
    directory = Path(options.keep) if options.keep else Path(tempfile.mkdtemp(prefix="wenti-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    env = wenti_env()
    machine = subprocess.run(["uname", "-srm"], capture_output=True, text=True).stdout.strip()
    print(f"# wenti benchmark — {time.strftime('%Y-%m-%d %H:%M')} — {machine}, {os.cpu_count()} cores\n")
    cluster = PostgresCluster(directory / "postgres") if options.postgres else None
    try:
        for size in options.sizes:
            measure_size(size, directory, options, env, cluster)
    finally:
        if cluster:
            cluster.stop()
    if not options.keep:
        shutil.rmtree(directory, ignore_errors=True)


def measure_size(size, directory, options, env, cluster):
    db = directory / f"w{size}.sqlite"
    print(f"## {size:,} concerns (+69 seeds)\n")
    created = None
    if not (options.reuse and db.exists()):
        remove_workspace(db)
        created, created_rss, _, _ = run([WENTI, "demo", "--scale", size, "--no-tui", "--db", db], env=env)
        print(f"- created (`wenti demo --scale {size}`): {created:.2f} s, peak RSS {created_rss:.0f} MB")
    print(f"- workspace file: {db.stat().st_size / 1e6:.0f} MB")
    if size <= options.import_limit and not options.no_import:
        exported = directory / f"w{size}.csv"
        with open(exported, "w") as out:
            started = time.monotonic()
            subprocess.run([WENTI, "export", "--db", db], stdout=out, check=True, env=env)
            print(f"- exported (`wenti export`, CSV): {time.monotonic() - started:.2f} s")
        imported_db = directory / f"i{size}.sqlite"
        remove_workspace(imported_db)
        run([WENTI, "init", "--db", imported_db], env=env)
        imported, imported_rss, _, _ = run([WENTI, "import", exported, "--db", imported_db], env=env)
        print(f"- imported (`wenti import`, {size + 69:,} rows of CSV): {imported:.2f} s, peak RSS {imported_rss:.0f} MB")
    words = choose_words(db, directory / f"w{size}.words.json")
    print("- filter words (chosen from this workspace by how many concerns hold them): "
          + ", ".join(f"{label} {word}" for label, word in words))
    first, ui_rss, keys = measure_ui(db, words)
    print(f"- terminal UI: first frame {first:.1f} ms (opening the database included), peak RSS {ui_rss:.0f} MB\n")
    print_keys(keys)
    ours = wenti_queries(db, words)
    two = next(w for w in words if w[0] == "2 characters, most common")
    peer = None if options.no_peer else measure_peer(db, directory, options.peer_timeout, two)
    print("| question | wenti s | wenti MB | answer | taskwarrior s | taskwarrior MB | taskwarrior ÷ wenti |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    if peer is not None and created is not None:
        theirs = peer.get("import")
        ratio = f"{theirs[0] / created:.1f}×" if theirs else "—"
        shown = f"{theirs[0]:.2f} | {theirs[1]:.0f}" if theirs else f"> {options.peer_timeout} s | —"
        print(f"| load {size:,} concerns (wenti: demo; taskwarrior: import) | {created:.2f} | {created_rss:.0f} | | {shown} | {ratio} |")
    for name, (wall, rss, answer) in ours.items():
        theirs = peer.get(name) if peer else None
        shown = f"{theirs[0]:.3f} | {theirs[1]:.0f} | {theirs[0] / wall:.1f}×" if theirs else "— | — | —"
        print(f"| {name} | {wall:.3f} | {rss:.0f} | {answer or ''} | {shown} |")
    if peer and peer.get("task list"):
        wall, rss = peer["task list"]
        print(f"| `task list` (all pending) | | | | {wall:.3f} | {rss:.0f} | first frame = {first / 10 / wall:.2f} % of it |")
    print()
    sys.stdout.flush()
    if cluster:
        measure_postgres(size, db, words, options, env, cluster)


def measure_postgres(size, db, words, options, env, cluster):
    name = f"wenti_{size}"
    if size > options.postgres_import_limit:
        base = options.postgres_import_limit
        if not cluster.exists(f"wenti_{base}"):
            cluster.database(f"wenti_{base}", db.parent / f"w{base}.sqlite", env, options.reuse)
        done, megabytes = cluster.copied(name, f"wenti_{base}", size // base, options.reuse)
        # The copies hold the smaller workspace's words, at ten times the counts.
        words = choose_words(db.parent / f"w{base}.sqlite", db.parent / f"w{base}.words.json")
    else:
        done, megabytes = cluster.database(name, db, env, options.reuse)
    print(f"### PostgreSQL, {size:,} concerns\n")
    if done:
        print(f"- {done}")
    print(f"- database size: {megabytes:.0f} MB")
    print("- filter words: " + ", ".join(f"{label} {word}" for label, word in words))
    # The demo's political-work staff see every concern, as the SQLite file's owner does.
    url = cluster.url(name, user="zg-zhao")
    first, ui_rss, keys = measure_ui(url, words)
    print(f"- terminal UI over the Unix socket: first frame {first:.1f} ms (connecting included), peak RSS {ui_rss:.0f} MB\n")
    print_keys(keys)
    print("| question | wenti s | wenti MB | answer |")
    print("|---|---:|---:|---:|")
    for name, (wall, rss, answer) in wenti_queries(url, words).items():
        print(f"| {name} | {wall:.3f} | {rss:.0f} | {answer or ''} |")
    print()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
