# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_invoice_corrections
from . import test_monthly_run
from . import test_monthly_cron
from . import test_payment_reminders
from . import test_revenue_access
from . import test_billing_paths
from . import test_billing_race
from . import test_portal_documents
