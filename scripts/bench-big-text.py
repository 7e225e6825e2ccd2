#!/usr/bin/env python3
"""Key times with big text (issue 18): a 1 MB description selected, and twenty
10,000-character titles among the solved concerns of the selected one's category.

Titles that long can no longer be typed or imported (the limit is 120 characters), so the
script writes them straight into a demo workspace, as an older file would hold them, and
runs the headless UI over the libraries and the feedback pane with --timings.

    python3 scripts/bench-big-text.py [--binary .build/release/wenti]
"""
import argparse, os, sqlite3, subprocess, tempfile

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=".build/release/wenti" if os.path.exists(".build/release/wenti") else ".build/debug/wenti")
parser.add_argument("--size", default="120x40")
args = parser.parse_args()

with tempfile.TemporaryDirectory() as directory:
    db = os.path.join(directory, "big.sqlite")
    subprocess.run([args.binary, "demo", "--no-tui", "--db", db], check=True, stdout=subprocess.DEVNULL)
    connection = sqlite3.connect(db)
    newest = [row[0] for row in connection.execute("SELECT id FROM concern ORDER BY year DESC, seq DESC LIMIT 10")]
    category = connection.execute("SELECT category_id FROM concern WHERE id = ?", (newest[0],)).fetchone()[0]
    solved = [row[0] for row in connection.execute("SELECT id FROM concern WHERE stage IN ('awaiting-feedback', 'closed') LIMIT 20")]
    title = ("值班人员反映夜间没有热饭" * 900)[:10_000]
    for index, concern in enumerate(solved):
        connection.execute("UPDATE concern SET title = ?, category_id = ? WHERE id = ?", (f"{index}{title}", category, concern))
    for concern in newest:
        connection.execute("UPDATE concern SET category_id = ? WHERE id = ?", (category, concern))
    description = ("第一行：值班人员反映夜间没有热饭，食堂八点关门。\n" * 40_000)[:1_000_000]
    connection.execute("UPDATE concern SET description = ? WHERE id = ?", (description, newest[0]))
    connection.commit()
    connection.close()
    for name, keys in [("libraries, 1 MB description and long similar titles", "j k " * 10),
                       ("feedback pane, long titles", "4 " + "j " * 12)]:
        run = subprocess.run([args.binary, "tui", "--headless", args.size, "--keys", keys.strip(), "--timings", "--db", db],
                             capture_output=True, text=True, check=True)
        print(f"{name}: {run.stderr.strip().splitlines()[-1]}")
