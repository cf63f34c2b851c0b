# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_forecast
from . import test_pricing
from . import test_pricing_website
from . import test_recommendation
from . import test_recommendation_api
from . import test_recommendation_tour
from . import test_recommendation_usage
from . import test_assistant
from . import test_assistant_intents
from . import test_assistant_llm
from . import test_assistant_notices
from . import test_assistant_portal
from . import test_maintenance_risk
from . import test_maintenance_cron
from . import test_maintenance_concurrency
