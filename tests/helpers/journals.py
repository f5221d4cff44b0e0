"""Every journal a test's databases opened is closed when the test ends.

A Database nobody attached a journal to gets a temporary one on first write (app.journal), whose
thread ends with the database. But its writers listen to it, and what they hold (a LiveSupervision,
the database itself) then keeps the database alive: the console closes its journal at shutdown, and
so does this fixture, for the journals made during the test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import app.journal


def _journals() -> list[app.journal.EventJournal]:
    return list(app.journal._journals.values())  # the registry journal_for() fills


@pytest.fixture(autouse=True)
def close_journals_made_by_the_test() -> Iterator[None]:
    before = {id(journal) for journal in _journals()}
    yield
    for journal in _journals():
        if id(journal) not in before:
            journal.close(timeout=0)  # what waits stays in its file, as at a console's shutdown
