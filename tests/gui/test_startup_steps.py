"""The splash says what start-up is doing: each bootstrap step is reported, and has its words."""

from __future__ import annotations

from pathlib import Path

from app.bootstrap import BootstrapOptions, load_console
from app.startup_steps import StartupStep
from app.switched_off import AnalysisOff, NoMediaInPreparation
from tests.helpers.event_world import create_database
from widgets.console_startup import step_text


def test_every_step_is_reported_in_order(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'console.sqlite3'}"
    create_database(url).dispose()
    steps: list[StartupStep] = []
    loaded = load_console(BootstrapOptions(database_url=url, analysis=False), steps.append)
    try:
        assert steps == [
            StartupStep.DATABASE,
            StartupStep.MIGRATIONS,
            StartupStep.WORKSPACE,
            StartupStep.RECORDINGS,
        ]
        # Not the demo: nothing is ever "being prepared"; --no-analysis: analysis is switched off.
        assert isinstance(loaded.context.media_in_preparation, NoMediaInPreparation)
        assert isinstance(loaded.context.analysis, AnalysisOff) and not loaded.context.analysis.active
    finally:
        loaded.shutdown()


def test_every_step_has_its_own_words(qapp) -> None:
    texts = [step_text(step) for step in (*StartupStep, None)]
    assert all(text.endswith("…") for text in texts)
    assert len(set(texts)) == len(texts)
    assert step_text(StartupStep.DEMO) == "Preparing the demo workspace (the first start takes a while)…"
