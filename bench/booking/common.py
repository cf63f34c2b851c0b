# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Helpers shared by the booking benchmarks: an Odoo environment built from an
importable ``odoo``, and small statistics."""

import math
import os
import statistics
import sys
import time
from contextlib import contextmanager

# Odoo stores naive UTC datetimes and expects the process to run in UTC, as the
# ``odoo`` command arranges before anything imports ``time``-dependent code.
os.environ["TZ"] = "UTC"
if hasattr(time, "tzset"):
    time.tzset()

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def import_odoo():
    try:
        import odoo  # noqa: F401
    except ImportError:
        sys.exit(
            f"ERROR: cannot import 'odoo' with {sys.executable}. Run this with the "
            "Python that runs Odoo 18.0 (see bench/booking/run.sh), or set "
            "PYTHONPATH to the Odoo source."
        )
    import odoo.release

    if odoo.release.serie != "18.0":
        sys.exit(f"ERROR: Odoo {odoo.release.serie} found; these benchmarks need 18.0.")
    return odoo


def configured_addons_path():
    """The addons path given to Odoo by ``odoo_env``."""
    return _CONFIGURED[0] if _CONFIGURED else default_addons_path()


def default_addons_path():
    import_odoo()
    from odoo import addons

    paths = [REPO_ROOT]
    for path in addons.__path__:
        path = os.path.abspath(path)
        if path not in paths and any(
            os.path.isfile(os.path.join(path, name, "__manifest__.py"))
            for name in os.listdir(path)
        ):
            paths.append(path)
    return ",".join(paths)


_CONFIGURED = []


@contextmanager
def odoo_env(dbname, addons_path=None, log_level="warn"):
    """Yield a superuser environment on ``dbname``; the caller commits.

    Odoo's configuration is parsed once per process, on the first call.
    """
    odoo = import_odoo()
    from odoo.tools import config

    if not _CONFIGURED:
        addons_path = (
            addons_path or os.environ.get("ODOO_ADDONS_PATH") or default_addons_path()
        )
        config.parse_config(
            ["-d", dbname, "--addons-path", addons_path, "--log-level", log_level]
        )
        _CONFIGURED.append(addons_path)
    from odoo.modules.registry import Registry

    registry = Registry(dbname)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "UTC"})
        yield env


def summary_ms(samples):
    """``(median, min)`` of durations in seconds, as milliseconds."""
    return statistics.median(samples) * 1000, min(samples) * 1000


def percentile(values, fraction):
    """Nearest-rank percentile of a list of numbers."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]


def opening_hours(env, name, tz, hours, days=(0, 1, 2, 3, 4, 5, 6)):
    """A ``resource.calendar`` open ``hours`` (from, to) on ``days`` (0 is
    Monday), in ``tz``."""
    return env["resource.calendar"].create(
        {
            "name": name,
            "tz": tz,
            "attendance_ids": [(5, 0, 0)]
            + [
                (
                    0,
                    0,
                    {
                        "name": f"Day {day}",
                        "dayofweek": str(day),
                        "hour_from": hours[0],
                        "hour_to": hours[1],
                        "day_period": "morning",
                    },
                )
                for day in days
            ],
        }
    )
