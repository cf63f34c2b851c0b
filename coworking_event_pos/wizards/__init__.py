from . import coworking_desk_export
