#!/usr/bin/env python3
# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Count passed and failed tests in Odoo server logs.

Odoo's own summary is not enough: it does not count a skipped browser tour as a
failure, nor an ERROR logged outside a test, nor tests that silently stopped
running. This reads the logs and ends with the line ``N passed, N failed``.

A test is named by its id, ``odoo.addons.<addon>.tests.<file>.<Class>.<method>``
(Odoo logs ``Starting <Class>.<method> ...`` with the logger
``odoo.addons.<addon>.tests.<file>``). Suite addons are those starting with
``coworking_``. Each of these counts as one failure:

1. A test for which Odoo logs ``FAIL:`` or ``ERROR:``.
2. A class whose ``setUpClass`` or ``tearDownClass`` raises: Odoo's suite logs
   ``ERROR: setUpClass (odoo.addons.<addon>.tests.<file>.<Class>)`` with the
   logger ``odoo.tests.suite``; it is a failure of that addon.
3. A skipped browser test (the reason names Chrome, websocket or a browser),
   of the suite or of Odoo alike.
4. Any other skip of a suite test, unless a pattern of ``--allowed-skips FILE``
   matches it: a test's own skip, a class under ``@unittest.skip`` (Odoo logs
   ``skipped <Class>.<method> : <reason>`` for each of its tests), or a
   ``setUpClass`` raising SkipTest (``odoo.tests.suite`` logs ``skipped
   setUpClass (odoo.addons.<addon>.tests.<file>.<Class>) : <reason>``, and the
   class's tests do not start). Other skips of Odoo's own tests are allowed
   and counted as skipped.
5. Every other ERROR or CRITICAL line (but Odoo's own summaries of failures
   already counted), and every WARNING of a suite addon.
6. With ``--expect-tests ROOT``: an installable suite addon under ROOT that
   started (or skipped) fewer tests than its code holds. Its code holds, as
   counted with ``ast`` (nothing imported), the ``test*`` methods of each class
   with a base class in its ``tests/test_*.py`` files; a class inherits those
   of its bases in the addon (``tests/*.py``) only if it sets
   ``allow_inherited_tests_method``, as Odoo's loader does. This catches a test
   file missing from ``tests/__init__.py`` and test tags that leave tests out.
7. With ``--tooling-log FILE`` (the output of ``python -m unittest -v``): each
   of its failures and errors, or one when it has no result or ran no test;
   its other tests, not skipped, passed. Counted in the group ``tooling``.
8. With ``--exit-status``: a non-zero status when no failure was found, and a
   run in which no test started at all.

``--allowed-skips FILE``: ``#`` comments, then one skip a line: a glob pattern
matched against the test id or its tag form ``/<addon>:<Class>.<method>`` (a
class: ``<Class>.setUpClass``), then the reason, which is required.
"""

import argparse
import ast
import fnmatch
import re
import sys
from pathlib import Path

LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL) (?P<db>\S+) "
    r"(?P<logger>[\w.]+): (?P<message>.*)$"
)
TEST_LOGGER = re.compile(r"^odoo\.addons\.(?P<module>\w+)\.tests(?:\.(?P<file>.+))?$")
STARTING = re.compile(r"^Starting (?P<test>\S+) \.\.\.")
FAILED = re.compile(r"^(?:FAIL|ERROR): (?:Subtest )?(?P<test>[\w.]+)")
# "skipped <test> : <reason>", the trailing space stripped with an empty reason
SKIPPED = re.compile(r"^skipped (?P<test>\S+) :(?: (?P<reason>.*))?$")
# odoo/tests/suite.py: _createClassOrModuleLevelException, logged by result.py
CLASS_LEVEL = re.compile(
    r"^(?:(?P<error>FAIL|ERROR): |skipped )(?P<method>setUpClass|tearDownClass) "
    r"\((?P<cls>[\w.]+)\)(?P<skip> :(?: (?P<reason>.*))?)?$"
)
CLASS_METHODS = (".setUpClass", ".tearDownClass")
BROWSER_SKIP = re.compile(r"chrom|websocket|browser", re.IGNORECASE)
# Odoo's own summaries of failures already counted test by test.
SUMMARY_LINES = (
    re.compile(r"^\d+ failed, \d+ error\(s\) of \d+ tests"),
    re.compile(r"^At least one test failed"),
    re.compile(r"^Module \w+: \d+ failures, \d+ errors of \d+ tests"),
)
SUITE_PREFIX = "coworking_"
MISSING = (
    "ran {ran} of the {held} tests its code holds (a test file missing from "
    "tests/__init__.py, or test tags that leave it out?)"
)


class Run:
    """What the logs say. Tests are keys ``(addon, "<file>.<Class>.<method>")``;
    failures not of one test have the key ``(addon, "")``."""

    def __init__(self):
        self.started, self.failed, self.skipped, self.problems = set(), {}, {}, []

    def read(self, path):
        with open(path, encoding="utf-8", errors="replace") as log:
            for raw in log:
                if match := LINE.match(raw.rstrip()):
                    self.line(path, match["level"], match["logger"], match["message"])

    def line(self, path, level, logger, message):
        where = TEST_LOGGER.match(logger)
        module, file = (where["module"], where["file"]) if where else (None, None)
        if module and level == "INFO":
            if start := STARTING.match(message):
                self.started.add((module, f"{file}.{start['test']}"))
            elif skip := SKIPPED.match(message):
                self.skipped[(module, f"{file}.{skip['test']}")] = skip["reason"] or ""
            return
        if level == "INFO" and (holder := CLASS_LEVEL.match(message)):
            if holder["skip"] and not holder["error"]:
                self.skipped[class_key(holder)] = holder["reason"] or ""
            return
        if level in ("ERROR", "CRITICAL"):
            if module and (fail := FAILED.match(message)):
                self.failed.setdefault((module, f"{file}.{fail['test']}"), message)
            elif (holder := CLASS_LEVEL.match(message)) and holder["error"]:
                key = class_key(holder)
                if key[0]:
                    self.failed.setdefault(key, message)
                else:
                    self.problems.append(f"{path}: {level} {logger}: {message}")
            elif not any(p.match(message) for p in SUMMARY_LINES):
                self.problems.append(f"{path}: {level} {logger}: {message}")
        elif level == "WARNING" and (
            logger.startswith(f"odoo.addons.{SUITE_PREFIX}")
            or (logger == "py.warnings" and f"/{SUITE_PREFIX}" in message)
        ):
            self.problems.append(f"{path}: WARNING {logger}: {message}")

    def judge_skips(self, allowed):
        for key, reason in self.skipped.items():
            reason = reason or "(no reason given)"
            if BROWSER_SKIP.search(reason):
                self.failed.setdefault(key, f"browser test skipped: {reason}")
            elif key[0].startswith(SUITE_PREFIX) and not is_allowed(key, allowed):
                self.failed.setdefault(
                    key, f"suite test skipped: {reason} (not in the allowed skips)"
                )

    def expect(self, held):
        """Fail each addon that ran fewer tests than ``held[addon]``."""
        ran = {}
        for module, test in self.started | set(self.skipped):
            if not test.endswith(CLASS_METHODS):
                ran[module] = ran.get(module, 0) + 1
        for module, n_held in sorted(held.items()):
            if ran.get(module, 0) < n_held:
                message = MISSING.format(ran=ran.get(module, 0), held=n_held)
                self.failed[(module, "")] = message

    def count(self, modules=None):
        """``(passed, failed, skipped)`` of the tests of ``modules`` (a predicate
        on addon names; all when None). Log problems count for all only."""

        def keep(test):
            return modules is None or modules(test[0])

        started = {test for test in self.started if keep(test)}
        skipped = {test for test in self.skipped if keep(test)}
        failed = {test for test in self.failed if keep(test)}
        failed_tests = {test for test in failed if test in started or test in skipped}
        n_failed = len(failed) + (len(self.problems) if modules is None else 0)
        n_skipped = len(skipped - failed)
        n_passed = len(started - failed_tests - skipped)
        return n_passed, n_failed, n_skipped


def class_key(holder):
    """The key of a class-level error or skip, e.g. ``(addon,
    "test_a.TestA.setUpClass")``; the addon is "" for a class not of an addon."""
    where = TEST_LOGGER.match(holder["cls"])
    if where and where["file"]:
        return where["module"], f"{where['file']}.{holder['method']}"
    return "", f"{holder['cls']}.{holder['method']}"


def is_allowed(key, allowed):
    module, test = key
    names = (
        f"odoo.addons.{module}.tests.{test}",
        f"/{module}:{'.'.join(test.split('.')[-2:])}",
    )
    return any(
        fnmatch.fnmatchcase(name, pattern) for pattern in allowed for name in names
    )


def read_allowed_skips(path, problems):
    """The patterns of an allowed-skips file; a line without a reason is a
    problem."""
    try:
        with open(path, encoding="utf-8") as file:
            lines = file.read().splitlines()
    except OSError as error:
        problems.append(f"cannot read the allowed skips: {error}")
        return []
    patterns = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pattern, *reason = line.split(None, 1)
        if not reason or not reason[0].strip():
            problems.append(f"{path}:{number}: allowed skip with no reason")
            continue
        patterns.append(pattern)
    return patterns


def held_tests(root):
    """``{addon: number of test methods its code holds}`` of the installable
    suite addons under ``root``."""
    held = {}
    for manifest in sorted(Path(root).glob(f"{SUITE_PREFIX}*/__manifest__.py")):
        if ast.literal_eval(manifest.read_text()).get("installable", True) is False:
            continue
        classes, by_name = [], {}
        for path in sorted((manifest.parent / "tests").glob("*.py")):
            for node in ast.parse(path.read_text(), str(path)).body:
                if isinstance(node, ast.ClassDef):
                    by_name[node.name] = node
                    if path.name.startswith("test_"):
                        classes.append(node)
        held[manifest.parent.name] = sum(
            len(runnable_tests(node, by_name)) for node in classes if has_base(node)
        )
    return held


def has_base(node):
    return any(ast.unparse(base) != "object" for base in node.bases)


def runnable_tests(node, by_name):
    """The test methods Odoo's loader runs for a class (odoo/tests/loader.py:
    its own ones, or all with ``allow_inherited_tests_method``)."""
    own, every, inherits = class_tests(node, by_name, ())
    return every if inherits else own


def class_tests(node, by_name, seen):
    """``(own test names, all test names, allow_inherited_tests_method)``."""
    own, inherits = set(), False
    for item in node.body:
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
            if item.name.startswith("test"):
                own.add(item.name)
        elif isinstance(item, ast.Assign) and any(
            getattr(target, "id", None) == "allow_inherited_tests_method"
            for target in item.targets
        ):
            inherits = isinstance(item.value, ast.Constant) and bool(item.value.value)
    every = set(own)
    for base in node.bases:
        name = getattr(base, "id", getattr(base, "attr", None))
        if name in by_name and name not in seen and by_name[name] is not node:
            _own, base_every, base_inherits = class_tests(
                by_name[name], by_name, (*seen, node.name)
            )
            every |= base_every
            inherits = inherits or base_inherits
    return own, every, inherits


RAN = re.compile(r"^Ran (?P<n>\d+) tests? in ")
VERDICT = re.compile(r"^(?P<verdict>OK|FAILED)(?: \((?P<counts>.*)\))?\s*$")
TOOLING_FAILURE = re.compile(r"^(?:FAIL|ERROR): \S+")


def read_tooling(path):
    """``(passed, failed, lines to print)`` of the output of ``unittest -v``."""
    try:
        with open(path, encoding="utf-8", errors="replace") as log:
            lines = log.read().splitlines()
    except OSError as error:
        return 0, 1, [f"FAILED tooling: cannot read {path}: {error}"]
    ran, counts, printed = None, None, []
    for line in lines:
        if match := RAN.match(line):
            ran = int(match["n"])
        elif match := VERDICT.match(line):
            found = re.findall(r"([\w ]+)=(\d+)", match["counts"] or "")
            counts = {name.strip(): int(value) for name, value in found}
        elif TOOLING_FAILURE.match(line):
            printed.append(f"FAILED tooling: {line}")
    if not ran or counts is None:
        return 0, 1, [*printed, f"FAILED tooling: no test result in {path}"]
    failures = ("failures", "errors", "unexpected successes")
    failed = sum(counts.get(name, 0) for name in failures)
    passed = ran - failed - counts.get("skipped", 0)
    return max(passed, 0), failed, printed


def main(argv=None):
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
    parser.add_argument(
        "--expect-tests",
        metavar="ROOT",
        help="each suite addon under ROOT must run the tests its code holds",
    )
    parser.add_argument(
        "--allowed-skips",
        metavar="FILE",
        help="skips of suite tests allowed (pattern, then reason)",
    )
    parser.add_argument(
        "--tooling-log", metavar="FILE", help="output of 'python -m unittest -v'"
    )
    args = parser.parse_args(argv)
    run = Run()
    for path in args.logs:
        run.read(path)
    allowed = []
    if args.allowed_skips:
        allowed = read_allowed_skips(args.allowed_skips, run.problems)
    run.judge_skips(allowed)
    if args.expect_tests:
        run.expect(held_tests(args.expect_tests))
    tooling = read_tooling(args.tooling_log) if args.tooling_log else None
    return report(run, args, tooling)


def report(run, args, tooling):
    for (module, test), message in sorted(run.failed.items()):
        where = f"{module or '(no addon)'}: " + (f"{test}: " if test else "")
        print(f"FAILED {where}{message.splitlines()[0][:200]}")
    for problem in run.problems[:50]:
        print(f"LOG {problem[:300]}")
    if len(run.problems) > 50:
        print(f"LOG ... and {len(run.problems) - 50} more")
    prefixes = []
    for group in args.group:
        name, _sep, prefix = group.partition("=")
        prefixes.append(prefix)
        figures = run.count(lambda m, p=prefix: m.startswith(p))
        print(f"{name}: {figures[0]} passed, {figures[1]} failed, {figures[2]} skipped")
    if prefixes:
        figures = run.count(lambda m: not any(m.startswith(p) for p in prefixes))
        print(
            f"upstream: {figures[0]} passed, {figures[1]} failed, "
            f"{figures[2]} skipped"
        )
    n_passed, n_failed, n_skipped = run.count()
    if run.problems:
        print(f"log problems (counted as failures): {len(run.problems)}")
    if args.exit_status and not n_failed:
        print("FAILED Odoo exited with an error status (see the logs)")
        n_failed = 1
    if args.exit_status is not None and not run.started:
        print("FAILED no test ran")
        n_failed = max(n_failed, 1)
    if n_skipped:
        print(f"skipped (allowed: Odoo's own conditions, listed skips): {n_skipped}")
    if tooling:
        passed, failed, printed = tooling
        for line in printed:
            print(line)
        print(f"tooling: {passed} passed, {failed} failed")
        n_passed, n_failed = n_passed + passed, n_failed + failed
    prefix = f"{args.title}: " if args.title else ""
    # the last line, read by CI
    print(f"{prefix}{n_passed} passed, {n_failed} failed")
    return 1 if n_failed else 0


if __name__ == "__main__":
    sys.exit(main())
