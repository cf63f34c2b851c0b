# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Trained models kept in the database without pickle.

A model is written with ``skops`` (its format describes objects; loading it
builds only the types it is told to trust, so it runs no code of the file)
and signed with an HMAC-SHA256 of the database's secret. Loading refuses a
file that is larger than allowed, whose signature does not match (the model
was changed or swapped since it was trained) or that holds a type outside
the short list of scikit-learn types this addon writes."""

import hashlib
import hmac
import zipfile

import skops.io as sio

# types outside skops' own trusted defaults that the addon's models hold
TRUSTED_TYPES = frozenset(
    {
        "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    }
)
MAX_MODEL_BYTES = 64 * 1024 * 1024
SIGNATURE_CONTEXT = b"coworking_ai.model.v1:"


class ModelRefused(Exception):
    """A stored model that must not be loaded; the message says why."""


def dump(estimator):
    """The estimator as ``bytes`` (a compressed skops file)."""
    data = sio.dumps(estimator, compression=zipfile.ZIP_DEFLATED)
    unknown = set(sio.get_untrusted_types(data=data)) - TRUSTED_TYPES
    if unknown:
        raise ModelRefused(
            "the model holds types this addon does not trust: "
            + ", ".join(sorted(unknown))
        )
    if len(data) > MAX_MODEL_BYTES:
        raise ModelRefused(f"the model is larger than {MAX_MODEL_BYTES} bytes")
    return data


def sign(data, secret):
    """HMAC-SHA256 (hex) of ``data`` with the database's ``secret``."""
    return hmac.new(
        SIGNATURE_CONTEXT + secret.encode(), data, hashlib.sha256
    ).hexdigest()


def load(data, signature, secret):
    """The estimator stored as ``data``, after its checks; raises
    ``ModelRefused`` with the reason otherwise."""
    if not data:
        raise ModelRefused("the model's file is empty")
    if len(data) > MAX_MODEL_BYTES:
        raise ModelRefused(f"the model is larger than {MAX_MODEL_BYTES} bytes")
    if not signature or not hmac.compare_digest(sign(data, secret), signature):
        raise ModelRefused("the model was changed after it was trained")
    try:
        untrusted = set(sio.get_untrusted_types(data=data))
    except Exception as error:  # a damaged archive, whatever the reason
        raise ModelRefused(f"the model's file cannot be read: {error}") from error
    unknown = untrusted - TRUSTED_TYPES
    if unknown:
        raise ModelRefused(
            "the model holds types this addon does not trust: "
            + ", ".join(sorted(unknown))
        )
    return sio.loads(data, trusted=sorted(untrusted))
