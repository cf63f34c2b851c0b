# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The API key of a request, checked as Odoo checks it
(``res.users.apikeys._check_credentials``, scope ``rpc``), without paying
the key's PBKDF2 hash (6,000 rounds of SHA-512, about 5 ms) again on every
request of a scanner or an app.

The key's row is read on every request, as Odoo does: a key removed or
expired, or its user archived, is refused at once. What this worker
remembers is only that a given key matched a given stored hash (its salt
included) once: the pair (stored hash, SHA-256 of the key). A key that
matched once matches again; any other key, or a stored hash replaced, goes
through PBKDF2 again."""

import hashlib
import threading
from collections import OrderedDict

from odoo.tools import SQL

from odoo.addons.base.models.res_users import INDEX_SIZE, KEY_CRYPT_CONTEXT

# pairs (stored hash, SHA-256 of the key) this worker has verified
MAX_VERIFIED = 1024
_verified = OrderedDict()
_lock = threading.Lock()


def check_api_key(env, key, scope="rpc"):
    """The id of the active user whose unexpired API key of ``scope`` is
    ``key``, or None."""
    if not key:
        return None
    env.cr.execute(
        SQL(
            "SELECT k.user_id, k.key FROM res_users_apikeys k "
            "JOIN res_users u ON u.id = k.user_id "
            "WHERE u.active AND k.index = %s "
            "AND (k.scope IS NULL OR k.scope = %s) "
            "AND (k.expiration_date IS NULL "
            "OR k.expiration_date >= now() at time zone 'utc')",
            key[:INDEX_SIZE],
            scope,
        )
    )
    digest = hashlib.sha256(key.encode()).digest()
    for user_id, stored in env.cr.fetchall():
        pair = (stored, digest)
        with _lock:
            if pair in _verified:
                _verified.move_to_end(pair)
                return user_id
        if KEY_CRYPT_CONTEXT.verify(key, stored):
            with _lock:
                _verified[pair] = True
                while len(_verified) > MAX_VERIFIED:
                    _verified.popitem(last=False)
            return user_id
    return None
