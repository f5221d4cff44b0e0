"""Camera credentials in keyring: one JSON entry per credential_ref, bare passwords tolerated."""

from __future__ import annotations

import keyring
import pytest
from keyring.errors import KeyringLocked

from app.video.camera_credentials import (
    KEYRING_SERVICE,
    CameraCredentials,
    CredentialsUnavailable,
    delete_camera_credentials,
    load_camera_credentials,
    store_camera_credentials,
)


def test_round_trip_and_delete() -> None:
    assert load_camera_credentials("cam-1") is None
    store_camera_credentials("cam-1", "admin", "pä ss")
    assert load_camera_credentials("cam-1") == CameraCredentials("admin", "pä ss")
    assert "pä ss" not in repr(load_camera_credentials("cam-1"))
    assert delete_camera_credentials("cam-1") is True
    assert delete_camera_credentials("cam-1") is False


def test_bare_password_entry() -> None:
    keyring.set_password(KEYRING_SERVICE, "hand-made", "just-a-password")
    assert load_camera_credentials("hand-made") == CameraCredentials("", "just-a-password")
    keyring.set_password(KEYRING_SERVICE, "json-list", "[1, 2]")
    assert load_camera_credentials("json-list") == CameraCredentials("", "[1, 2]")


def test_unreadable_keychain_names_the_entry_not_the_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    def locked(service: str, key: str) -> str:
        raise KeyringLocked("collection locked")

    monkeypatch.setattr(keyring, "get_password", locked)
    with pytest.raises(CredentialsUnavailable, match=r"cam-9.*KeyringLocked"):
        load_camera_credentials("cam-9")


def test_empty_reference_is_rejected() -> None:
    with pytest.raises(ValueError):
        store_camera_credentials("", "u", "p")
