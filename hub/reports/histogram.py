"""Session-length histograms as the kiosks send them, and the median read from one.

Bins (seconds): [0,5) [5,10) [10,20) [20,30) [30,60) [60,120) [120,300) [300,600) [600,...).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

EDGES: tuple[float, ...] = (0, 5, 10, 20, 30, 60, 120, 300, 600)
BINS = len(EDGES)


def add(first: Sequence[int], second: Sequence[int]) -> tuple[int, ...]:
    a = tuple(first) or (0,) * BINS
    b = tuple(second) or (0,) * BINS
    return tuple(x + y for x, y in zip(a, b, strict=True))


def total(histograms: Iterable[Sequence[int]]) -> tuple[int, ...]:
    result: tuple[int, ...] = (0,) * BINS
    for histogram in histograms:
        result = add(result, histogram)
    return result


def median(histogram: Sequence[int]) -> float | None:
    """The median, interpolated linearly inside the bin that holds it.

    With n values the median is the point where n/2 of them lie below: in the bin whose
    cumulative count first reaches n/2, at lower + (n/2 - below) / in_bin x width. A median in
    the last, open bin is reported as its lower edge (600 s, "10 minutes or more").
    """
    count = sum(histogram)
    if count == 0:
        return None
    half = count / 2
    below = 0
    for index, in_bin in enumerate(histogram):
        if in_bin and below + in_bin >= half:
            if index == BINS - 1:
                return EDGES[-1]
            lower, upper = EDGES[index], EDGES[index + 1]
            return lower + (half - below) / in_bin * (upper - lower)
        below += in_bin
    return EDGES[-1]
