from . import qr_token
