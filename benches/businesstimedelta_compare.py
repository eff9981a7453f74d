#!/usr/bin/env python3
"""Time slac's deadlines against businesstimedelta's on the same queries.

Builds 100,000 deterministic queries (seed 42): starts uniform over
2026-2027 at minute resolution, durations 15 minutes to 40 hours in 15-minute
steps, on the office calendar mon-fri 08:00-12:00 and 13:00-17:00 with 20
weekday holidays a year. businesstimedelta works on naive datetimes that it
reads as UTC, so both sides use the calendar in UTC.

Writes the queries to a file, times businesstimedelta in this process, runs
`cargo bench --bench clock` with SLAC_QUERIES pointing at the file (slac
times itself and writes its deadlines), then checks that every deadline
agrees and prints both rates.

Usage (see docs/performance.md):
    python3 -m venv /tmp/btd && /tmp/btd/bin/pip install businesstimedelta
    /tmp/btd/bin/python benches/businesstimedelta_compare.py [N]
"""

import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time

import businesstimedelta as btd

UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
START = dt.datetime(2026, 1, 1)


def holidays():
    """Same rule as benches/clock.rs: every 18th day of 2025-2029, moved off
    weekends."""
    out = []
    for year in range(2025, 2030):
        for k in range(20):
            d = dt.date(year, 1, 1) + dt.timedelta(days=k * 18)
            if d.year != year:
                continue
            while d.weekday() > 4:
                d += dt.timedelta(days=1)
            out.append(d)
    return out


def queries(n):
    rng = random.Random(42)
    out = []
    for _ in range(n):
        start = START + dt.timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
        minutes = 15 * rng.randint(1, 160)
        out.append((start, minutes))
    return out


def millis(d):
    return int((d.replace(tzinfo=UTC) - EPOCH).total_seconds() * 1000) if d.tzinfo is None \
        else int((d - EPOCH).total_seconds() * 1000)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    hols = holidays()
    qs = queries(n)

    workdays = [0, 1, 2, 3, 4]
    rules = btd.Rules([
        btd.WorkDayRule(start_time=dt.time(8), end_time=dt.time(17), working_days=workdays),
        btd.LunchTimeRule(start_time=dt.time(12), end_time=dt.time(13), working_days=workdays),
        btd.HolidayRule(set(hols)),
    ])
    deltas = {m: btd.BusinessTimeDelta(rules, seconds=m * 60) for m in range(15, 40 * 60 + 1, 15)}

    t0 = time.perf_counter()
    theirs = [millis(start + deltas[m]) for start, m in qs]
    btd_secs = time.perf_counter() - t0
    btd_rate = n / btd_secs
    print(f"businesstimedelta: {n} deadlines in {btd_secs:.2f} s: {btd_rate:.0f} queries/s")

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with tempfile.TemporaryDirectory() as tmp:
        qpath = os.path.join(tmp, "queries.txt")
        opath = os.path.join(tmp, "deadlines.txt")
        with open(qpath, "w") as f:
            f.write("tz UTC\n")
            for d in hols:
                f.write(f"holiday {d.isoformat()}\n")
            for start, m in qs:
                f.write(f"q {millis(start)} {m * 60_000}\n")
        env = dict(os.environ, SLAC_QUERIES=qpath, SLAC_OUT=opath)
        run = subprocess.run(["cargo", "bench", "--bench", "clock"], cwd=root, env=env,
                             capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"cargo bench failed:\n{run.stderr}")
        line = [l for l in run.stdout.splitlines() if l.startswith("slac:")][-1]
        print(line)
        slac_rate = float(line.rsplit(":", 1)[1].split()[0])
        with open(opath) as f:
            ours = [int(l) for l in f]

    diffs = [(qs[i], ours[i], theirs[i]) for i in range(n) if ours[i] != theirs[i]]
    print(f"deadlines compared: {n}, different: {len(diffs)}")
    for (start, m), a, b in diffs[:10]:
        fmt = lambda ms: dt.datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d %a %H:%M")
        print(f"  {start:%Y-%m-%d %a %H:%M} + {m} min: slac {fmt(a)}, businesstimedelta {fmt(b)}")
    print(f"ratio slac / businesstimedelta: {slac_rate / btd_rate:.0f}x")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
