# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""JSON API of the queues, for mobile apps: the services, taking a ticket,
its status, and giving it up.

Its routes follow the suite's conventions (``coworking_base/controllers/
api.py``: authentication, JSON answers and errors); they are described by
this addon's part of the OpenAPI document (``tools/openapi.py``) served at
``/coworking/api/openapi.json``.

Visitors' phones call it anonymously; an API key makes the ticket its user's,
a scanned member QR code (credential) the member's. A ticket is then read and
cancelled with its id and its key (``access_token``), as on its web page.
"""

import psycopg2

from odoo import http
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.coworking_base.controllers.api import CoworkingApiController
from odoo.addons.coworking_base.tools.api_input import (
    ApiError,
    read_body,
    read_query,
    unprocessable,
)
from odoo.addons.coworking_base.tools.openapi import API_PREFIX

from ..exceptions import QueueRefused
from ..tools import api_payloads as payloads

# codes of QueueRefused that mean "someone else has it"
QUEUE_CONFLICT_CODES = {"nonce_reused"}
# the unique constraint of the tickets' nonces (kiosk_nonce)
NONCE_CONSTRAINT = "coworking_queue_ticket_nonce_uniq"


class CoworkingQueueApi(CoworkingApiController):
    """``/coworking/api/queue/...``: services, tickets of visitors."""

    def _to_api_error(self, error):
        """A refused queue step: 409 for a key already used elsewhere, 422
        with its code otherwise (closed, not_offered,
        invalid_transition…)."""
        if not isinstance(error, QueueRefused):
            return super()._to_api_error(error)
        return ApiError(
            409 if error.code in QUEUE_CONFLICT_CODES else 422,
            error.code,
            str(error),
        )

    # ------------------------------------------------------------------
    # Records visible to the caller
    # ------------------------------------------------------------------

    def _queue_service_domain(self):
        """Active services of the active locations of the caller's
        companies (anonymous callers: the public user's)."""
        return [
            ("location_id.active", "=", True),
            ("company_id", "in", request.env.companies.ids),
        ]

    def _queue_get_service(self, service_id):
        """The service as superuser (visitors have no rights on queues),
        else 404."""
        queue = (
            request.env["coworking.queue"]
            .sudo()
            .search([("id", "=", service_id)] + self._queue_service_domain())
        )
        if not queue:
            raise ApiError(
                404,
                "not_found",
                request.env._("No service %(id)s here.", id=service_id),
                field="service_id",
            )
        return queue

    def _queue_get_ticket(self, ticket_id, access_token):
        """The ticket as superuser when ``access_token`` is its key, else
        404: an unknown id and a wrong key answer the same."""
        ticket = request.env["coworking.queue.ticket"].sudo().browse(ticket_id).exists()
        if not (
            ticket
            and ticket.access_token
            and consteq(ticket.access_token, access_token)
        ):
            raise ApiError(
                404,
                "not_found",
                request.env._("No ticket %(id)s with this key.", id=ticket_id),
                field="ticket_id",
            )
        return ticket

    def _queue_caller_partner(self):
        """The caller's partner; None for anonymous callers."""
        user = request.env.user
        return None if user._is_public() else user.partner_id

    def _queue_member(self, queue, token):
        """The holder of a member's scanned QR code, valid for the
        service's company; 422 with the reason otherwise."""
        verdict = (
            request.env["coworking.credential"]
            .sudo()
            .with_context(allowed_company_ids=queue.company_id.ids)
            ._scan_token(token.strip())
        )
        if not verdict["valid"]:
            raise ApiError(
                422,
                "invalid_credential",
                verdict["message"],
                field="credential",
                reasons=[{"code": verdict["reason"], "message": verdict["message"]}],
            )
        return verdict["credential"].partner_id

    # ------------------------------------------------------------------
    # Services
    # ------------------------------------------------------------------

    @http.route(
        f"{API_PREFIX}/queue/services",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def api_queue_services(self, **params):
        """GET the services of a location, or of every location, with their waits."""
        self._authenticate(required=False)
        return self._serve(self._queue_list_services, params)

    def _queue_list_services(self, params):
        """Every service, open or not, with the types offered to the caller,
        the tickets waiting and a new ticket's wait."""
        params = read_query("/queue/services", "get", params)
        domain = self._queue_service_domain()
        if "location_id" in params:
            domain.append(("location_id", "=", params["location_id"]))
        Queue = request.env["coworking.queue"].sudo()
        queues = Queue.search(domain)
        estimates = Queue._new_ticket_waits(queues)
        partner = self._queue_caller_partner()
        staff = self._is_staff()
        return {
            "services": [
                payloads.service_payload(
                    queue,
                    queue._is_open(),
                    [
                        code
                        for code in queue._offered_types(partner, staff=staff)
                        if code != "appointment"
                    ],
                    estimates[queue.id],
                )
                for queue in queues
            ]
        }

    # ------------------------------------------------------------------
    # Tickets
    # ------------------------------------------------------------------

    @http.route(
        f"{API_PREFIX}/queue/ticket/take",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def api_queue_ticket_take(self, **params):
        """POST a request for a ticket; the same nonce answers the same ticket."""
        self._authenticate(required=False)
        return self._serve(self._queue_take_ticket, params)

    def _queue_take_ticket(self, params):
        """The ticket of this nonce, 201 when it was taken now, 200 when it
        had been (a retried request)."""
        body = read_body("QueueTicketTake")
        read_query("/queue/ticket/take", "post", params)
        _ = request.env._
        queue = self._queue_get_service(body["service_id"])
        partner = self._queue_caller_partner()
        if body.get("credential"):
            partner = self._queue_member(queue, body["credential"])
        lang = body.get("lang")
        if lang and lang not in dict(request.env["res.lang"].get_installed()):
            raise unprocessable(
                "lang", "lang_not_installed", _("this language is not installed here.")
            )
        Ticket = request.env["coworking.queue.ticket"].sudo()
        nonce = body["nonce"]
        given = Ticket.search([("kiosk_nonce", "=", nonce)], limit=1)
        if given and given.partner_id != (partner or given.partner_id.browse()):
            # the key of somebody else's ticket: never hand it over
            raise ApiError(
                409,
                "nonce_reused",
                _("This key was already used for another visitor's ticket."),
                field="nonce",
            )
        if given and given.queue_id == queue:
            return {"ticket": payloads.ticket_payload(given)}, 200
        try:
            with request.env.cr.savepoint():
                ticket = Ticket._take(
                    queue,
                    ticket_type=body.get("ticket_type", "normal"),
                    partner=partner,
                    email=body.get("email"),
                    lang=lang,
                    nonce=nonce,
                    staff=self._is_staff(),
                )
        except psycopg2.errors.UniqueViolation as error:
            if error.diag.constraint_name != NONCE_CONSTRAINT:
                raise
            # the same key sent twice at once: the other request gives the
            # ticket, which the next try answers
            raise ApiError(
                409,
                "conflict",
                _(
                    "Another request with this key is being served: send the "
                    "request again to get its ticket."
                ),
                field="nonce",
            ) from None
        return {"ticket": payloads.ticket_payload(ticket)}, 201

    @http.route(
        f"{API_PREFIX}/queue/ticket",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def api_queue_ticket(self, **params):
        """GET a ticket's state, place and wait, with its key."""
        self._authenticate(required=False)
        return self._serve(self._queue_read_ticket, params)

    def _queue_read_ticket(self, params):
        params = read_query("/queue/ticket", "get", params)
        ticket = self._queue_get_ticket(params["ticket_id"], params["access_token"])
        return {"ticket": payloads.ticket_payload(ticket)}

    @http.route(
        f"{API_PREFIX}/queue/ticket/cancel",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def api_queue_ticket_cancel(self, **params):
        """POST the cancellation of a ticket, with its key."""
        self._authenticate(required=False)
        return self._serve(self._queue_cancel_ticket, params)

    def _queue_cancel_ticket(self, params):
        """Give up the ticket; a cancelled one is answered as it is (a
        retried request)."""
        body = read_body("QueueTicketCancel")
        read_query("/queue/ticket/cancel", "post", params)
        ticket = self._queue_get_ticket(body["ticket_id"], body["access_token"])
        if ticket.state != "cancelled":
            ticket.action_cancel()
        return {"ticket": payloads.ticket_payload(ticket)}
