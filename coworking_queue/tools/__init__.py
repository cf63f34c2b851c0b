from . import wait
from . import simulation
from . import openapi
