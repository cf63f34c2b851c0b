# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..wizards import coworking_queue_ticket_export
from .common import MONDAY, QueueCommon

try:
    import openpyxl
except ImportError:  # pragma: no cover
    openpyxl = None

MEASURES = [
    "ticket_count:sum",
    "called_count:sum",
    "served_count:sum",
    "no_show_count:sum",
    "expired_count:sum",
    "cancelled_count:sum",
    "wait_minutes:avg",
    "wait_p90:p90",
    "service_minutes:avg",
    "service_p90:p90",
    "no_show_rate:avg",
]


@tagged("post_install", "-at_install")
class TestAnalytics(QueueCommon):
    """A Monday replayed at counter 1 (times from 11:00 in Paris):

    Reception, one visitor at a time: waits of 1 to 10 minutes; the first
    eight are served in 1 to 8 minutes, the last two do not come. Then one
    ticket cancelled while waiting and one expired, never called.
    Parcels: a wait of 20 minutes served in 5, a wait of 40 and no-show.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["coworking.queue.report"]
        cls.counter = cls.counter_1.with_user(cls.user_agent)
        cls.counter.action_open()
        cls.eve = cls.env["res.partner"].create({"name": "=HYPERLINK(1)"})
        clock = 0
        for wait in range(1, 11):
            service = wait if wait <= 8 else None
            cls._visit(cls.reception, clock, wait, service)
            clock += wait + (service or 0)
        cls.cancelled = cls._take_at(cls.reception, 95, partner=cls.eve)
        cls.cancelled.action_cancel(now=cls._at(97))
        cls.expired = cls._take_at(cls.reception, 96)
        cls.expired._move("expired", now=cls._at(100))
        cls._visit(cls.parcels, 100, 20, 5)
        cls._visit(cls.parcels, 125, 40, None)
        cls.domain = [("queue_id", "in", (cls.reception | cls.parcels).ids)]

    @classmethod
    def _at(cls, minutes):
        return MONDAY + timedelta(minutes=minutes)

    @classmethod
    def _take_at(cls, queue, minutes, **kwargs):
        return cls.Ticket._take(queue, now=cls._at(minutes), staff=True, **kwargs)

    @classmethod
    def _visit(cls, queue, taken, wait, service):
        """A ticket taken at ``taken``, called ``wait`` minutes later, then
        served in ``service`` minutes, or a no-show when ``service`` is None."""
        cls._take_at(queue, taken)
        called = taken + wait
        ticket = cls.Ticket.with_user(cls.user_agent)._call_next(
            cls.counter, now=cls._at(called)
        )
        if service is None:
            ticket.action_no_show(now=cls._at(called))
        else:
            ticket.action_start(now=cls._at(called))
            ticket.action_served(now=cls._at(called + service))
        return ticket

    def _figures(self, groupby, domain=None, report=None):
        report = self.Report if report is None else report
        rows = report._read_group(domain or self.domain, groupby, MEASURES)
        return {
            tuple(row[: len(groupby)]): dict(
                zip(MEASURES, row[len(groupby) :], strict=False)
            )
            for row in rows
        }

    def assertFigures(self, figures, expected):
        for spec, value in expected.items():
            with self.subTest(measure=spec):
                self.assertAlmostEqual(figures[spec], value, places=6)

    # ------------------------------------------------------------------
    # The report
    # ------------------------------------------------------------------

    def test_figures_per_service_are_exact(self):
        figures = self._figures(["queue_id"])
        # waits 1..10: p90 at rank 0.9 x 9 = 8.1, between 9 and 10 -> 9.1;
        # services 1..8: rank 6.3 -> 7.3; 2 no-shows of 10 called
        self.assertFigures(
            figures[(self.reception,)],
            {
                "ticket_count:sum": 12,
                "called_count:sum": 10,
                "served_count:sum": 8,
                "no_show_count:sum": 2,
                "expired_count:sum": 1,
                "cancelled_count:sum": 1,
                "wait_minutes:avg": 5.5,
                "wait_p90:p90": 9.1,
                "service_minutes:avg": 4.5,
                "service_p90:p90": 7.3,
                "no_show_rate:avg": 20.0,
            },
        )
        # waits 20 and 40: 20 + 0.9 x 20 = 38; one no-show of two
        self.assertFigures(
            figures[(self.parcels,)],
            {
                "ticket_count:sum": 2,
                "wait_minutes:avg": 30.0,
                "wait_p90:p90": 38.0,
                "service_minutes:avg": 5.0,
                "service_p90:p90": 5.0,
                "no_show_rate:avg": 50.0,
            },
        )

    def test_a_total_is_computed_from_the_tickets_not_from_the_groups(self):
        """The p90 of both services is the p90 of their twelve waits (19),
        neither a sum nor an average of the services' p90 (9.1 and 38)."""
        [total] = self._figures([]).values()
        self.assertFigures(
            total,
            {
                "ticket_count:sum": 14,
                "wait_minutes:avg": (55 + 60) / 12,
                # waits 1..10, 20, 40: rank 9.9 between 10 and 20
                "wait_p90:p90": 19.0,
                "service_minutes:avg": (36 + 5) / 9,
                # services 1..8 and 5: rank 7.2 between 7 and 8
                "service_p90:p90": 7.2,
                "no_show_rate:avg": 25.0,
            },
        )

    def test_figures_per_hour_of_the_day(self):
        """Tickets 1-8 of the reception are taken at 11:xx in Paris, 9 and
        10 at 12:xx, with the cancelled and the expired ones."""
        figures = self._figures(["hour"], domain=[("queue_id", "=", self.reception.id)])
        self.assertEqual(sorted(hour for (hour,) in figures), ["11", "12"])
        self.assertFigures(
            figures[("11",)],
            {
                "ticket_count:sum": 8,
                "wait_minutes:avg": 4.5,
                "wait_p90:p90": 7.3,
                "no_show_rate:avg": 0.0,
            },
        )
        self.assertFigures(
            figures[("12",)],
            {
                "ticket_count:sum": 4,
                "wait_p90:p90": 9.9,
                "no_show_rate:avg": 100.0,
            },
        )
        self.assertFalse(figures[("12",)]["service_p90:p90"], "no one served")

    def test_the_pivot_reads_the_p90_through_read_group(self):
        """The web client asks ``read_group`` for each measure with the
        field's aggregator: ``wait_p90`` answers its percentile."""
        groups = self.Report.read_group(
            self.domain, ["wait_p90", "no_show_rate", "ticket_count"], ["queue_id"]
        )
        by_queue = {group["queue_id"][0]: group for group in groups}
        self.assertAlmostEqual(by_queue[self.reception.id]["wait_p90"], 9.1)
        self.assertAlmostEqual(by_queue[self.parcels.id]["no_show_rate"], 50.0)
        self.assertEqual(by_queue[self.reception.id]["ticket_count"], 12)
        fields = self.Report.fields_get(["wait_p90"], ["aggregator"])
        self.assertEqual(fields["wait_p90"]["aggregator"], "p90")

    def test_a_visitor_called_right_now_is_not_yet_a_no_show_or_not(self):
        ticket = self._take_at(self.parcels, 200)
        ticket = self.Ticket.with_user(self.user_agent)._call_next(
            self.counter, now=self._at(210)
        )
        self.assertEqual(ticket.state, "called")
        figures = self._figures(["queue_id"])[(self.parcels,)]
        self.assertEqual(figures["called_count:sum"], 3)
        self.assertAlmostEqual(figures["no_show_rate:avg"], 50.0)
        # ... but its wait is known: 20, 40 and 10
        self.assertAlmostEqual(figures["wait_minutes:avg"], 70 / 3)

    def test_a_visitor_called_at_once_waited_zero_minutes(self):
        """Not an unknown wait: it counts in the average and the p90."""
        ticket = self._visit(self.parcels, 300, 0, 2)
        self.assertEqual(ticket.called_at, ticket.taken_at)
        figures = self._figures(["queue_id"])[(self.parcels,)]
        self.assertAlmostEqual(figures["wait_minutes:avg"], 20.0)
        # waits 0, 20, 40: rank 1.8 -> 20 + 0.8 x 20
        self.assertAlmostEqual(figures["wait_p90:p90"], 36.0)

    def test_an_organisation_sees_only_its_own_figures(self):
        other = self.env["res.company"].create({"name": "Dakar Org"})
        calendar = self._create_calendar("Dakar", "Africa/Dakar", other)
        location = self.env["coworking.location"].create(
            {
                "name": "Dakar",
                "tz": "Africa/Dakar",
                "company_id": other.id,
                "resource_calendar_id": calendar.id,
            }
        )
        foreign = self.env["coworking.queue"].create(
            {"name": "Accueil", "location_id": location.id, "prefix": "D"}
        )
        self._take_at(foreign, 0).action_cancel(now=self._at(1))
        everything = [("day", "=", MONDAY.date())]
        self.assertEqual(self.Report.search_count(everything), 15)
        for user in (self.user_agent, self.user_manager):
            with self.subTest(user=user.login):
                report = self.Report.with_user(user)
                self.assertEqual(report.search_count(everything), 14)
                [total] = self._figures([], everything, report).values()
                self.assertEqual(total["ticket_count:sum"], 14)
                self.assertFalse(report.search([("queue_id", "=", foreign.id)]))

    def test_who_reads_the_analytics(self):
        for user in (self.user_agent, self.user_manager):
            with self.subTest(user=user.login):
                self.assertTrue(self.Report.with_user(user).search_count(self.domain))
        for user in (self.user_employee, self.user_front, self.user_portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Report.with_user(user).search_count([])
        menu = self.env.ref("coworking_queue.coworking_queue_report_menu")
        self.assertEqual(
            menu.groups_id, self.env.ref("coworking_base.group_coworking_manager")
        )

    # ------------------------------------------------------------------
    # The Excel export
    # ------------------------------------------------------------------

    def _export(self, user=None, **values):
        Export = self.env["coworking.queue.ticket.export"].with_user(
            user or self.user_agent
        )
        wizard = Export.create(
            {"date_from": MONDAY.date(), "date_to": MONDAY.date(), **values}
        )
        return wizard, wizard.action_export()

    def _workbook(self, wizard):
        self.assertTrue(openpyxl, "openpyxl reads the file back")
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file)))

    def test_export_writes_one_row_per_ticket_at_local_times(self):
        wizard, action = self._export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(
            action["url"],
            f"/web/content/coworking.queue.ticket.export/{wizard.id}/file/"
            "queue_tickets_2026-12-07_2026-12-07.xlsx?download=true&mimetype="
            "application%2Fvnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        book = self._workbook(wizard)
        self.assertEqual(book.sheetnames, ["Tickets", "Summary"])
        rows = list(book["Tickets"].iter_rows(values_only=True))
        header = rows[0]
        self.assertEqual(len(rows), 1 + 14)
        first = dict(zip(header, rows[1], strict=False))
        self.assertEqual(
            first,
            {
                "Number": "A-001",
                "Day": datetime(2026, 12, 7),
                "Location": "Test Paris",
                "Time Zone": "Europe/Paris",
                "Service": "Reception",
                "Type": "Normal",
                "State": "Served",
                "Visitor": None,
                # 10:00 UTC is 11:00 in Paris in December
                "Taken At": datetime(2026, 12, 7, 11, 0),
                "Called At": datetime(2026, 12, 7, 11, 1),
                "Service Started": datetime(2026, 12, 7, 11, 1),
                "Closed At": datetime(2026, 12, 7, 11, 2),
                "Wait Minutes": 1.0,
                "Service Minutes": 1.0,
                "Counter": "Counter 1 (TPA)",
                "Agent": "Agent",
            },
        )
        by_number = {
            (row[4], row[0]): dict(zip(header, row, strict=False)) for row in rows[1:]
        }
        no_show = by_number[("Reception", "A-010")]
        self.assertEqual(no_show["State"], "No-show")
        self.assertEqual(no_show["Wait Minutes"], 10.0)
        self.assertIsNone(no_show["Service Minutes"])
        expired = by_number[("Reception", "A-012")]
        self.assertEqual(expired["State"], "Expired")
        self.assertIsNone(expired["Called At"])
        self.assertIsNone(expired["Wait Minutes"])

    def test_export_never_turns_a_visitor_name_into_a_formula(self):
        wizard, _action = self._export()
        sheet = self._workbook(wizard)["Tickets"]
        cells = [row[7] for row in sheet.iter_rows(min_row=2) if row[7].value]
        self.assertEqual([cell.value for cell in cells], ["=HYPERLINK(1)"])
        self.assertEqual(cells[0].data_type, "s", "a text cell, not a formula")

    def test_export_summary_per_service_matches_the_analytics(self):
        wizard, _action = self._export()
        rows = list(self._workbook(wizard)["Summary"].iter_rows(values_only=True))
        header = rows[0]
        self.assertEqual(
            header,
            (
                "Location",
                "Service",
                "Tickets",
                "Served Tickets",
                "No-shows",
                "Expired Tickets",
                "Cancelled Tickets",
                "Average Wait (min)",
                "Wait p90 (min)",
                "Average Service (min)",
                "Service p90 (min)",
                "No-show Rate (%)",
            ),
        )
        by_service = {row[1]: row for row in rows[1:]}
        # counts, then average and p90 waits, services, no-show rate
        expected = {
            "Reception": (12, 8, 2, 1, 1, 5.5, 9.1, 4.5, 7.3, 20.0),
            "Parcels": (2, 1, 1, 0, 0, 30.0, 38.0, 5.0, 5.0, 50.0),
        }
        for service, values in expected.items():
            with self.subTest(service=service):
                got = by_service[service]
                self.assertEqual(got[:7], ("Test Paris", service, *values[:5]))
                for value, figure in zip(got[7:], values[5:], strict=True):
                    self.assertAlmostEqual(value, figure, places=6)
        total = rows[-1]
        self.assertEqual(total[:3], ("All services", None, 14))
        self.assertAlmostEqual(total[8], 19.0, places=6)
        self.assertAlmostEqual(total[11], 25.0, places=6)

    def test_export_of_some_services_only(self):
        wizard, _action = self._export(queue_ids=[(6, 0, self.parcels.ids)])
        rows = list(self._workbook(wizard)["Tickets"].iter_rows(values_only=True))
        self.assertEqual([row[0] for row in rows[1:]], ["B-001", "B-002"])

    def test_export_is_bounded(self):
        monday = MONDAY.date()
        refusals = {
            "reversed": {"date_from": monday, "date_to": monday - timedelta(days=1)},
            "32 days": {
                "date_from": monday - timedelta(days=31),
                "date_to": monday,
            },
            "out of bounds": {"date_from": date(1999, 12, 31), "date_to": monday},
            "empty": {"date_from": date(2026, 11, 2), "date_to": date(2026, 11, 3)},
        }
        for name, values in refusals.items():
            with self.subTest(refusal=name), self.assertRaises(UserError):
                self._export(**values)
        # 31 days are accepted
        self._export(date_from=monday - timedelta(days=30), date_to=monday)
        with (
            patch.object(coworking_queue_ticket_export, "MAX_EXPORT_ROWS", 13),
            self.assertRaisesRegex(UserError, "14 tickets match"),
        ):
            self._export()

    def test_an_export_is_read_by_its_author_only(self):
        wizard, _action = self._export()
        self.assertTrue(wizard.file)
        with self.assertRaises(AccessError):
            wizard.with_user(self.agent_2).read(["file"])
        for user in (self.user_employee, self.user_front):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._export(user=user)

    def test_export_of_another_organisation_shows_none_of_its_tickets(self):
        other = self.env["res.company"].create({"name": "Dakar Org"})
        calendar = self._create_calendar("Dakar", "Africa/Dakar", other)
        location = self.env["coworking.location"].create(
            {
                "name": "Dakar",
                "tz": "Africa/Dakar",
                "company_id": other.id,
                "resource_calendar_id": calendar.id,
            }
        )
        foreign = self.env["coworking.queue"].create(
            {"name": "Accueil", "location_id": location.id, "prefix": "D"}
        )
        self._take_at(foreign, 0)
        wizard, _action = self._export(user=self.user_manager)
        book = self._workbook(wizard)
        tickets = list(book["Tickets"].iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(tickets), 14)
        self.assertNotIn("Dakar", {row[2] for row in tickets})
        summary = list(book["Summary"].iter_rows(min_row=2, values_only=True))
        self.assertNotIn("Dakar", {row[0] for row in summary})


@tagged("post_install", "-at_install")
class TestAnalyticsDownload(HttpCase, QueueCommon):
    def test_the_file_is_downloaded_by_its_author_only(self):
        self.Ticket._take(self.reception, now=MONDAY, staff=True)
        wizard = (
            self.env["coworking.queue.ticket.export"]
            .with_user(self.user_agent)
            .create({"date_from": MONDAY.date(), "date_to": MONDAY.date()})
        )
        url = wizard.action_export()["url"]
        self.authenticate(self.user_agent.login, self.user_agent.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.headers["Content-Type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertEqual(response.content, base64.b64decode(wizard.file))
        self.authenticate(self.agent_2.login, self.agent_2.login)
        self.assertEqual(self.url_open(url).status_code, 404)
        self.authenticate(None, None)
        self.assertEqual(self.url_open(url).status_code, 404)
