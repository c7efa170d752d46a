"""Content-Security-Policy helpers for the few responses that must carry inline styles."""

from __future__ import annotations

import base64
import hashlib
import re

_STYLE_BLOCK = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)


def allow_inline_styles(response, html: str):
    """Let exactly the ``<style>`` blocks of ``html`` apply (by their sha256), nothing else inline.

    The self-contained report needs its CSS inside the file; a hash keeps the policy strict.
    """
    hashes = ["'sha256-" + base64.b64encode(hashlib.sha256(block.encode()).digest()).decode() + "'"
              for block in _STYLE_BLOCK.findall(html)]
    if hashes:
        response._csp_update = {"style-src": hashes}
    return response
