from . import coworking_booking
from . import coworking_space
from . import res_config_settings
