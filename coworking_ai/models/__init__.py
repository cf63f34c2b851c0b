# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import coworking_ai_model
from . import coworking_ai_demand
from . import coworking_ai_demand_training
from . import coworking_ai_demand_demo
from . import coworking_ai_demand_report
from . import res_config_settings
from . import product_pricelist_item
from . import coworking_booking_price
from . import sale_order_line
from . import coworking_ai_recommendation
from . import coworking_ai_recommendation_display
from . import coworking_ai_space_usage
from . import maintenance_request
from . import coworking_equipment_maintenance
from . import coworking_equipment_maintenance_demo
from . import coworking_ai_llm
from . import coworking_ai_assistant
from . import coworking_ai_assistant_actions
from . import coworking_ai_assistant_reports
from . import coworking_ai_assistant_pending
from . import coworking_ai_assistant_notice
from . import discuss_channel
from . import res_config_settings_assistant
