from . import test_appointment
