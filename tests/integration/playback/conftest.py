"""The playback tests' fixtures: `review` for every test here (`recorded` is suite-wide)."""

from tests.helpers.playback_review import review  # noqa: F401 (the fixture)
