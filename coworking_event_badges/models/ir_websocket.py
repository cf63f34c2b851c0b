# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import models

# the public channel of a session's page: coworking_event_track_<track id>
TRACK_CHANNEL_PREFIX = "coworking_event_track_"
TRACK_CHANNEL = re.compile(r"coworking_event_track_([1-9][0-9]{0,9})")
# session pages one websocket listens to at once (a browser's open tabs)
MAX_TRACK_CHANNELS = 50


class IrWebsocket(models.AbstractModel):
    """Session pages listen to their questions on a public string channel,
    open to anonymous visitors like every string channel of the bus: only
    well-formed channels of published sessions of published events are
    kept, any other ``coworking_event_track_…`` channel is dropped."""

    _inherit = "ir.websocket"

    def _build_bus_channel_list(self, channels):
        kept, track_ids = [], {}
        for channel in channels:
            if not (
                isinstance(channel, str) and channel.startswith(TRACK_CHANNEL_PREFIX)
            ):
                kept.append(channel)
                continue
            match = TRACK_CHANNEL.fullmatch(channel)
            if match and len(track_ids) < MAX_TRACK_CHANNELS:
                track_ids[channel] = int(match[1])
        if track_ids:
            published = self._coworking_published_track_ids(track_ids.values())
            kept.extend(
                channel
                for channel, track_id in track_ids.items()
                if track_id in published
            )
        return super()._build_bus_channel_list(kept)

    def _coworking_published_track_ids(self, track_ids):
        """The ids among ``track_ids`` of the sessions a visitor may open."""
        # sudo: event.track - publication is public information; the page
        # itself shows nothing more than a published session's questions
        tracks = (
            self.env["event.track"]
            .sudo()
            .search(
                [
                    ("id", "in", list(track_ids)),
                    ("is_published", "=", True),
                    ("event_id.is_published", "=", True),
                ]
            )
        )
        return set(tracks.ids)
