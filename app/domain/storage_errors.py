"""The refusals of the store that the window names: the database locked or unreachable, a completion
someone else decided first. Raised by app.persistence, worded by widgets (error_texts,
completion_words); they live here so that a widget can catch them without importing the storage.
"""

from __future__ import annotations


class DatabaseError(Exception):
    """Base of the errors the persistence layer raises on purpose."""


class DatabaseLockedError(DatabaseError):
    """Another writer holds the lock longer than we are willing to wait."""


class DatabaseUnavailableError(DatabaseError):
    """The database cannot be reached (server down, wrong address, unreadable file)."""


class CompletionAlreadyDecidedError(Exception):
    """Someone (perhaps at another workstation) decided this completion first."""


class CompletionNotDecidedError(Exception):
    """A reversal of a completion that is pending (never decided, or already reversed by someone)."""
