# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import account_move
from . import account_move_line
from . import coworking_usage
from . import coworking_booking
from . import coworking_membership
from . import coworking_billing_run
from . import coworking_billing_demo
from . import coworking_billing_reminder_step
from . import coworking_revenue_report
from . import sale_order
from . import sale_order_line
from . import sale_subscription
from . import res_config_settings
