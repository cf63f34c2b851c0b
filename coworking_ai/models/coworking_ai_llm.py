# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""An optional connector to a self-hosted language model with an
OpenAI-compatible ``/v1/chat/completions`` endpoint. The assistant asks it
only to sort a message it did not understand into one of its own intents
(a JSON answer, checked); the model never acts, and any failure, a slow or
oversized reply included, leaves the assistant with its local answer."""

import json
import logging
import re
import time
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from odoo import api, models
from odoo.tools import str2bool

_logger = logging.getLogger(__name__)

PARAM_PREFIX = "coworking_ai.assistant_llm_"
TIMEOUT_RANGE = (1, 30)
DEFAULT_TIMEOUT = 5
# the longest reply read (the answer is a few words of JSON)
MAX_REPLY_BYTES = 64 * 1024
MAX_PROMPT_CHARS = 500
CONNECT_TIMEOUT = 3


def valid_url(url):
    """Whether ``url`` is an http(s) URL with a host."""
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def chat_endpoint(url):
    """The chat completions endpoint of a base URL (``http://host:port``,
    ``…/v1`` or the endpoint itself)."""
    url = url.strip().rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    if url.endswith("/v1"):
        return f"{url}/chat/completions"
    return f"{url}/v1/chat/completions"


def bounded_timeout(value):
    """The timeout in seconds, within ``TIMEOUT_RANGE``."""
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        seconds = DEFAULT_TIMEOUT
    return max(TIMEOUT_RANGE[0], min(seconds, TIMEOUT_RANGE[1]))


class BoundedTimeoutAdapter(HTTPAdapter):
    """Connections that never wait longer than the setting: to connect, and
    between two bytes of the reply, whatever timeout the caller (or a layer
    around it) passes."""

    def __init__(self, timeout):
        super().__init__(max_retries=0)
        self.bound = timeout

    def send(self, request, **kwargs):
        asked = kwargs.get("timeout")
        if not isinstance(asked, int | float) or asked > self.bound:
            asked = self.bound
        kwargs["timeout"] = (min(CONNECT_TIMEOUT, asked), asked)
        return super().send(request, **kwargs)


class CoworkingAiLlm(models.AbstractModel):
    _name = "coworking.ai.llm"
    _description = "Coworking Assistant Language Model Connector"

    @api.model
    def _settings(self):
        """The connector's settings, or ``None`` when it is off or not set."""
        get = self.env["ir.config_parameter"].sudo().get_param
        if not str2bool(get(f"{PARAM_PREFIX}enabled", "False") or "False"):
            return None
        url = (get(f"{PARAM_PREFIX}url") or "").strip()
        if not valid_url(url):
            return None
        return {
            "endpoint": chat_endpoint(url),
            "model": (get(f"{PARAM_PREFIX}model") or "").strip()[:200] or "default",
            "api_key": (get(f"{PARAM_PREFIX}api_key") or "").strip(),
            "timeout": bounded_timeout(get(f"{PARAM_PREFIX}timeout", DEFAULT_TIMEOUT)),
        }

    @api.model
    def _classify(self, text, intents):
        """One of ``intents`` for ``text`` according to the model, or
        ``None`` (off, unreachable, too slow, or an answer out of the list)."""
        settings = self._settings()
        if not settings or not text:
            return None
        messages = [
            {
                "role": "system",
                "content": (
                    "You sort messages sent to the assistant of a coworking "
                    "space, written in French or English. Answer with JSON "
                    'only, like {"intent": "book"}, where intent is one of: '
                    + ", ".join(intents)
                    + '. Use "other" for anything else.'
                ),
            },
            {"role": "user", "content": text[:MAX_PROMPT_CHARS]},
        ]
        try:
            content = self._complete(settings, messages)
        except (requests.RequestException, ValueError) as error:
            _logger.warning(
                "Assistant language model at %s gave no answer: %s",
                settings["endpoint"],
                error,
            )
            return None
        return self._parse_intent(content, intents)

    @api.model
    def _complete(self, settings, messages):
        """The text the model answers to ``messages``; raises
        ``requests.RequestException`` or ``ValueError`` on any failure,
        including a reply over ``MAX_REPLY_BYTES`` or later than the
        timeout."""
        timeout = settings["timeout"]
        deadline = time.monotonic() + timeout
        headers = {"Content-Type": "application/json"}
        if settings["api_key"]:
            headers["Authorization"] = f"Bearer {settings['api_key']}"
        payload = {
            "model": settings["model"],
            "messages": messages,
            "temperature": 0,
            "max_tokens": 30,
        }
        adapter = BoundedTimeoutAdapter(timeout)
        with requests.Session() as session:
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            with session.post(
                settings["endpoint"],
                json=payload,
                headers=headers,
                timeout=timeout,
                stream=True,
                allow_redirects=False,
            ) as response:
                response.raise_for_status()
                chunks, size = [], 0
                for chunk in response.iter_content(chunk_size=8192):
                    size += len(chunk)
                    if size > MAX_REPLY_BYTES:
                        raise ValueError("the reply is too large")
                    if time.monotonic() > deadline:
                        raise ValueError("the reply took too long")
                    chunks.append(chunk)
        try:
            body = json.loads(b"".join(chunks))
            content = body["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError) as error:
            raise ValueError(f"unexpected reply: {error!r}") from None
        if not isinstance(content, str):
            raise ValueError("the reply holds no text")
        return content

    @api.model
    def _parse_intent(self, content, intents):
        """The intent named by the model's JSON answer, when it is one of
        ``intents``."""
        content = (content or "")[:MAX_REPLY_BYTES]
        candidates = [content] + re.findall(r"\{[^{}]{0,500}\}", content)
        for candidate in candidates:
            try:
                data = json.loads(candidate)
            except ValueError:
                continue
            if isinstance(data, dict) and data.get("intent") in intents:
                return data["intent"]
        return None
