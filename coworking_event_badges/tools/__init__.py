from . import bounds
from . import leads_xlsx
from . import openapi
