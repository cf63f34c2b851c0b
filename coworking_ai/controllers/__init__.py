# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import website_pricing
from . import api_pricing
from . import api
from . import website_recommendation
from . import assistant_portal
