# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_booking_rules
from . import test_concurrency
from . import test_dst_pricing
from . import test_sale_flow
from . import test_released_payment
from . import test_crons
from . import test_access
from . import test_portal
from . import test_website
from . import test_api
from . import test_api_availability
from . import test_openapi
from . import test_api_contract
from . import test_api_catalogue
from . import test_request_cost
from . import test_translation
