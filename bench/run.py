"""``make bench``: every row measured in one run on this machine, then one table, budgets and ratios.

Each row is a command run as a fresh process: a warm-up run, then N measured runs (medians
are reported, with the spread and the peak memory of the whole process tree). Rows under a
two seconds get at least 15 runs. Settings come from options or the environment:

    BENCH_RUNS=5 BENCH_WARMUP=1       measured runs and warm-up runs per row
    BENCH_ROUNDS=1                    go through all the rows this many times, each time with
                                      BENCH_RUNS runs a row: a machine that speeds up or slows down
                                      during the run then touches every row alike, and the ratios hold
    BENCH_QUICK=1                     one run, no warm-up, scales 1× and 2×: to try the harness
    BENCH_SCALES=1,2,4,8              sizes of the generated scale courses
    BENCH_ROWS=REGEX                  only the rows whose key matches (floor, build, only:booklet, ...)
    BENCH_COURSE=course               the course to measure
    BENCH_TOOLS=/work/bench-tools     where npm installs the Marp CLI
    BENCH_NO_INSTALL=1                do not try to install the peers
    BENCH_TIMEOUT=900                 seconds before one run is stopped

The table and the ratios are printed and written to bench/results/latest.md (and .json).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import measure
import preview
from report import Result, describe_outputs, document
from rows import HERE, REPO, Row, Setup, all_rows

FAST_SECONDS = 2.0
FAST_RUNS = 15


def options() -> argparse.Namespace:
    env = os.environ.get
    quick = env("BENCH_QUICK", "") not in ("", "0")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", default=quick)
    parser.add_argument("--runs", type=int, default=int(env("BENCH_RUNS", "0")) or None)
    parser.add_argument("--warmup", type=int, default=int(env("BENCH_WARMUP", "-1")))
    parser.add_argument("--rounds", type=int, default=int(env("BENCH_ROUNDS", "1")))
    parser.add_argument("--scales", default=env("BENCH_SCALES"))
    parser.add_argument("--rows", default=env("BENCH_ROWS", ""), help="regular expression on row keys")
    parser.add_argument("--course", type=Path, default=Path(env("BENCH_COURSE", str(REPO / "course"))))
    parser.add_argument("--tools", type=Path, default=Path(env("BENCH_TOOLS", "") or default_tools()))
    parser.add_argument("--no-install", action="store_true", default=env("BENCH_NO_INSTALL", "") not in ("", "0"))
    parser.add_argument("--timeout", type=float, default=float(env("BENCH_TIMEOUT", "900")))
    parser.add_argument("--results", type=Path, default=HERE / "results")
    args = parser.parse_args()
    args.runs = args.runs or (1 if args.quick else 5)
    args.warmup = args.warmup if args.warmup >= 0 else (0 if args.quick else 1)
    args.scales = tuple(int(n) for n in (args.scales or ("1,2" if args.quick else "1,2,4,8")).split(","))
    args.course = args.course.resolve()
    return args


def default_tools() -> Path:
    """Outside the repository: /work/bench-tools where /work is writable, else the user's cache."""
    work = Path("/work")
    if work.is_dir() and os.access(work, os.W_OK):
        return work / "bench-tools"
    return Path.home() / ".cache" / "coursebuild" / "bench-tools"


def install_peers(tools: Path, skip: bool) -> dict[str, str]:
    """Run install_peers.sh (or only look, with --no-install); name -> its status line."""
    if skip:
        return {}
    say("installing or finding the peers (pandoc, Chromium, Marp CLI) ...")
    done = subprocess.run(["sh", str(HERE / "install_peers.sh")], capture_output=True, text=True,
                          env=dict(os.environ, BENCH_TOOLS=str(tools)))
    peers = {}
    for line in done.stdout.splitlines():
        name, _, status = line.partition(": ")
        if status:
            peers[name] = status
            say(f"  {line}")
    return peers


def base_env(setup: Setup) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{setup.python.parent}{os.pathsep}{env.get('PATH', '')}"  # pandoc finds our WeasyPrint
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure_row(row: Row, setup: Setup, args: argparse.Namespace, round_index: int = 0) -> Result:
    if row.skip:
        return Result(row, skip=row.skip)
    if row.prepare and round_index == 0:  # the set-up stands for the later rounds
        reason = row.prepare()
        if reason:
            return Result(row, skip=reason)
    folder = setup.scratch / "runs" / str(round_index) / re.sub(r"\W", "-", row.key)
    if row.preview:
        return measure_preview(row, setup, args, folder)
    result = Result(row)
    runs, warmup, index = args.runs, max(args.warmup, row.min_warmup), 0
    while index < warmup + runs:
        scratch = folder / str(index)
        scratch.mkdir(parents=True)
        env = base_env(setup) | {"XDG_CACHE_HOME": str(scratch / "cache")} | row.env
        sample = measure.run(row.command(scratch), env=env, cwd=REPO, timeout=args.timeout)
        warm = index < warmup
        say(f"  {row.key}: {'warm-up' if warm else 'run'} {index + 1}/{warmup + runs}: "
            f"{sample.seconds:.3f} s, {sample.peak_bytes / 1e6:.0f} MB" + ("" if sample.ok else " FAILED"))
        if not sample.ok:
            result.failure = sample.failure()
            break
        if not warm:
            result.seconds.append(sample.seconds)
            result.peak_bytes = max(result.peak_bytes, sample.peak_bytes)
        if index == 0 and sample.seconds < FAST_SECONDS and not args.quick:
            runs = max(runs, -(-FAST_RUNS // max(1, args.rounds)))  # FAST_RUNS in all, over the rounds
        if index == warmup + runs - 1:
            result.products, result.note = describe_outputs(scratch, sample.stdout)
        shutil.rmtree(scratch)
        index += 1
    return result


def measure_preview(row: Row, setup: Setup, args: argparse.Namespace, folder: Path) -> Result:
    folder.mkdir(parents=True)
    runs = args.runs if args.quick else max(args.runs, -(-FAST_RUNS // max(1, args.rounds)))
    outcome = preview.measure_preview(setup.coursebuild, setup.course, folder, args.warmup + runs, base_env(setup))
    result = Result(row, seconds=outcome.seconds[args.warmup:], peak_bytes=outcome.peak_bytes,
                    skip=outcome.skip, failure=outcome.failure, note=outcome.note)
    if outcome.seconds:
        say("  preview: " + ", ".join(f"{s:.3f}" for s in outcome.seconds) + " s")
    return result


def merged(earlier: Result | None, later: Result) -> Result:
    """One row's results of two rounds as one: every run's seconds, the higher peak, the later files."""
    if earlier is None:
        return later
    return Result(later.row, seconds=earlier.seconds + later.seconds,
                  peak_bytes=max(earlier.peak_bytes, later.peak_bytes), skip=later.skip,
                  failure=later.failure or earlier.failure, note=later.note or earlier.note,
                  products=later.products or earlier.products)


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main() -> None:
    args = options()
    peers = install_peers(args.tools, args.no_install)
    with tempfile.TemporaryDirectory(prefix="coursebuild-bench-") as scratch:
        setup = Setup(course=args.course, scratch=Path(scratch), tools=args.tools, peers=peers, scales=args.scales)
        wanted = re.compile(args.rows) if args.rows else None
        rows = all_rows(setup, lambda key: wanted is None or bool(wanted.search(key)))
        results: dict[str, Result] = {}
        skipped: set[str] = set()
        for round_index in range(max(1, args.rounds)):
            for row in rows:
                if row.key in skipped:
                    continue
                say(f"{row.group}: {row.label}" + (f" (round {round_index + 1}/{args.rounds})" if args.rounds > 1 else ""))
                result = measure_row(row, setup, args, round_index)
                if result.skip or result.failure:
                    skipped.add(row.key)
                results[row.key] = merged(results.get(row.key), result)
        results = list(results.values())
    settings = (f"{args.runs} measured run(s) after {args.warmup} warm-up"
                + (f" in each of {args.rounds} rounds over all the rows" if args.rounds > 1 else "")
                + ("" if args.quick else f" (at least {FAST_RUNS} for rows under {FAST_SECONDS:.0f} s)")
                + f", medians; course {os.path.relpath(args.course, REPO)}")
    text = document(results, settings, peers, args.tools)
    print(text)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "latest.md").write_text(text, encoding="utf-8")
    (args.results / "latest.json").write_text(json.dumps([
        {"key": r.row.key, "group": r.row.group, "label": r.row.label, "seconds": r.seconds,
         "median": r.median, "peak_bytes": r.peak_bytes, "skip": r.skip, "failure": r.failure,
         "note": r.note, "products": r.products} for r in results], indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8")
    say(f"written: {os.path.relpath(args.results / 'latest.md', Path.cwd())}")


if __name__ == "__main__":
    main()
