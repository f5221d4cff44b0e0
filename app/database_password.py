"""The PostgreSQL password lives in the system keychain, never in settings or on the command line.

Settings and `--database` hold a URL without a password (postgresql+psycopg://officer@db-host/lj);
at start-up the password is looked up under service "liangjiao-console/database" with the URL's
user@host:port/database as the key, and added to the URL only in memory.
"""

from __future__ import annotations

import keyring
from keyring.errors import KeyringError
from sqlalchemy.engine import make_url

KEYRING_SERVICE = "liangjiao-console/database"


def keyring_key(url: str) -> str:
    parsed = make_url(url)
    return f"{parsed.username or ''}@{parsed.host or ''}:{parsed.port or ''}/{parsed.database or ''}"


def with_keyring_password(url: str) -> str:
    """Return `url` with the keychain's password filled in, when it names a user and has none.

    Blocking (the Secret Service may be slow or prompt): call it off the GUI thread.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" or not parsed.username or parsed.password:
        return url
    try:
        password = keyring.get_password(KEYRING_SERVICE, keyring_key(url))
    except KeyringError:
        return url  # the server then answers with a clear authentication error
    if password is None:
        return url
    return parsed.set(password=password).render_as_string(hide_password=False)


def store_database_password(url: str, password: str) -> None:
    keyring.set_password(KEYRING_SERVICE, keyring_key(url), password)
