# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What every JSON API of the suite shares: authentication, answers, errors,
and the OpenAPI document of them all.

Plain JSON over HTTP (not JSON-RPC): query strings for reads, JSON bodies for
writes, HTTP status codes and a JSON error body for every refusal. Callers
authenticate with an Odoo API key (``Authorization: Bearer <key>``) or with
the session of a logged-in user. The routes of every addon are described by
the OpenAPI 3 document served at ``/coworking/api/openapi.json``
(``tools/openapi.py``), each addon its part.

An addon's API controller inherits :class:`CoworkingApiController`; Odoo
merges the subclasses of the installed addons into one controller, so their
private methods are named after their addon's records and every override
calls ``super()``.

Every error is raised as an :class:`ApiError`, an HTTP exception: Odoo rolls
the transaction back, so a refused request changes nothing.
"""

import re

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from ..tools.api_input import ApiError
from ..tools.api_keys import check_api_key
from ..tools.openapi import API_PREFIX, DOCUMENT_PATH, build_openapi


class CoworkingApiController(http.Controller):
    """``/coworking/api/openapi.json``, and the plumbing of the routes the
    addons add under ``/coworking/api/``."""

    # Not Odoo 18's ``auth="bearer"``: it answers a refused key with an HTML
    # 401 (not our JSON error body), requires a login on every route (some
    # are public, a key optional: the spaces, availability and slots of
    # coworking_booking), and refuses
    # a session without browser Sec-Fetch headers, which scripts using a
    # logged-in session do not send. The key check itself is the same
    # (``res.users.apikeys._check_credentials``, scope rpc: tools/api_keys.py).
    def _authenticate(self, required=True):
        """Switch the request to the user of the API key, if any; keep the
        session's user otherwise. ``required``: refuse anonymous callers."""
        header = request.httprequest.headers.get("Authorization") or ""
        match = re.match(r"^\s*bearer\s+(\S+)\s*$", header, re.IGNORECASE)
        if header and not match:
            raise ApiError(
                401, "unauthorized", request.env._("Use 'Authorization: Bearer <key>'.")
            )
        if match:
            # the key's user is active (checked with the key)
            uid = check_api_key(request.env, match.group(1))
            if not uid:
                raise ApiError(
                    401, "unauthorized", request.env._("Invalid or expired API key.")
                )
            if request.session.uid and request.session.uid != uid:
                raise ApiError(
                    401,
                    "unauthorized",
                    request.env._("The API key and the session are not the same user."),
                )
            request.update_env(user=uid)
            # answers and refusals in the caller's language (cached per user)
            lang = request.env.user.context_get().get("lang")
            if lang and lang != request.env.lang:
                request.update_context(lang=lang)
        elif required and request.env.user._is_public():
            raise ApiError(
                401,
                "unauthorized",
                request.env._(
                    "Authenticate with an API key (Authorization: Bearer <key>) "
                    "or a logged-in session."
                ),
            )
        return request.env.user

    def _is_staff(self):
        """Whether the caller is front desk staff (rules for staff)."""
        return request.env.user.has_group("coworking_base.group_coworking_user")

    def _to_api_error(self, error):
        """The :class:`ApiError` answering ``error``, an Odoo refusal
        (``UserError`` or a subclass) raised while serving a request. An
        addon answers its own exceptions and leaves the others to
        ``super()``."""
        if isinstance(error, MissingError):
            return ApiError(404, "not_found", str(error))
        if isinstance(error, AccessError):
            return ApiError(403, "forbidden", str(error))
        return ApiError(422, "refused", str(error))

    def _serve(self, handler, *args, status=200, **kwargs):
        """Run ``handler`` and answer its result as JSON; turn Odoo's
        refusals into API errors (and so roll the transaction back).

        Odoo adds OPTIONS to the methods of every route and, without CORS,
        runs the route for it: a preflight must never take a ticket or book
        a room, so it is answered here, before any work."""
        if request.httprequest.method == "OPTIONS":
            adapter = (
                request.env["ir.http"]
                .routing_map()
                .bind_to_environ(request.httprequest.environ)
            )
            methods = sorted(adapter.allowed_methods(request.httprequest.path))
            return request.make_response(
                "", headers=[("Allow", ", ".join(methods))], status=204
            )
        try:
            result = handler(*args, **kwargs)
        except UserError as error:
            raise self._to_api_error(error) from None
        if isinstance(result, tuple):
            # a handler whose status depends on the outcome answers it too
            result, status = result
        return request.make_json_response(
            result, headers=[("Cache-Control", "no-store")], status=status
        )

    @http.route(
        f"{API_PREFIX}{DOCUMENT_PATH}",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def api_openapi(self, **kwargs):
        """GET the OpenAPI document of the APIs installed here."""
        document = build_openapi(request.env, request.httprequest.host_url.rstrip("/"))
        return request.make_json_response(document)
