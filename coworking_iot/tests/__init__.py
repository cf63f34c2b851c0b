# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_contract
from . import test_ingest
from . import test_worker
from . import test_worker_process
from . import test_live_board
