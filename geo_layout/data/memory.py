"""The process's memory around big builds (a plan loaded, a search index, a past day's store):
the cycle collector paused while they allocate, glibc kept from holding on to what they free.
With 100,000 sites these decide whether the server stays under its memory budget."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import sys


@contextlib.contextmanager
def big_build():
    """Around a load of a whole plan (from files or a database): the cycle collector paused,
    glibc's mmap threshold kept, and the memory freed afterwards given back."""
    _fix_mmap_threshold()
    with collector_paused():
        yield
    release_free_memory()


_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
_MMAP_THRESHOLD = 128 * 1024  # glibc's default (before it starts adapting)
_libc_state: dict = {}


def _libc():
    """glibc through ctypes (None elsewhere: other platforms and C libraries)."""
    if "libc" not in _libc_state:
        libc = None
        if sys.platform.startswith("linux"):
            try:
                libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
                libc.mallopt, libc.malloc_trim  # glibc has both (musl does not)
            except (OSError, AttributeError):
                libc = None
        _libc_state["libc"] = libc
    return _libc_state["libc"]


def _fix_mmap_threshold() -> None:
    """Keep glibc's mmap threshold at its default: by default it grows to the size of any
    large block freed (the load's and the index build's numpy arrays, up to 32 MB), after
    which such arrays come from the heap and, once freed, stay in the process (100,000
    sites: ~65 MB more peak RSS)."""
    libc = _libc()
    if libc is not None and not _libc_state.get("mmap"):
        _libc_state["mmap"] = bool(libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD))


def release_free_memory() -> None:
    """Give the memory freed after a big build (a load, the search index) back to the
    system (glibc otherwise keeps free pages inside its heaps)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@contextlib.contextmanager
def collector_paused():
    """The load (and the search index, an edit, a past day's store) allocate many long-lived
    objects and no cycles worth collecting; with the cycle collector on, its repeated full
    scans were ~40% of loading 100,000 sites. Afterwards what was allocated meanwhile goes
    straight to the oldest generation (:func:`gc.freeze` then :func:`gc.unfreeze`, two list
    splices): left young, the first collection after the pause scans all of it (0.06-0.4 s
    after a day's 10,000 records undone, paid by whichever request came next)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
