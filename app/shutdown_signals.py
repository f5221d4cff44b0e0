"""SIGTERM (an OS shutdown, `systemctl stop`, a session's logout), SIGINT and SIGHUP → an orderly quit.

Python runs its signal handlers only between bytecodes of the main thread, and while Qt's event
loop waits in C++ no bytecode runs: a plain `signal.signal` handler would wait for the next mouse
move, and the default action kills the process on the spot — open recording segments stay
`.partial`, the analysis' shared memory stays in /dev/shm. So the handler only wakes the loop: the
C-level handler writes the signal's number into a socket pair (`signal.set_wakeup_fd`), a
QSocketNotifier on the other end runs on the GUI thread, and `requested(signum)` is emitted there.
The composition root connects it to the same close as File → Quit (without the question).
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))


class ShutdownSignals(QObject):
    """Install on the GUI thread once the QApplication exists; `uninstall` puts the old handlers back."""

    requested = Signal(int)  # the signal's number, on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.received: list[int] = []
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {number: signal.signal(number, self._note) for number in SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _note(self, number: int, _frame: FrameType | None) -> None:
        # Runs when Python gets round to it; the wake-up byte is already written.
        log.debug("signal %d noted", number)

    def _drain(self) -> None:
        try:
            data = self._reader.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        for number in data:
            log.info("signal %s received: closing the console in order", signal.Signals(number).name)
            self.received.append(number)
            self.requested.emit(number)

    def uninstall(self) -> None:
        self._notifier.setEnabled(False)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        for end in (self._reader, self._writer):
            with contextlib.suppress(OSError):
                end.close()
