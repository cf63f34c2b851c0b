from . import coworking_queue
from . import coworking_queue_ticket
