from . import bounds
from . import desk_xlsx
