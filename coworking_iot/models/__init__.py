# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import coworking_iot_device
from . import coworking_iot_device_simulation
from . import coworking_iot_reading
from . import coworking_iot_reading_ingest
from . import coworking_iot_reading_demo
from . import coworking_iot_reading_hourly
from . import coworking_iot_space_hourly
from . import coworking_iot_drop
from . import coworking_space
from . import coworking_equipment
from . import res_config_settings
from . import ir_websocket
