"""Camera user names and passwords in the system keychain (keyring), never in settings or the database.

One keyring entry per `Camera.credential_ref`, in service "liangjiao-console/camera". The secret is a
small JSON object {"username": ..., "password": ...} so that one entry holds both (keyring's
get_password API has one secret per key). An entry that is not JSON is read as a bare password, the
user name then coming from the stream URL (rtsp://admin@host/...), so hand-made entries still work.

Reading may block (Secret Service over D-Bus, an unlock prompt): call it from a worker thread, which
is where `StreamSource.resolve()` runs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

KEYRING_SERVICE = "liangjiao-console/camera"


class CredentialsUnavailable(Exception):
    """The keychain has no usable entry, or cannot be read. The message never contains a secret."""


@dataclass(frozen=True, slots=True)
class CameraCredentials:
    username: str
    password: str = field(repr=False)


def load_camera_credentials(credential_ref: str) -> CameraCredentials | None:
    """Return the credentials stored under `credential_ref`, or None when there is no entry."""
    try:
        secret = keyring.get_password(KEYRING_SERVICE, credential_ref)
    except KeyringError as exc:  # locked or missing backend: say which entry, never what it holds
        raise CredentialsUnavailable(
            f"the keychain could not be read for entry {credential_ref!r}: {type(exc).__name__}"
        ) from None
    if secret is None:
        return None
    try:
        decoded = json.loads(secret)
    except ValueError:
        return CameraCredentials(username="", password=secret)
    if not isinstance(decoded, dict):
        return CameraCredentials(username="", password=secret)
    return CameraCredentials(
        username=str(decoded.get("username", "")), password=str(decoded.get("password", ""))
    )


def store_camera_credentials(credential_ref: str, username: str, password: str) -> None:
    if not credential_ref:
        raise ValueError("a credential reference is required")
    keyring.set_password(
        KEYRING_SERVICE, credential_ref, json.dumps({"username": username, "password": password})
    )


def delete_camera_credentials(credential_ref: str) -> bool:
    """Remove the entry; False when there was none."""
    try:
        keyring.delete_password(KEYRING_SERVICE, credential_ref)
    except PasswordDeleteError:
        return False
    return True
