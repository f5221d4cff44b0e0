"""Hiding passwords in URLs before they are shown, logged or put in an error message.

One function for every kind of address the console handles: camera streams (rtsp://, http://),
database URLs (postgresql+psycopg://) and platform endpoints. docs/context.md: a secret never appears in
settings, the database or a log; masking at the edge is the second layer after keyring.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit, urlunsplit

MASK = "***"

# Query parameters some cameras use for credentials (?user=admin&password=...): masked like a password.
_SECRET_QUERY_KEYS = re.compile(r"(?i)^(?:.*(?:pass(?:word|wd)?|pwd|token|secret|auth|sig(?:nature)?|key))$")


def mask_url(url: str) -> str:
    """Return `url` with any password (userinfo or secret-looking query value) replaced by ***.

    Plain file paths come back unchanged. Never raises.
    """
    if "://" not in url:
        return url
    head, _, rest = url.partition("://")
    # To the last "@" before the query: passwords often hold "/" or "@" (urlsplit cuts short).
    userinfo = rest.split("?", 1)[0].split("#", 1)[0].rpartition("@")[0]
    if ":" in userinfo:
        rest = f"{userinfo.split(':', 1)[0]}:{MASK}{rest[len(userinfo) :]}"
    masked = f"{head}://{rest}"
    try:
        parts = urlsplit(masked)
    except ValueError:
        return masked
    if not parts.query:
        return masked
    pairs = []
    for pair in parts.query.split("&"):
        key, eq, value = pair.partition("=")
        pairs.append(f"{key}={MASK}" if eq and value and _SECRET_QUERY_KEYS.match(unquote(key)) else pair)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(pairs), parts.fragment))
