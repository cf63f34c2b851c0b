# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_desk_access
from . import test_desk_figures
from . import test_desk_items
from . import test_desk_sales
from . import test_desk_tour
from . import test_seats_race
