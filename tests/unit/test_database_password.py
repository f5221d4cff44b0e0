from __future__ import annotations

import keyring

from app.database_password import KEYRING_SERVICE, store_database_password, with_keyring_password

URL = "postgresql+psycopg://officer@db.example:5432/liangjiao"


def test_password_comes_from_the_keyring_only() -> None:
    assert with_keyring_password(URL) == URL  # nothing stored yet
    store_database_password(URL, "p@ss/word")
    filled = with_keyring_password(URL)
    assert filled.startswith("postgresql+psycopg://officer:")
    assert "p%40ss%2Fword@db.example:5432/liangjiao" in filled
    assert keyring.get_password(KEYRING_SERVICE, "officer@db.example:5432/liangjiao") == "p@ss/word"


def test_sqlite_and_explicit_passwords_are_left_alone() -> None:
    assert with_keyring_password("sqlite:////tmp/x.sqlite") == "sqlite:////tmp/x.sqlite"
    explicit = "postgresql+psycopg://officer:given@db.example/liangjiao"
    assert with_keyring_password(explicit) == explicit
