"""What a process this package starts needs so that it never outlives the one that
started it."""

from __future__ import annotations

import ctypes


def die_with_parent(sig: int = 9):
    """For Popen's preexec_fn: the child gets `sig` when the process that started it
    ends (Linux PR_SET_PDEATHSIG), so a killed publication leaves no build running."""

    def apply() -> None:

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, sig, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    return apply
