# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# One concern of the model per file, as CONTRIBUTING.md asks:
# pylint: disable=consider-merging-classes-inherited
from odoo import models

# The guard row of an event's seats in coworking_event_scan_guard (scans use
# partner_ref > 0 for a person and location_ref > 0 for a room).
SEATS_GUARD_REF = -1

SEATS_GUARD_SQL = """
CREATE OR REPLACE FUNCTION coworking_event_registration_seats_guard()
RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- a seat is taken by a confirmed (open or attended), active registration
    IF NEW.state NOT IN ('open', 'done') OR NOT COALESCE(NEW.active, TRUE) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.state IN ('open', 'done')
            AND COALESCE(OLD.active, TRUE)
            AND OLD.event_id = NEW.event_id
            AND OLD.event_ticket_id IS NOT DISTINCT FROM NEW.event_ticket_id THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM event_event
         WHERE id = NEW.event_id AND seats_limited AND seats_max > 0
    ) AND NOT EXISTS (
        SELECT 1 FROM event_event_ticket
         WHERE id = NEW.event_ticket_id AND seats_max > 0
    ) THEN
        RETURN NULL;
    END IF;
    -- Every seat taken in a limited event writes this row: a second
    -- transaction taking a seat at the same time waits for the first, then
    -- PostgreSQL refuses its snapshot (which misses the first seat) and
    -- Odoo runs the request again, where the seat check sees it.
    INSERT INTO coworking_event_scan_guard
        (event_id, partner_ref, location_ref, hits)
    VALUES (NEW.event_id, %(guard)s, 0, 1)
    ON CONFLICT (event_id, partner_ref, location_ref)
    DO UPDATE SET hits = coworking_event_scan_guard.hits + 1;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION coworking_event_registration_seats_check()
RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    event_row record;
    ticket_row record;
BEGIN
    IF NEW.state NOT IN ('open', 'done') OR NOT COALESCE(NEW.active, TRUE) THEN
        RETURN NULL;
    END IF;
    SELECT e.name, e.seats_max, (
        SELECT count(*) FROM event_registration r
         WHERE r.event_id = e.id AND r.state IN ('open', 'done') AND r.active
    ) AS taken INTO event_row
      FROM event_event e
     WHERE e.id = NEW.event_id AND e.seats_limited AND e.seats_max > 0;
    IF FOUND AND event_row.taken > event_row.seats_max THEN
        RAISE EXCEPTION 'coworking_event_sold_out: event % has % seats, % taken',
            NEW.event_id, event_row.seats_max, event_row.taken
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT t.seats_max, (
        SELECT count(*) FROM event_registration r
         WHERE r.event_ticket_id = t.id AND r.state IN ('open', 'done') AND r.active
    ) AS taken INTO ticket_row
      FROM event_event_ticket t
     WHERE t.id = NEW.event_ticket_id AND t.seats_max > 0;
    IF FOUND AND ticket_row.taken > ticket_row.seats_max THEN
        RAISE EXCEPTION 'coworking_event_sold_out: ticket % has % seats, % taken',
            NEW.event_ticket_id, ticket_row.seats_max, ticket_row.taken
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS coworking_event_registration_seats_guard
    ON event_registration;
CREATE TRIGGER coworking_event_registration_seats_guard
    AFTER INSERT OR UPDATE OF state, active, event_id, event_ticket_id
    ON event_registration
    FOR EACH ROW EXECUTE FUNCTION coworking_event_registration_seats_guard();

DROP TRIGGER IF EXISTS coworking_event_registration_seats_check
    ON event_registration;
CREATE CONSTRAINT TRIGGER coworking_event_registration_seats_check
    AFTER INSERT OR UPDATE OF state, active, event_id, event_ticket_id
    ON event_registration
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION coworking_event_registration_seats_check();
""".replace("%(guard)s", str(SEATS_GUARD_REF))


class EventRegistration(models.Model):
    """Seats of a limited event (or ticket) are never oversold, whichever
    way registrations arrive (website, sale order, Point of Sale, backend).

    Odoo checks seats in Python (``_check_seats_availability``) against the
    transaction's snapshot: two sales of the last seat at once would both
    pass. Two triggers close the gap in the database: every seat taken in a
    limited event first writes the event's guard row, so that concurrent
    sales run one after the other and the second runs again with a fresh
    snapshot (where Odoo's check refuses it with its own clear message); and
    a deferred constraint trigger counts the seats at commit, the last word
    for any path that would bypass the ORM."""

    _inherit = "event.registration"

    def init(self):
        result = super().init()
        self.env.cr.execute(SEATS_GUARD_SQL)
        return result
