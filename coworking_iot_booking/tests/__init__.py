from . import test_presence_check_in
from . import test_overstay
