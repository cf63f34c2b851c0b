# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The monthly billing run for many members, against subscription_oca's own
cron creating the same fee invoices, in the same run.

Steps (each a separate process, so that memory is measured per step):

``setup``      commit the data in the database: ``--members`` members on
               recurring plans (a fee by OCA subscription_oca), a tenth of
               them teams of three, with a month of realistic usage: usage
               entries for most, bookings beyond the credits for some, late
               cancellations for a few, orders charged to the membership.
``oca``        subscription_oca's cron invoices every subscription (the fee
               only), the memberships' links being cut so that it bills them.
``coworking``  the monthly run of coworking_billing for the same month: one
               invoice per member or team with the fee (prorated) and the
               usage. ``--post`` posts them too.

Each measure prints one JSON line: invoices, lines, seconds, queries, peak
memory (the process's maximum resident size, after setup, and its growth).
"""

import argparse
import json
import random
import resource
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "booking"))

from common import odoo_env, opening_hours  # noqa: E402

PREFIX = "Bench Billing"


def maxrss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def month_bounds(today):
    first = today.replace(day=1)
    previous = (first - timedelta(days=1)).replace(day=1)
    return previous, first - timedelta(days=1)


def setup(env, args):
    from freezegun import freeze_time

    from odoo import Command

    rng = random.Random(args.seed)
    today = date.today()
    period_start, period_end = month_bounds(today)
    env["ir.config_parameter"].set_param("coworking_billing.auto_post", "0")
    tz = "Europe/Paris"
    calendar = opening_hours(env, f"{PREFIX} hours", tz, (0, 23.99))
    location = env["coworking.location"].create(
        {"name": f"{PREFIX} location", "tz": tz, "resource_calendar_id": calendar.id}
    )
    Product = env["product.product"]
    hour = Product.create(
        {
            "name": f"{PREFIX} room hour",
            "type": "service",
            "list_price": 20,
            "coworking_rate_hours": 1,
        }
    )
    rooms = env["coworking.space"].create(
        [
            {
                "name": f"{PREFIX} room {index}",
                "location_id": location.id,
                "kind": "meeting_room",
                "capacity": 8,
                "booking_max_minutes": 1440,
                "booking_notice_minutes": 0,
                "rate_product_ids": [Command.set(hour.ids)],
            }
            for index in range(60)
        ]
    )
    template = env["sale.subscription.template"].create(
        {
            "name": f"{PREFIX} monthly",
            "recurring_interval": 1,
            "recurring_rule_type": "months",
            "invoicing_mode": "draft",
        }
    )
    fee = Product.create(
        {
            "name": f"{PREFIX} membership fee",
            "type": "service",
            "list_price": 20,
            "subscribable": True,
            "subscription_template_id": template.id,
        }
    )
    kind_room = env["coworking.space.kind"]._for_code("meeting_room")
    plan = env["coworking.membership.plan"].create(
        {
            "name": f"{PREFIX} plan",
            "product_id": fee.id,
            "credit_hours": 4,
            "overage": "pay",
            "line_ids": [Command.create({"kind_id": kind_room.id, "mode": "credits"})],
        }
    )
    usage_products = Product.create(
        [
            {"name": f"{PREFIX} printing", "type": "service", "list_price": 0.1},
            {"name": f"{PREFIX} coffee", "type": "service", "list_price": 2.5},
            {"name": f"{PREFIX} day pass", "type": "service", "list_price": 25},
        ]
    )
    Partner = env["res.partner"]
    Membership = env["coworking.membership"]
    people = Partner.create(
        [
            {"name": f"{PREFIX} member {index:05d}", "email": f"m{index}@example.com"}
            for index in range(args.members)
        ]
    )
    teams = args.members // 10
    companies = Partner.create(
        [
            {"name": f"{PREFIX} team {index:04d}", "is_company": True}
            for index in range(teams)
        ]
    )
    memberships_vals = []
    cursor = 0
    for company_partner in companies:
        members = people[cursor : cursor + 3]
        cursor += 3
        memberships_vals.append(
            {
                "partner_id": company_partner.id,
                "plan_id": plan.id,
                "date_start": period_start,
                "member_line_ids": [
                    Command.create({"partner_id": member.id}) for member in members
                ],
            }
        )
    for person in people[cursor:]:
        start = period_start
        if rng.random() < 0.05:  # joined during the month
            start = period_start + timedelta(days=rng.randrange(1, 25))
        memberships_vals.append(
            {"partner_id": person.id, "plan_id": plan.id, "date_start": start}
        )
    started = time.perf_counter()
    memberships = Membership.create(memberships_vals)
    for membership in memberships:
        membership.action_activate()
    env.flush_all()
    print(
        f"  {len(memberships)} memberships ({teams} teams) activated in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    # a month of usage
    usage_vals = []
    for person in people:
        for _index in range(rng.choice((0, 1, 1, 2, 3))):
            usage_vals.append(
                {
                    "partner_id": person.id,
                    "product_id": rng.choice(usage_products).id,
                    "quantity": rng.choice((1, 2, 10, 50)),
                    "date": period_start + timedelta(days=rng.randrange(28)),
                    "location_id": location.id,
                }
            )
    env["coworking.usage"].create(usage_vals)
    # bookings beyond the credits: 6 hours for 4 of credits, for a fifth
    Booking = env["coworking.booking"].with_context(
        coworking_booking_staff=True, mail_notrack=True, tracking_disable=True
    )
    booked = 0
    slots = {}
    started = time.perf_counter()
    for person in rng.sample(list(people), args.members // 5):
        day = period_start + timedelta(days=rng.randrange(28))
        room_index = slots.setdefault(day, 0)
        slots[day] += 1
        if room_index >= len(rooms):
            continue
        start = datetime.combine(day, datetime.min.time()) + timedelta(hours=6)
        # booked the day before, as it happened during the month
        with freeze_time(start - timedelta(days=1)):
            booking = Booking._book(
                rooms[room_index], start, start + timedelta(hours=6), person
            )
            if rng.random() < 0.1:
                booking.with_context(coworking_cancel_waived=False)._cancel(
                    "bench", fee=booking.price / 2 or 5.0
                )
        booked += 1
    print(
        f"  {len(usage_vals)} usage entries, {booked} bookings in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    # the fees are due: the subscriptions wait for their invoice
    memberships.subscription_id.write({"recurring_next_date": today})
    env.cr.commit()
    return {
        "members": args.members,
        "memberships": len(memberships),
        "usage": len(usage_vals),
        "bookings": booked,
        "period_start": str(period_start),
        "period_end": str(period_end),
    }


def measure_oca(env, args):
    """subscription_oca's plain cron, billing the fee of every subscription."""
    subscriptions = env["sale.subscription"].search(
        [("template_id.name", "=", f"{PREFIX} monthly")]
    )
    # cut the memberships' links: the cron then bills their subscriptions
    env.cr.execute("UPDATE coworking_membership SET subscription_id = NULL")
    env.invalidate_all()
    env.registry.clear_cache()
    before_moves = env["account.move"].search_count([])
    rss_before = maxrss_mb()
    queries_before = env.cr.sql_log_count
    started = time.perf_counter()
    env["sale.subscription"].cron_subscription_management()
    env.flush_all()
    seconds = time.perf_counter() - started
    queries = env.cr.sql_log_count - queries_before
    invoices = env["account.move"].search(
        [("subscription_id", "in", subscriptions.ids)]
    )
    result = {
        "what": "oca",
        "invoices": len(invoices),
        "new_moves": env["account.move"].search_count([]) - before_moves,
        "lines": sum(
            len(
                move.invoice_line_ids.filtered(
                    lambda line: line.display_type == "product"
                )
            )
            for move in invoices
        ),
        "seconds": seconds,
        "queries": queries,
        "rss_mb": maxrss_mb(),
        "rss_growth_mb": maxrss_mb() - rss_before,
    }
    env.cr.rollback()
    return result


def measure_coworking(env, args):
    from dateutil.relativedelta import relativedelta

    env["ir.config_parameter"].set_param(
        "coworking_billing.auto_post", "1" if args.post else "0"
    )
    today = date.today()
    period_start = (today - relativedelta(months=1)).replace(day=1)
    Run = env["coworking.billing.run"]
    run = Run._get_or_create(env.company, period_start)
    rss_before = maxrss_mb()
    queries_before = env.cr.sql_log_count
    started = time.perf_counter()
    batches = 0
    while run._process(args.batch)[1]:
        batches += 1
    env.flush_all()
    seconds = time.perf_counter() - started
    queries = env.cr.sql_log_count - queries_before
    invoices = run.invoice_ids
    lines = sum(
        len(move.invoice_line_ids.filtered(lambda line: line.display_type == "product"))
        for move in invoices
    )
    result = {
        "what": "coworking" + ("_posted" if args.post else ""),
        "invoices": len(invoices),
        "lines": lines,
        "batches": batches + 1,
        "seconds": seconds,
        "queries": queries,
        "rss_mb": maxrss_mb(),
        "rss_growth_mb": maxrss_mb() - rss_before,
        "failed": len(run.failed_partner_ids),
    }
    env.cr.rollback()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=("setup", "oca", "coworking"))
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--post", action="store_true")
    args = parser.parse_args()
    with odoo_env(args.database) as env:
        from odoo import sql_db

        sql_db._logger.setLevel(40)
        if args.step == "setup":
            result = setup(env, args)
        elif args.step == "oca":
            result = measure_oca(env, args)
        else:
            result = measure_coworking(env, args)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
