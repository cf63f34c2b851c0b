# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""coworking_ai's demand forecast on two years of synthetic history over 50
spaces: the time to write the history, to train, the memory the training
takes, and the forecast's error against the seasonal-naive baseline on the
held-out weeks, and again at earlier cut-offs (the error depends on what the
held-out weeks hold)."""

import argparse
import os
import resource
import sys
import time
from datetime import timedelta

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "booking"))

import common  # noqa: E402

# per location: (kind, count, capacity)
LAYOUT = (
    ("meeting_room", 10, 6),
    ("private_office", 3, 4),
    ("dedicated_desk", 2, 1),
    ("hot_desk", 1, 25),
    ("lounge", 1, 40),
)
LOCATIONS = (
    ("Paris", "Europe/Paris", "base.fr"),
    ("Lyon", "Europe/Paris", "base.fr"),
    ("Dakar", "Africa/Dakar", "base.sn"),
)


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_company(env, spaces_wanted, members):
    company = env["res.company"].create({"name": "Bench AI"})
    env.user.company_ids |= company
    spaces = env["coworking.space"]
    for name, tz, country in LOCATIONS:
        calendar = common.opening_hours(
            env, f"{name} hours", tz, (8, 20), days=(0, 1, 2, 3, 4)
        )
        calendar.company_id = company
        location = env["coworking.location"].create(
            {
                "name": f"Bench {name}",
                "company_id": company.id,
                "tz": tz,
                "resource_calendar_id": calendar.id,
                "partner_id": env["res.partner"]
                .create({"name": f"Bench {name}", "country_id": env.ref(country).id})
                .id,
            }
        )
        for kind, count, capacity in LAYOUT:
            spaces |= env["coworking.space"].create(
                [
                    {
                        "name": f"{name} {kind} {number}",
                        "location_id": location.id,
                        "kind": kind,
                        "capacity": capacity,
                        "is_bookable": True,
                    }
                    for number in range(count)
                ]
            )
    spaces[spaces_wanted:].write({"active": False})
    partners = env["res.partner"].create(
        [
            {"name": f"Bench member {n}", "is_coworking_member": True}
            for n in range(members)
        ]
    )
    return company, spaces[:spaces_wanted], partners


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--spaces", type=int, default=50)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--members", type=int, default=120)
    parser.add_argument("--cutoffs", type=int, default=6)
    args = parser.parse_args()
    with common.odoo_env(args.database) as env:
        from odoo.addons.coworking_ai.models.coworking_ai_demand_training import (
            DEFAULT_HELD_OUT_WEEKS,
        )
        from odoo.addons.coworking_ai.tools import forecasting

        Demand = env["coworking.ai.demand"]
        company, spaces, partners = build_company(env, args.spaces, args.members)
        env.cr.commit()
        today = env.cr.now().date()
        first_day = today - timedelta(days=args.days)
        started = time.perf_counter()
        records = Demand._synthetic_history(
            company, spaces, partners, first_day, args.days
        )
        generated = time.perf_counter() - started
        started = time.perf_counter()
        written = Demand._demo_insert_bookings(company, spaces, records)
        env.cr.commit()
        inserted = time.perf_counter() - started
        print(
            f"history: {written} bookings of {len(spaces)} spaces over {args.days} "
            f"days: generated in {generated:.1f} s, inserted in {inserted:.1f} s"
        )
        # the parts of a training, timed one by one
        now = env.cr.now().replace(tzinfo=None, minute=0, second=0, microsecond=0)
        started = time.perf_counter()
        Demand._refresh_span(
            company, now - timedelta(days=args.days + 1), now + timedelta(days=28)
        )
        env.cr.commit()
        refresh = time.perf_counter() - started
        rss_before = rss_mb()
        started = time.perf_counter()
        model = Demand._train_company(company, now)
        env.cr.commit()
        training = time.perf_counter() - started
        rss_after = rss_mb()
        env.cr.execute(
            "SELECT count(*), pg_size_pretty(pg_total_relation_size("
            "'coworking_ai_demand')) FROM coworking_ai_demand WHERE company_id = %s",
            [company.id],
        )
        demand_rows, demand_size = env.cr.fetchone()
        print(
            f"demand rows: {demand_rows} ({demand_size} for the whole table with "
            f"its indexes); refresh of the whole history alone: {refresh:.1f} s"
        )
        print(
            f"training (refresh, two fits, forecasts written, model stored): "
            f"{training:.1f} s = {training / refresh:.1f}x the refresh alone; "
            f"{model.train_rows} training hours, model file {model.data_size} bytes"
        )
        print(
            f"memory: process peak {rss_after:.0f} MB, {rss_after - rss_before:.0f} MB "
            "above the peak before the training"
        )
        print(
            f"held-out {model.held_out_weeks} weeks ({model.test_rows} hours): "
            f"RMSE {model.rmse:.4f} against seasonal-naive {model.baseline_rmse:.4f} "
            f"= {model.improvement:.1f} % lower (goal 20 %); "
            f"MAE {model.mae:.4f} against {model.baseline_mae:.4f} "
            f"= {(1 - model.mae / model.baseline_mae) * 100:.1f} % lower"
        )
        # the same evaluation with the held-out weeks ending earlier
        past = Demand._series(company, now - timedelta(days=args.days + 1), now, True)
        keys = sorted({(row[0], row[1]) for row in past})
        index = {key: number for number, key in enumerate(keys)}
        rows = [(index[(a, b)], hour, local, rate) for a, b, hour, local, rate in past]
        origin = rows[0][1]
        holidays_of = Demand._holidays_lookup(keys, origin.year, now.year)
        print(f"{'held-out weeks ending':<24}{'RMSE':>8}{'naive':>8}{'lower %':>9}")
        results = []
        for step in range(args.cutoffs):
            cut = now - timedelta(weeks=DEFAULT_HELD_OUT_WEEKS * step)
            subset = [row for row in rows if row[1] < cut]
            started = time.perf_counter()
            _estimator, scores, _p = forecasting.evaluate(
                subset, DEFAULT_HELD_OUT_WEEKS, origin, holidays_of
            )
            results.append(scores["improvement"])
            print(
                f"{cut:%Y-%m-%d %H:%M}{'':<8}{scores['rmse']:8.4f}"
                f"{scores['baseline_rmse']:8.4f}{scores['improvement']:9.1f}"
                f"   ({time.perf_counter() - started:.1f} s)"
            )
        print(
            f"lower than seasonal-naive at {sum(r >= 20 for r in results)} of "
            f"{len(results)} cut-offs by 20 % or more; smallest {min(results):.1f} %, "
            f"median {sorted(results)[len(results) // 2]:.1f} %"
        )


if __name__ == "__main__":
    main()
