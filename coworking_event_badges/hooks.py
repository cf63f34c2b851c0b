# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields


def post_init_hook(env):
    """Registrations confirmed before the addon was installed, for events
    not over yet, get their attendee and the attendee a credential."""
    env["event.registration"].search(
        [
            ("state", "in", ("open", "done")),
            ("event_id.date_end", ">=", fields.Datetime.now()),
        ]
    )._coworking_ensure_attendee()
