# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of tests/odoo_test_summary.py on small fake repositories and logs.

Each test writes the lines Odoo 18 prints for one case (odoo/tests/result.py,
odoo/tests/suite.py, odoo/service/server.py, in the format of odoo/netsvc.py,
whose ``%(perf_info)s`` leaves a trailing space) and checks the summary's last
line and exit status. Run from the repository root:
``python3 -m unittest discover -s tests -p 'test_odoo_test_summary.py'``.
"""

import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "odoo_test_summary.py"
DB = "coworking_test_4242"
DEMO = "odoo.addons.coworking_demo.tests"
SALE = "odoo.addons.sale.tests.test_sale_order"

FILES = {
    "coworking_demo/__manifest__.py": '{"name": "Demo", "installable": True}',
    "coworking_demo/tests/__init__.py": "from . import test_a\nfrom . import test_b\n",
    # Neither counted: common.py is no test file, and Odoo's loader runs no
    # inherited test method without allow_inherited_tests_method.
    "coworking_demo/tests/common.py": """
        from odoo.tests import TransactionCase

        class DemoCommon(TransactionCase):
            def test_not_run_here(self):
                pass
    """,
    "coworking_demo/tests/test_a.py": """
        from .common import DemoCommon

        class TestA(DemoCommon):
            def test_one(self):
                pass

            def test_two(self):
                pass

            def helper(self):
                pass
    """,
    "coworking_demo/tests/test_b.py": """
        from odoo.tests import TransactionCase

        class TestB(TransactionCase):
            def test_three(self):
                pass
    """,
    # Not installable: its tests are not expected to run.
    "coworking_old/__manifest__.py": '{"name": "Old", "installable": False}',
    "coworking_old/tests/__init__.py": "from . import test_old\n",
    "coworking_old/tests/test_old.py": """
        from odoo.tests import TransactionCase

        class TestOld(TransactionCase):
            def test_old(self):
                pass
    """,
}


def line(level, logger, message):
    return f"2026-12-01 20:30:09,123 4242 {level} {DB} {logger}: {message} \n"


def start(logger, test):
    return line("INFO", logger, f"Starting {test} ...")


def skip(logger, test, reason):
    return start(logger, test) + line("INFO", logger, f"skipped {test} : {reason}")


def error(logger, flavour, test, exception):
    """What OdooTestResult.logError prints: a ruler, then the traceback."""
    return line("INFO", logger, "=" * 70) + (
        f"2026-12-01 20:30:09,123 4242 ERROR {DB} {logger}: {flavour}: {test}\n"
        "Traceback (most recent call last):\n"
        '  File "/work/main/coworking_demo/tests/test_a.py", line 9, in test_two\n'
        "    self.check()\n"
        f"{exception}\n \n"
    )


TEST_A = start(f"{DEMO}.test_a", "TestA.test_one") + start(
    f"{DEMO}.test_a", "TestA.test_two"
)
TEST_B = start(f"{DEMO}.test_b", "TestB.test_three")
UPSTREAM = start(SALE, "TestSaleOrder.test_sale_order")


def odoo_log(*tests):
    """A whole run: module loading, the post-install tests, Odoo's summary."""
    return (
        line("INFO", "odoo.modules.loading", "loading 62 modules...")
        + line("INFO", "odoo.service.server", "Starting post tests")
        + "".join(tests)
        + line("INFO", "odoo.service.server", "4 post-tests in 1.20s, 842 queries")
        + line("INFO", "odoo.tests.stats", "coworking_demo: 3 tests 0.80s 420 queries")
        + line("INFO", "odoo.service.server", "Initiating shutdown")
    )


class SummaryCase(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.root = Path(tmp.name)
        for name, text in FILES.items():
            self.write(name, text)

    def write(self, name, text):
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
        return str(path)

    def summary(self, log, *options, expect=True, exit_status=0):
        """Run the summary as scripts/test.sh does: (output lines, status)."""
        argv = [sys.executable, str(SCRIPT), "--group", "suite=coworking_"]
        argv += ["--exit-status", str(exit_status), *options]
        if expect:
            argv += ["--expect-tests", str(self.root)]
        argv.append(self.write("tests.log", log))
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        self.assertEqual(done.stderr, "")
        return done.stdout.splitlines(), done.returncode

    def assertSummary(self, result, last, status):
        lines, returncode = result
        self.assertEqual(lines[-1], last, "\n".join(lines))
        self.assertEqual(returncode, status, "\n".join(lines))
        return lines


class TestSummary(SummaryCase):
    def test_clean_run_passes(self):
        lines = self.assertSummary(
            self.summary(odoo_log(TEST_A, TEST_B, UPSTREAM)), "4 passed, 0 failed", 0
        )
        self.assertIn("suite: 3 passed, 0 failed, 0 skipped", lines)
        self.assertIn("upstream: 1 passed, 0 failed, 0 skipped", lines)

    def test_file_dropped_from_tests_init_fails(self):
        # Odoo no longer imports test_b, so TestB never starts.
        self.write("coworking_demo/tests/__init__.py", "from . import test_a\n")
        lines = self.assertSummary(
            self.summary(odoo_log(TEST_A, UPSTREAM)), "3 passed, 1 failed", 1
        )
        self.assertIn(
            "FAILED coworking_demo: ran 2 of the 3 tests its code holds (a test "
            "file missing from tests/__init__.py, or test tags that leave it out?)",
            lines,
        )

    def test_tag_change_running_no_suite_test_fails(self):
        lines = self.assertSummary(
            self.summary(odoo_log(UPSTREAM)), "1 passed, 1 failed", 1
        )
        self.assertIn("suite: 0 passed, 1 failed, 0 skipped", lines)

    def test_without_expect_tests_a_missing_file_goes_unseen(self):
        # What --expect-tests is for: the summary alone cannot see it.
        self.assertSummary(
            self.summary(odoo_log(TEST_A, UPSTREAM), expect=False),
            "3 passed, 0 failed",
            0,
        )

    def test_class_skipped_from_setupclass_fails(self):
        # suite.py _createClassOrModuleLevelException -> result.addSkip on an
        # _ErrorHolder, whose logger is odoo.tests.suite; TestB never starts.
        class_skip = line(
            "INFO",
            "odoo.tests.suite",
            f"skipped setUpClass ({DEMO}.test_b.TestB) : no demo data",
        )
        lines = self.assertSummary(
            self.summary(odoo_log(TEST_A, class_skip, UPSTREAM), expect=False),
            "3 passed, 1 failed",
            1,
        )
        self.assertIn(
            "FAILED coworking_demo: test_b.TestB.setUpClass: suite test skipped: "
            "no demo data (not in the allowed skips)",
            lines,
        )
        # With --expect-tests, the test it kept from running fails too.
        self.assertSummary(
            self.summary(odoo_log(TEST_A, class_skip, UPSTREAM)),
            "3 passed, 2 failed",
            1,
        )

    def test_class_whose_setupclass_errors_fails_for_its_addon(self):
        class_error = error(
            "odoo.tests.suite", "ERROR", f"setUpClass ({DEMO}.test_b.TestB)", "boom"
        )
        lines = self.assertSummary(
            self.summary(odoo_log(TEST_A, class_error, UPSTREAM), expect=False),
            "3 passed, 1 failed",
            1,
        )
        self.assertIn("suite: 2 passed, 1 failed, 0 skipped", lines)

    def test_class_under_unittest_skip_fails(self):
        # case.py TestCase.run: startTest, then addSkip for each test.
        logger = f"{DEMO}.test_a"
        skipped_class = skip(logger, "TestA.test_one", "not ready") + skip(
            logger, "TestA.test_two", "not ready"
        )
        self.assertSummary(
            self.summary(odoo_log(skipped_class, TEST_B, UPSTREAM)),
            "2 passed, 2 failed",
            1,
        )

    def test_suite_test_skipped_for_another_reason_fails(self):
        skipped = skip(f"{DEMO}.test_b", "TestB.test_three", "needs an API key")
        self.assertSummary(
            self.summary(odoo_log(TEST_A, skipped, UPSTREAM)), "3 passed, 1 failed", 1
        )

    def test_suite_skip_with_an_empty_reason_fails(self):
        skipped = skip(f"{DEMO}.test_b", "TestB.test_three", "")
        self.assertSummary(
            self.summary(odoo_log(TEST_A, skipped, UPSTREAM)), "3 passed, 1 failed", 1
        )

    def test_suite_skip_listed_in_allowed_skips_passes(self):
        skipped = skip(f"{DEMO}.test_b", "TestB.test_three", "needs an API key")
        for pattern in (f"{DEMO}.test_b.TestB.test_three", "/coworking_demo:TestB.*"):
            allowed = self.write("allowed.txt", f"# header\n{pattern}  no key in CI\n")
            lines = self.assertSummary(
                self.summary(
                    odoo_log(TEST_A, skipped, UPSTREAM), "--allowed-skips", allowed
                ),
                "3 passed, 0 failed",
                0,
            )
            self.assertIn("suite: 2 passed, 0 failed, 1 skipped", lines)

    def test_allowed_skip_without_reason_fails(self):
        skipped = skip(f"{DEMO}.test_b", "TestB.test_three", "needs an API key")
        allowed = self.write("allowed.txt", f"{DEMO}.test_b.TestB.test_three\n")
        self.assertSummary(
            self.summary(
                odoo_log(TEST_A, skipped, UPSTREAM), "--allowed-skips", allowed
            ),
            "3 passed, 2 failed",
            1,
        )

    def test_browser_skip_fails_even_if_allowed(self):
        skipped = skip(
            f"{DEMO}.test_b", "TestB.test_three", "Chrome executable not found"
        )
        allowed = self.write("allowed.txt", "/coworking_demo:*  anything\n")
        self.assertSummary(
            self.summary(
                odoo_log(TEST_A, skipped, UPSTREAM), "--allowed-skips", allowed
            ),
            "3 passed, 1 failed",
            1,
        )

    def test_upstream_browser_skip_fails(self):
        skipped = skip(
            SALE, "TestSaleOrder.test_tour", "websocket-client module is not installed"
        )
        self.assertSummary(
            self.summary(odoo_log(TEST_A, TEST_B, UPSTREAM, skipped)),
            "4 passed, 1 failed",
            1,
        )

    def test_upstream_skip_passes_counted_skipped(self):
        skipped = skip(SALE, "TestSaleOrder.test_no_provider", "no payment provider")
        lines = self.assertSummary(
            self.summary(odoo_log(TEST_A, TEST_B, UPSTREAM, skipped)),
            "4 passed, 0 failed",
            0,
        )
        self.assertIn("upstream: 1 passed, 0 failed, 1 skipped", lines)

    def test_fail_line_fails(self):
        failure = error(
            f"{DEMO}.test_a", "FAIL", "TestA.test_two", "AssertionError: 1 != 2"
        )
        lines = self.assertSummary(
            self.summary(odoo_log(TEST_A, failure, TEST_B, UPSTREAM)),
            "3 passed, 1 failed",
            1,
        )
        self.assertIn(
            "FAILED coworking_demo: test_a.TestA.test_two: FAIL: TestA.test_two", lines
        )

    def test_warning_of_a_suite_addon_fails(self):
        warning = line(
            "WARNING", "odoo.addons.coworking_demo.models.demo", "no price list"
        )
        self.assertSummary(
            self.summary(odoo_log(TEST_A, TEST_B, warning, UPSTREAM)),
            "4 passed, 1 failed",
            1,
        )

    def test_error_status_without_failure_found_fails(self):
        self.assertSummary(
            self.summary(odoo_log(TEST_A, TEST_B, UPSTREAM), exit_status=1),
            "4 passed, 1 failed",
            1,
        )


class TestToolingLog(SummaryCase):
    def tooling(self, text):
        log = odoo_log(TEST_A, TEST_B, UPSTREAM)
        return self.summary(log, "--tooling-log", self.write("tooling.log", text))

    def test_passing_unittest_run_adds_its_tests(self):
        lines = self.assertSummary(
            self.tooling("test_x ... ok\n\n---\nRan 5 tests in 0.3s\n\nOK\n"),
            "9 passed, 0 failed",
            0,
        )
        self.assertIn("tooling: 5 passed, 0 failed", lines)

    def test_failing_unittest_run_fails(self):
        text = (
            "test_x (test_m.T.test_x) ... FAIL\n\n"
            "FAIL: test_x (test_m.T.test_x)\nTraceback...\n---\n"
            "Ran 5 tests in 0.3s\n\nFAILED (failures=1, errors=1, skipped=1)\n"
        )
        lines = self.assertSummary(self.tooling(text), "6 passed, 2 failed", 1)
        self.assertIn("tooling: 2 passed, 2 failed", lines)

    def test_unittest_output_without_result_fails(self):
        self.assertSummary(
            self.tooling("Traceback (most recent call last):\n"),
            "4 passed, 1 failed",
            1,
        )


if __name__ == "__main__":
    unittest.main()
