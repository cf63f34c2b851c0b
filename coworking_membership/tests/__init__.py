# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_lifecycle
from . import test_credits
from . import test_concurrency
from . import test_access
from . import test_covering_membership
from . import test_portal
from . import test_plan_line_company
from . import test_translation
