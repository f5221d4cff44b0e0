"""The PostgreSQL test plugin itself: it finds the server and refuses to skip under CI."""

from __future__ import annotations

import pytest

from tests.helpers import postgres


def test_missing_server_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not found"):
        postgres._unavailable("PostgreSQL server binaries not found")


def test_missing_server_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="required under CI=true"):
        postgres._unavailable("PostgreSQL server binaries not found")


def test_finds_debian_binaries() -> None:
    found = postgres.find_postgres_bin()
    if found is None:
        pytest.skip("no PostgreSQL server installed here")
    assert (found / "initdb").exists() and (found / "pg_ctl").exists()


@pytest.mark.postgres
def test_server_listens_only_on_loopback(postgres_server: postgres.PostgresServer) -> None:
    with postgres_server.connect_admin() as admin:
        row = admin.execute("SHOW listen_addresses").fetchone()
        assert row is not None and row[0] == "127.0.0.1"
