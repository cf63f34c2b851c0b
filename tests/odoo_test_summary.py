#!/usr/bin/env python3
# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Count passed and failed tests in Odoo server logs.

Odoo's own summary is not enough: it does not count a skipped browser tour as a
failure, nor an ERROR logged outside a test. This reads the logs and ends with
the line ``N passed, N failed``.

A test fails when Odoo logs ``FAIL:`` or ``ERROR:`` for it, or when it is a
browser test skipped for want of Chromium or websocket-client. Every other
ERROR or CRITICAL line, and every WARNING of a suite addon (``coworking_*``),
counts as one more failure.
"""

import argparse
import re
import sys

LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL) (?P<db>\S+) "
    r"(?P<logger>[\w.]+): (?P<message>.*)$"
)
TEST_LOGGER = re.compile(r"^odoo\.addons\.(?P<module>\w+)\.tests\b")
STARTING = re.compile(r"^Starting (?P<test>\S+) \.\.\.")
FAILED = re.compile(r"^(?:FAIL|ERROR): (?:Subtest )?(?P<test>[\w.]+)")
SKIPPED = re.compile(r"^skipped (?P<test>\S+) : (?P<reason>.*)")
BROWSER_SKIP = re.compile(r"chrom|websocket|browser", re.IGNORECASE)
# Odoo's own summaries of failures already counted test by test.
SUMMARY_LINES = (
    re.compile(r"^\d+ failed, \d+ error\(s\) of \d+ tests"),
    re.compile(r"^At least one test failed"),
    re.compile(r"^Module \w+: \d+ failures, \d+ errors of \d+ tests"),
)
SUITE_PREFIX = "coworking_"


def parse(paths):
    started, failed, skipped, problems = set(), {}, {}, []
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as log:
            for raw in log:
                match = LINE.match(raw.rstrip("\n"))
                if not match:
                    continue
                level, logger, message = (
                    match["level"],
                    match["logger"],
                    match["message"],
                )
                test_logger = TEST_LOGGER.match(logger)
                module = test_logger["module"] if test_logger else None
                if module and level == "INFO":
                    if start := STARTING.match(message):
                        started.add((module, start["test"]))
                    elif skip := SKIPPED.match(message):
                        skipped[(module, skip["test"])] = skip["reason"]
                    continue
                if level in ("ERROR", "CRITICAL"):
                    if module and (fail := FAILED.match(message)):
                        failed.setdefault((module, fail["test"]), message)
                    elif not any(p.match(message) for p in SUMMARY_LINES):
                        problems.append(f"{path}: {level} {logger}: {message}")
                elif level == "WARNING" and (
                    logger.startswith(f"odoo.addons.{SUITE_PREFIX}")
                    or (logger == "py.warnings" and f"/{SUITE_PREFIX}" in message)
                ):
                    problems.append(f"{path}: WARNING {logger}: {message}")
    for test, reason in skipped.items():
        if BROWSER_SKIP.search(reason):
            failed.setdefault(test, f"browser test skipped: {reason}")
    return started, failed, skipped, problems


def count(started, failed, skipped, problems, modules=None):
    """``(passed, failed, skipped)`` of the tests of ``modules`` (a predicate
    on module names; all when None). Log problems count for all only."""

    def keep(test):
        return modules is None or modules(test[0])

    started = {test for test in started if keep(test)}
    skipped = {test for test in skipped if keep(test)}
    failed = {test for test in failed if keep(test)}
    failed_tests = {test for test in failed if test in started or test in skipped}
    n_failed = len(failed) + (len(problems) if modules is None else 0)
    n_skipped = len(skipped - failed)
    n_passed = len(started - failed_tests - skipped)
    return n_passed, n_failed, n_skipped


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logs", nargs="+")
    parser.add_argument("--title", default="")
    parser.add_argument(
        "--group",
        action="append",
        default=[],
        metavar="NAME=PREFIX",
        help="also count the tests of the modules starting with PREFIX as NAME, "
        "and the others as 'upstream'",
    )
    parser.add_argument(
        "--exit-status",
        type=int,
        default=None,
        help="exit status of the Odoo runs: non-zero with no failure found "
        "counts as one failure",
    )
    args = parser.parse_args()
    started, failed, skipped, problems = parse(args.logs)
    for (module, test), message in sorted(failed.items()):
        print(f"FAILED {module}: {test}: {message.splitlines()[0][:200]}")
    for problem in problems[:50]:
        print(f"LOG {problem[:300]}")
    if len(problems) > 50:
        print(f"LOG ... and {len(problems) - 50} more")
    prefixes = []
    for group in args.group:
        name, _sep, prefix = group.partition("=")
        prefixes.append(prefix)
        figures = count(
            started, failed, skipped, problems, lambda m, p=prefix: m.startswith(p)
        )
        print(f"{name}: {figures[0]} passed, {figures[1]} failed, {figures[2]} skipped")
    if prefixes:
        figures = count(
            started,
            failed,
            skipped,
            problems,
            lambda m: not any(m.startswith(p) for p in prefixes),
        )
        print(
            f"upstream: {figures[0]} passed, {figures[1]} failed, "
            f"{figures[2]} skipped"
        )
    n_passed, n_failed, n_skipped = count(started, failed, skipped, problems)
    if problems:
        print(f"log problems (counted as failures): {len(problems)}")
    if args.exit_status and not n_failed:
        print("FAILED Odoo exited with an error status (see the logs)")
        n_failed = 1
    if args.exit_status is not None and not started:
        print("FAILED no test ran")
        n_failed = max(n_failed, 1)
    if n_skipped:
        print(f"skipped (by Odoo's own conditions, not browser tests): {n_skipped}")
    prefix = f"{args.title}: " if args.title else ""
    # the last line, read by CI
    print(f"{prefix}{n_passed} passed, {n_failed} failed")
    return 1 if n_failed else 0


if __name__ == "__main__":
    sys.exit(main())
