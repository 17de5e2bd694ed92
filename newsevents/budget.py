"""What one item may cost at one stage: seconds, and memory added to the process.

``within(budget)`` runs a block of work under a :class:`Budget`; past either limit the work
is interrupted by an :class:`OverBudget` raised inside it, so one pathological page becomes
that item's error ("took longer than 60 s") and the batch goes on.

How the work is interrupted depends on the thread. In the main thread a SIGALRM interval
timer checks the clock and the memory every ``CHECK_EVERY`` seconds, and its handler raises.
Signals only reach the main thread, so elsewhere (a thread pool, a Dask worker) a watchdog
thread does the checking and raises the exception in the working thread through CPython's
``PyThreadState_SetAsyncExc``. Either way the exception arrives between two Python bytecodes:
a single long call into C (parsing one huge document with lxml) finishes before it is
interrupted. That is why the extractor also bounds what it hands to such calls by size.

``OverBudget`` derives from ``BaseException``: libraries that catch ``Exception`` to carry on
after a parsing failure (trafilatura does) must not swallow it.
"""

from __future__ import annotations

import ctypes
import dataclasses
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from newsevents.settings import MB, format_size, numbers_from_environment

CHECK_EVERY = 0.1  # seconds between two looks at the clock and the memory

# Environment variable -> Budget field.
ENVIRONMENT = {
    "NEWSEVENTS_ITEM_TIMEOUT": "seconds",
    "NEWSEVENTS_ITEM_MEMORY": "memory",
}


@dataclass(frozen=True)
class Budget:
    """How long one item may take at one stage, and how much memory (in bytes) the process
    may grow by while it does; 0 turns a limit off.

    Memory is the process's resident size, read from ``/proc`` (Linux only; elsewhere only
    the time is checked) and measured from where it stood when the item started.
    """

    seconds: float = 60.0
    memory: int = 1500 * MB

    def times(self, items: int) -> Budget:
        """The budget of ``items`` items read together (time adds up; memory does not)."""
        return dataclasses.replace(self, seconds=self.seconds * items)

    @classmethod
    def from_environment(cls) -> Budget:
        """The defaults, with ``NEWSEVENTS_ITEM_TIMEOUT`` / ``NEWSEVENTS_ITEM_MEMORY`` applied."""
        return dataclasses.replace(cls(), **numbers_from_environment(cls(), ENVIRONMENT))


UNBOUNDED = Budget(seconds=0, memory=0)


class OverBudget(BaseException):  # noqa: N818 (it is no error of the code, but of the item)
    """Raised inside work that ran past its budget; ``str()`` says which limit."""


class ResidentMemory:
    """The process's resident memory, read from ``/proc/self/statm`` through a descriptor kept
    open (it is read for every item; opening the file each time cost more than reading it)."""

    def __init__(self) -> None:
        self._statm: int | None = None
        self._page_size = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

    def now(self) -> int | None:
        """Bytes now, or None where ``/proc`` does not say."""
        try:
            if self._statm is None:
                self._statm = os.open("/proc/self/statm", os.O_RDONLY)
            return int(os.pread(self._statm, 128, 0).split()[1]) * self._page_size
        except (OSError, ValueError, IndexError):
            return None

    def reopen(self) -> None:
        """In a forked child: the descriptor open still reads the parent's /proc entry."""
        if self._statm is not None:
            os.close(self._statm)
        self._statm = None


RESIDENT = ResidentMemory()
os.register_at_fork(after_in_child=RESIDENT.reopen)


class Meter:
    """The clock and memory of one item, against its budget."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.started = time.monotonic()
        self.base_memory = RESIDENT.now() if budget.memory else None

    def overrun(self) -> str | None:
        """Which limit the item has passed, in words, or None."""
        budget = self.budget
        if budget.seconds and time.monotonic() - self.started > budget.seconds:
            return f"took longer than {budget.seconds:g} s (the item time budget)"
        now = RESIDENT.now() if self.base_memory is not None else None
        if now is not None and now - (self.base_memory or 0) > budget.memory:
            return f"needed more than {format_size(budget.memory)} of memory (the item budget)"
        return None


_state = threading.local()  # whether this thread is inside a budgeted block


@contextmanager
def within(budget: Budget) -> Iterator[None]:
    """Run the block under ``budget``; :class:`OverBudget` is raised inside it past a limit.

    A block nested in another one (in the same thread) runs under the outer budget alone.
    """
    if not (budget.seconds or budget.memory) or getattr(_state, "active", False):
        yield
        return
    meter = Meter(budget)
    in_main = threading.current_thread() is threading.main_thread()
    guard = _alarm if in_main and hasattr(signal, "setitimer") else WATCHDOG.watching
    _state.active = True
    try:
        with guard(meter):
            yield
    except OverBudget as error:
        # An exception raised by the watchdog thread carries no message: say it here.
        raise OverBudget(str(error) or meter.overrun() or "ran past the item budget") from None
    finally:
        _state.active = False


@contextmanager
def _alarm(meter: Meter) -> Iterator[None]:
    armed = True

    def check(signum: int, frame: Any) -> None:
        if armed and (reason := meter.overrun()):
            raise OverBudget(reason)

    previous = signal.signal(signal.SIGALRM, check)
    signal.setitimer(signal.ITIMER_REAL, CHECK_EVERY, CHECK_EVERY)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Watchdog:
    """One thread that watches the items of every other thread than the main one, and raises
    :class:`OverBudget` in the thread whose item has run past its budget."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watched: dict[int, Meter] = {}
        self._reasons: dict[int, str] = {}
        self._thread: threading.Thread | None = None

    @contextmanager
    def watching(self, meter: Meter) -> Iterator[None]:
        worker = threading.get_ident()
        with self._lock:
            self._watched[worker] = meter
            self._reasons.pop(worker, None)  # left by a block interrupted while it ended
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="budget", daemon=True)
                self._thread.start()
        try:
            yield
        except OverBudget:
            raise OverBudget(self._reasons.get(worker, "")) from None
        finally:
            with self._lock:
                del self._watched[worker]
                self._reasons.pop(worker, None)
                # An exception decided on but not yet delivered must not land after the block.
                _raise_in(worker, None)

    def forget_threads(self) -> None:
        """In a forked child, where the watching thread is gone."""
        self._lock = threading.Lock()
        self._watched.clear()
        self._reasons.clear()
        self._thread = None

    def _watch(self) -> None:
        while True:
            time.sleep(CHECK_EVERY)
            with self._lock:
                for worker, meter in self._watched.items():
                    if worker not in self._reasons and (reason := meter.overrun()):
                        self._reasons[worker] = reason
                        _raise_in(worker, OverBudget)


def _raise_in(thread: int, exception: type[BaseException] | None) -> None:
    """Have ``thread`` raise ``exception`` at its next bytecode (None: cancel one pending)."""
    target = ctypes.py_object(exception) if exception is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), target)


WATCHDOG = Watchdog()
os.register_at_fork(after_in_child=WATCHDOG.forget_threads)
