from . import coworking_amenity
from . import coworking_resource_mixin
from . import coworking_location
from . import coworking_space
from . import coworking_space_image
from . import coworking_equipment
from . import coworking_credential
from . import res_partner
