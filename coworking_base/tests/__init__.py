from . import test_qr_token
from . import test_credential_concurrency
from . import test_validation
from . import test_access
from . import test_multi_company
from . import test_rpc_errors
from . import test_ui
from . import test_translation
