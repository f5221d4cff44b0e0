"""Calibration for the calibration dialog, in a child process (dlib never holds the console's GIL).

    run = run_calibration(CalibrationRequest(folder=None, source=..., target_fmr=0.01),
                          progress=lambda done, total: ..., cancelled=lambda: ...)

Blocking: call it from a worker (the dialog's TaskRunner task). `progress` is called on that
worker's thread; a cancel terminates the child and raises InterruptedError.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.named_call import NamedCall
from app.vision.calibration import CalibrationResult


@dataclass(frozen=True, slots=True)
class CalibrationRequest:
    folder: Path | None  # enrolled/ + probes/<name>/ (calibration.labelled_photos); None: `source`
    source: NamedCall | None  # the workspace's own faces: called with (engine, target_fmr, progress=)
    target_fmr: float
    engine_factory: str = "app.vision.face_engine:DlibFaceEngine"


@dataclass(frozen=True, slots=True)
class CalibrationRun:
    result: CalibrationResult
    embedding_id: str  # what the threshold is stored under (app.vision.calibration.save_calibration)


def _child(request: CalibrationRequest, messages: Any) -> None:  # the spawned process
    import importlib

    from app.vision.calibration import calibrate_folder

    with contextlib.suppress(AttributeError, OSError):
        os.nice(15)  # behind the decoders and the analysis workers (10)
    try:
        module, _, name = request.engine_factory.partition(":")
        engine = getattr(importlib.import_module(module), name)()

        def progress(done: int, total: int) -> None:
            messages.put(("progress", done, total))

        if request.folder is not None:
            result = calibrate_folder(engine, request.folder, request.target_fmr, progress=progress)
        else:
            assert request.source is not None
            result = request.source(engine, request.target_fmr, progress=progress)
        messages.put(("result", CalibrationRun(result, engine.embedding_id)))
    except Exception as exc:
        messages.put(("error", f"{type(exc).__name__}: {exc}"))


def run_calibration(
    request: CalibrationRequest,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    timeout: float = 1800.0,
) -> CalibrationRun:
    context = multiprocessing.get_context("spawn")
    messages = context.Queue()
    process = context.Process(target=_child, args=(request, messages), name="vision-calibration", daemon=True)
    process.start()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if cancelled is not None and cancelled():
                raise InterruptedError("calibration cancelled")
            try:
                message = messages.get(timeout=0.2)
            except queue.Empty:
                if not process.is_alive() and messages.empty():
                    raise RuntimeError(f"the calibration process ended (exit {process.exitcode})") from None
                continue
            if message[0] == "progress" and progress is not None:
                progress(message[1], message[2])
            elif message[0] == "result":
                run: CalibrationRun = message[1]
                return run
            elif message[0] == "error":
                raise RuntimeError(message[1])
        raise TimeoutError("calibration took too long")
    finally:
        if process.is_alive():
            process.terminate()
        process.join(5)
        messages.close()


@dataclass(frozen=True, slots=True)
class CalibrationTools:
    """What the calibration dialog is given (AppContext.calibration); both callables block."""

    calibrate: Callable[[CalibrationRequest, Callable[[int, int], None], Callable[[], bool]], CalibrationRun]
    save: Callable[[CalibrationRun], None]
    workspace_source: NamedCall | None = None  # the workspace plug-in's faces (the demo's); None: none
