# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Free-slot benchmark: coworking_booking against OCA resource_booking.

Builds the same data for both addons in one database where both are
installed: ``--spaces`` rooms of one location open Mon-Fri 08:00-20:00
(Europe/Paris), bookable on 30-minute steps for 60 minutes, with the same
seeded random bookings (``--per-day`` per room and weekday). Then it times the
computation of every free 60-minute slot of every room over ``--weeks`` weeks:

* coworking_booking: ``coworking.booking._get_free_slots(spaces, ...)``, one
  batched call (and, for reference, one call per space);
* resource_booking: ``resource.booking._get_available_slots(start, end)`` on one
  pending booking per ``resource.booking.combination`` (the portal's scheduling
  calendar calls exactly this), since it has no batched API.

Record caches and ormcaches are cleared before every repetition. Both must
find the same slots; the script says where they differ.

Usage (see run.sh)::

    python bench_slots.py -d cw_bench_slots [--reps 5] [--spaces 100]
"""

import argparse
import random
import sys
import time
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import odoo_env, opening_hours, summary_ms  # noqa: E402

TZ_NAME = "Europe/Paris"
OPEN_HOUR, CLOSE_HOUR = 8, 20
STEP_MIN, DURATION_MIN = 30, 60
BOOKING_LENGTHS_MIN = (60, 60, 90, 120, 180)
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "no_mail_to_attendees": True,
    "mail_notify_force_send": False,
}


def log(message):
    print(message, flush=True)


def window_start(now_utc, pytz):
    """Local midnight of the first Monday after today, in the location's tz."""
    tz = pytz.timezone(TZ_NAME)
    today = now_utc.astimezone(tz).date()
    monday = today + timedelta(days=7 - today.weekday())
    return tz.localize(datetime.combine(monday, datetime.min.time()))


def random_day_bookings(rng, count):
    """``count`` non-overlapping (start_minute, stop_minute) pairs in opening
    hours, aligned on the step, as minutes from local midnight."""
    chosen = []
    for _attempt in range(50):
        if len(chosen) == count:
            break
        length = rng.choice(BOOKING_LENGTHS_MIN)
        first = OPEN_HOUR * 60
        last = CLOSE_HOUR * 60 - length
        start = first + STEP_MIN * rng.randrange((last - first) // STEP_MIN + 1)
        stop = start + length
        if all(stop <= s or start >= e for s, e in chosen):
            chosen.append((start, stop))
    return sorted(chosen)


def make_schedule(seed, spaces, days, per_day, pytz):
    """``{space_index: [(start_utc_naive, stop_utc_naive)]}``."""
    rng = random.Random(seed)
    tz = pytz.timezone(TZ_NAME)
    schedule = defaultdict(list)
    for day in days:
        for index in range(spaces):
            for start, stop in random_day_bookings(rng, per_day):
                local_start = tz.localize(
                    datetime.combine(day, datetime.min.time())
                    + timedelta(minutes=start)
                )
                local_stop = tz.localize(
                    datetime.combine(day, datetime.min.time()) + timedelta(minutes=stop)
                )
                schedule[index].append(
                    (
                        local_start.astimezone(pytz.utc).replace(tzinfo=None),
                        local_stop.astimezone(pytz.utc).replace(tzinfo=None),
                    )
                )
    return schedule


def create_rb_bookings_orm(env, booking_type, partner, values):
    """Scheduled resource bookings the way users make them: each booking
    creates its calendar.event, one at a time, and checks the whole schedule
    (quadratic: about 10 minutes for 6,000 bookings on 2 cores)."""
    env["resource.booking"].create(
        [
            {
                "type_id": booking_type.id,
                "combination_id": combination.id,
                "combination_auto_assign": False,
                "partner_ids": [(6, 0, partner.ids)],
                "start": start,
                "duration": (stop - start).total_seconds() / 3600,
            }
            for combination, start, stop in values
        ]
    )


def create_rb_bookings_fast(env, booking_type, partner, values):
    """The same records as ``create_rb_bookings_orm`` in a few batches: the
    bookings (pending), their calendar events with the values resource_booking
    gives them, then the link and dates written in SQL, which skips only
    resource_booking's per-booking schedule check (the data is conflict-free
    by construction, and the benchmark compares both addons' slots)."""
    from odoo.tools import SQL

    bookings = env["resource.booking"].create(
        [
            {
                "type_id": booking_type.id,
                "combination_id": combination.id,
                "combination_auto_assign": False,
                "partner_ids": [(6, 0, partner.ids)],
            }
            for combination, _start, _stop in values
        ]
    )
    events = env["calendar.event"].create(
        [
            {
                "name": f"{partner.name} - {booking_type.name}",
                "start": start,
                "stop": stop,
                "duration": (stop - start).total_seconds() / 3600,
                "user_id": env.user.id,
                "partner_ids": [(6, 0, partner.ids)],
                "show_as": "busy",
                "event_tz": booking_type.resource_calendar_id.tz,
                "res_model_id": False,
                "res_id": False,
            }
            for _combination, start, stop in values
        ]
    )
    env.flush_all()
    env.cr.execute(
        SQL(
            """
            UPDATE resource_booking rb
               SET meeting_id = v.meeting_id, start = v.start, stop = v.stop,
                   duration = v.duration, state = 'scheduled'
              FROM unnest(%s::int[], %s::int[], %s::timestamp[],
                          %s::timestamp[], %s::float8[])
                   AS v(id, meeting_id, start, stop, duration)
             WHERE rb.id = v.id
            """,
            bookings.ids,
            events.ids,
            [start for _c, start, _s in values],
            [stop for _c, _s, stop in values],
            [(stop - start).total_seconds() / 3600 for _c, start, stop in values],
        )
    )
    env.invalidate_all()


def build_data(env, args, pytz):
    """Create the location, rooms and bookings of both addons; return what the
    timing needs."""
    env = env(context=dict(env.context, **QUIET))
    start_local = window_start(datetime.now(pytz.utc), pytz)
    days = [
        (start_local + timedelta(days=offset)).date()
        for offset in range(7 * args.weeks)
        if (start_local + timedelta(days=offset)).weekday() < 5
    ]
    schedule = make_schedule(args.seed, args.spaces, days, args.per_day, pytz)
    booking_count = sum(len(v) for v in schedule.values())

    calendar = opening_hours(
        env, "Bench Mon-Fri 08-20", TZ_NAME, (OPEN_HOUR, CLOSE_HOUR), days=range(5)
    )

    # --- coworking_booking ------------------------------------------------
    location = env["coworking.location"].create(
        {
            "name": "Bench Location",
            "code": "BENCH",
            "tz": TZ_NAME,
            "resource_calendar_id": calendar.id,
        }
    )
    spaces = env["coworking.space"].create(
        [
            {
                "name": f"Bench Room {index:03d}",
                "location_id": location.id,
                "kind": "meeting_room",
                "capacity": 6,
                "booking_slot_minutes": STEP_MIN,
                "booking_min_minutes": STEP_MIN,
                "booking_max_minutes": 600,
                "booking_buffer_minutes": 0,
                "booking_notice_minutes": 60,
                "booking_horizon_days": 90,
            }
            for index in range(args.spaces)
        ]
    )
    partner = env["res.partner"].create(
        {"name": "Bench Customer", "email": "bench@example.com"}
    )
    started = time.perf_counter()
    env["coworking.booking"].with_context(coworking_booking_staff=True).create(
        [
            {
                "space_id": spaces[index].id,
                "partner_id": partner.id,
                "start": start,
                "stop": stop,
                "state": "confirmed",
                "price": 0.0,
            }
            for index in range(args.spaces)
            for start, stop in schedule[index]
        ]
    )
    env.flush_all()
    log(
        f"  coworking_booking: {booking_count} bookings created in "
        f"{time.perf_counter() - started:.1f} s"
    )

    # --- resource_booking -------------------------------------------------
    resources = env["resource.resource"].create(
        [
            {
                "name": f"RB Room {index:03d}",
                "resource_type": "material",
                "calendar_id": calendar.id,
                "tz": TZ_NAME,
            }
            for index in range(args.spaces)
        ]
    )
    combinations = env["resource.booking.combination"].create(
        [{"resource_ids": [(6, 0, resource.ids)]} for resource in resources]
    )
    booking_type = env["resource.booking.type"].create(
        {
            "name": "Bench room, 1 hour",
            "duration": DURATION_MIN / 60,
            "slot_duration": STEP_MIN / 60,
            "modifications_deadline": 1.0,  # = the rooms' 60-minute notice
            "resource_calendar_id": calendar.id,
            "combination_assignment": "sorted",
            "combination_rel_ids": [
                (0, 0, {"sequence": index, "combination_id": combination.id})
                for index, combination in enumerate(combinations)
            ],
        }
    )
    started = time.perf_counter()
    rb_values = [
        (combinations[index], start, stop)
        for index in range(args.spaces)
        for start, stop in schedule[index]
    ]
    if args.rb_via_orm:
        create_rb_bookings_orm(env, booking_type, partner, rb_values)
    else:
        create_rb_bookings_fast(env, booking_type, partner, rb_values)
    env.flush_all()
    log(
        f"  resource_booking: {booking_count} bookings (+ calendar events) "
        f"created in {time.perf_counter() - started:.1f} s"
        + ("" if args.rb_via_orm else " (links written in SQL, see --rb-via-orm)")
    )
    # the booking being scheduled on the portal: pending, one per room
    pending = env["resource.booking"].create(
        [
            {
                "type_id": booking_type.id,
                "combination_id": combination.id,
                "combination_auto_assign": False,
                "partner_ids": [(6, 0, partner.ids)],
            }
            for combination in combinations
        ]
    )
    return {
        "start": start_local,
        "stop": start_local + timedelta(weeks=args.weeks),
        "spaces": spaces,
        "combinations": combinations,
        "pending": pending,
        "bookings": booking_count,
    }


def time_runs(env, reps, func):
    durations, queries, result = [], [], None
    for _rep in range(reps):
        env.invalidate_all()
        env.registry.clear_cache()
        count = env.cr.sql_log_count
        started = time.perf_counter()
        result = func()
        durations.append(time.perf_counter() - started)
        queries.append(env.cr.sql_log_count - count)
    return durations, queries, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path")
    parser.add_argument("--spaces", type=int, default=100)
    parser.add_argument("--weeks", type=int, default=4)
    parser.add_argument("--per-day", type=int, default=3)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--rb-reps", type=int, help="repetitions for resource_booking")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--rb-via-orm",
        action="store_true",
        help="create the resource bookings one by one through the ORM (slow)",
    )
    args = parser.parse_args()

    with odoo_env(args.database, args.addons_path) as env:
        import pytz

        missing = [
            name
            for name in ("coworking_booking", "resource_booking")
            if not env["ir.module.module"].search(
                [("name", "=", name), ("state", "=", "installed")]
            )
        ]
        if missing:
            sys.exit(f"ERROR: {', '.join(missing)} not installed in {args.database}.")
        log(
            f"Building data: {args.spaces} rooms, {args.weeks} weeks, "
            f"{args.per_day} bookings per room and weekday (seed {args.seed})"
        )
        data = build_data(env, args, pytz)
        env.cr.commit()
        env.cr.execute("ANALYZE")
        env = env(context=dict(env.context, tz=TZ_NAME))
        Booking = env["coworking.booking"]
        spaces = data["spaces"].with_env(env)
        pending = data["pending"].with_env(env)
        start, stop = data["start"], data["stop"]
        duration = timedelta(minutes=DURATION_MIN)
        log(
            f"Window: {start:%a %Y-%m-%d %H:%M} to {stop:%a %Y-%m-%d %H:%M} "
            f"{TZ_NAME}, {data['bookings']} existing bookings per addon"
        )

        def coworking_batch():
            return Booking._get_free_slots(spaces, start, stop, duration, staff=False)

        def coworking_each():
            result = {}
            for space in spaces:
                result.update(
                    Booking._get_free_slots(space, start, stop, duration, staff=False)
                )
            return result

        def resource_booking():
            return {
                booking.combination_id: booking._get_available_slots(start, stop)
                for booking in pending
            }

        rb_reps = args.rb_reps or args.reps
        cw_times, cw_queries, cw_result = time_runs(env, args.reps, coworking_batch)
        each_times, each_queries, _each = time_runs(env, args.reps, coworking_each)
        rb_times, rb_queries, rb_result = time_runs(env, rb_reps, resource_booking)

        # --- same slots? ---------------------------------------------------
        cw_slots = {
            index: {slot[0] for slot in cw_result[space]}
            for index, space in enumerate(spaces)
        }
        rb_slots = {}
        for index, combination in enumerate(data["combinations"]):
            by_day = rb_result[combination.with_env(env)]
            rb_slots[index] = {
                moment.astimezone(pytz.utc).replace(tzinfo=None)
                for moments in by_day.values()
                for moment in moments
            }
        cw_total = sum(len(v) for v in cw_slots.values())
        rb_total = sum(len(v) for v in rb_slots.values())
        only_cw = sum(len(cw_slots[i] - rb_slots[i]) for i in cw_slots)
        only_rb = sum(len(rb_slots[i] - cw_slots[i]) for i in cw_slots)
        rooms_differ = sum(cw_slots[i] != rb_slots[i] for i in cw_slots)

        cw_med, cw_min = summary_ms(cw_times)
        each_med, each_min = summary_ms(each_times)
        rb_med, rb_min = summary_ms(rb_times)
        log("")
        log(
            f"Free {DURATION_MIN}-min slots of {args.spaces} rooms over "
            f"{args.weeks} weeks (median of {args.reps} / {rb_reps} runs, min):"
        )
        log(
            f"  coworking _get_free_slots, one batched call : median "
            f"{cw_med:8.1f} ms  min {cw_min:8.1f} ms  "
            f"{max(cw_queries)} queries"
        )
        log(
            f"  coworking _get_free_slots, one call per room: median "
            f"{each_med:8.1f} ms  min {each_min:8.1f} ms  "
            f"{max(each_queries)} queries"
        )
        log(
            f"  resource_booking _get_available_slots x{args.spaces}: median "
            f"{rb_med:8.1f} ms  min {rb_min:8.1f} ms  "
            f"{max(rb_queries)} queries"
        )
        log(
            f"coworking: {cw_med:.1f} ms, resource_booking: {rb_med:.1f} ms, "
            f"ratio: {rb_med / cw_med:.1f} x (min: {cw_min:.1f} vs {rb_min:.1f} "
            f"ms, {rb_min / cw_min:.1f} x; per-room calls: "
            f"{rb_med / each_med:.1f} x)"
        )
        log(
            f"Slots found: coworking {cw_total}, resource_booking {rb_total}; "
            f"only coworking {only_cw}, only resource_booking {only_rb}, "
            f"rooms that differ {rooms_differ}"
        )
        if only_cw or only_rb:
            for index in range(args.spaces):
                if cw_slots[index] != rb_slots[index]:
                    log(
                        f"  e.g. room {index}: only coworking "
                        f"{sorted(cw_slots[index] - rb_slots[index])[:5]}, only "
                        f"resource_booking "
                        f"{sorted(rb_slots[index] - cw_slots[index])[:5]}"
                    )
                    break
        return 0 if not (only_cw or only_rb) else 1


if __name__ == "__main__":
    sys.exit(main())
