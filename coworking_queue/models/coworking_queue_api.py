# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# pylint: disable=R8180
# (one model in several files, one per concern: see CONTRIBUTING.md)
from odoo import api, models

from ..tools import wait


class CoworkingQueue(models.Model):
    """What the JSON API tells of a service before a ticket is taken."""

    _inherit = "coworking.queue"

    @api.model
    def _new_ticket_waits(self, queues, now=None):
        """``{queue id: (waiting count, wait low, wait high)}``: the tickets
        waiting in each of ``queues`` and the wait, in minutes, a normal
        ticket taken now would be promised: the estimate of one more ticket
        at the end of the line (``_live_estimates``'s arithmetic)."""
        if not queues:
            return {}
        waiting, at_work, services = self._estimate_state(queues, now)
        order = [queue_id for _ticket, queue_id in waiting]
        result = {}
        for queue in queues:
            delay = wait.shared_start_delays(order + [queue.id], at_work, services)[-1]
            result[queue.id] = (order.count(queue.id), *wait.promise(delay))
        return result
