# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_qr_token
from . import test_credential_concurrency
from . import test_credential_company
from . import test_validation
from . import test_access
from . import test_multi_company
from . import test_rpc_errors
from . import test_ui
from . import test_translation
from . import test_shipped_configuration
from . import test_api_document
from . import test_api_keys
