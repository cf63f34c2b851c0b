# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Signed, opaque personal credentials.

A token reads ``CW1.<body>.<signature>`` where ``body`` is the base64url encoding
of a 6-byte database tag followed by a 12-byte random handle, and ``signature`` is
a truncated HMAC-SHA256 of the prefix and body. Neither the partner nor any
database id appears in it. The module is pure Python so that a scanner holding
the derived key can check a token without reaching the database.
"""

import base64
import binascii
import hashlib
import hmac
import secrets

PREFIX = "CW1"
TAG_SIZE = 6
HANDLE_SIZE = 12
SIGNATURE_SIZE = 16
KEY_CONTEXT = b"coworking.credential.v1"

MALFORMED = "malformed"
FOREIGN = "foreign"
TAMPERED = "tampered"


class TokenError(ValueError):
    """A token that cannot be trusted; ``code`` says why."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def _b64encode(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64decode(text):
    padded = text + "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii"))


def derive_key(database_secret):
    """Return the signing key derived from the database secret."""
    if not database_secret:
        raise ValueError("A database secret is required to sign credentials.")
    return hmac.new(
        database_secret.encode("utf-8"), KEY_CONTEXT, hashlib.sha256
    ).digest()


def database_tag(database_uuid):
    """Return the short, non-reversible tag identifying the issuing database."""
    return hashlib.sha256(database_uuid.encode("utf-8")).digest()[:TAG_SIZE]


def new_handle():
    """Return a fresh random handle, as stored on the credential."""
    return _b64encode(secrets.token_bytes(HANDLE_SIZE))


def _signature(key, signed_part):
    return hmac.new(key, signed_part.encode("ascii"), hashlib.sha256).digest()[
        :SIGNATURE_SIZE
    ]


def sign(key, tag, handle):
    """Return the token for ``handle`` (as produced by :func:`new_handle`)."""
    handle_raw = _b64decode(handle)
    if len(handle_raw) != HANDLE_SIZE or len(tag) != TAG_SIZE:
        raise ValueError("Invalid handle or database tag size.")
    signed_part = f"{PREFIX}.{_b64encode(tag + handle_raw)}"
    return f"{signed_part}.{_b64encode(_signature(key, signed_part))}"


def verify(key, tag, token):
    """Check ``token`` and return its handle, or raise :class:`TokenError`.

    The checks only need the key and the tag: no database access.
    """
    if not isinstance(token, str):
        raise TokenError(MALFORMED, "The credential is not a text token.")
    parts = token.strip().split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise TokenError(MALFORMED, "The credential is not a coworking token.")
    try:
        body = _b64decode(parts[1])
        signature = _b64decode(parts[2])
    except (binascii.Error, ValueError, UnicodeEncodeError) as error:
        raise TokenError(MALFORMED, "The credential is not valid base64.") from error
    if len(body) != TAG_SIZE + HANDLE_SIZE or len(signature) != SIGNATURE_SIZE:
        raise TokenError(MALFORMED, "The credential has a wrong length.")
    expected = _signature(key, f"{parts[0]}.{parts[1]}")
    if not hmac.compare_digest(body[:TAG_SIZE], tag):
        raise TokenError(FOREIGN, "The credential was issued by another database.")
    if not hmac.compare_digest(signature, expected):
        raise TokenError(TAMPERED, "The credential signature does not match.")
    return _b64encode(body[TAG_SIZE:])
