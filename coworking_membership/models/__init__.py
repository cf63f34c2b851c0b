# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import coworking_space_kind
from . import coworking_membership_plan
from . import coworking_membership_plan_line
from . import coworking_membership
from . import coworking_membership_subscription
from . import coworking_membership_member
from . import coworking_membership_credit
from . import coworking_resource_mixin
from . import coworking_booking
from . import res_partner
from . import product_template
from . import product_pricelist
from . import sale_order
from . import sale_subscription
from . import account_move
from . import res_config_settings
