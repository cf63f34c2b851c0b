# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import coworking_catalogue_mixin
from . import product_template
from . import product_product
from . import product_pricelist
from . import product_pricelist_item
from . import res_currency_rate
from . import coworking_resource_mixin
from . import coworking_amenity
from . import coworking_location
from . import coworking_space
from . import coworking_booking
from . import coworking_booking_price
from . import coworking_booking_request
from . import coworking_booking_policy
from . import coworking_booking_sale
from . import coworking_booking_crm
from . import coworking_booking_mail
from . import sale_order
from . import sale_order_line
from . import payment_transaction
from . import res_config_settings
