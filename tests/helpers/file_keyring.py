"""A keyring backend kept in a JSON file, for command-line tools run as subprocesses by the tests.

The in-memory keyring of tests/helpers/isolation.py lives in the test process only. A tool started as
a subprocess picks this backend with PYTHON_KEYRING_BACKEND=tests.helpers.file_keyring.FileKeyring
(keyring's own way of choosing a backend) and reads the file named by LJ_TEST_KEYRING_FILE; the test
process uses the same file through `FileKeyring(path)`. Like keyrings.alt's PlaintextKeyring: plain
text, for throwaway test folders only.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError

FILE_VARIABLE = "LJ_TEST_KEYRING_FILE"
BACKEND_NAME = "tests.helpers.file_keyring.FileKeyring"


class FileKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:
        """Never chosen by keyring's own detection unless a test named the file."""
        if FILE_VARIABLE not in os.environ:
            raise RuntimeError(f"{FILE_VARIABLE} is not set")
        return 0.1

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.path = path or Path(os.environ.get(FILE_VARIABLE, os.devnull))

    def _load(self) -> dict[str, str]:
        try:
            loaded: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return loaded

    @staticmethod
    def _key(service: str, username: str) -> str:
        return f"{service}\n{username}"

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(self._key(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        store = self._load()
        store[self._key(service, username)] = password
        self.path.write_text(json.dumps(store), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        store = self._load()
        if store.pop(self._key(service, username), None) is None:
            raise PasswordDeleteError(username)
        self.path.write_text(json.dumps(store), encoding="utf-8")
