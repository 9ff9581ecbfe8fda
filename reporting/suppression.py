"""Small-cell suppression of a breakdown: no published figure may single out a few people.

A cell counting 1 to k-1 people is published as "fewer than k" (FEWER). Totals are always
published, so when the total and the other cells would let a reader work a suppressed cell
out, more cells are withheld (WITHHELD, complementary suppression), smallest first, until no
suppressed cell can be pinned to one value. A reader knows a FEWER cell lies in [1, k-1]
and a WITHHELD cell in [0, total]; the check below uses exactly that knowledge.
"""

FEWER = "fewer_than_k"
WITHHELD = "withheld"
SUPPRESSED = (FEWER, WITHHELD)


def _bounds(kind, k, hidden_sum):
    return (1, k - 1) if kind == FEWER else (0, hidden_sum)


def _some_cell_is_pinned(counts: dict, hidden: dict, k: int) -> bool:
    """Could a reader who knows the total pin any hidden cell to a single value?"""
    hidden_sum = sum(counts[key] for key in hidden)
    bounds = {key: _bounds(kind, k, hidden_sum) for key, kind in hidden.items()}
    for key, (low, high) in bounds.items():
        others_low = sum(b[0] for other, b in bounds.items() if other != key)
        others_high = sum(b[1] for other, b in bounds.items() if other != key)
        if max(low, hidden_sum - others_high) >= min(high, hidden_sum - others_low):
            return True
    return False


def suppress_breakdown(counts: dict, *, k: int, partition: bool = True) -> dict:
    """Publishable cells of a breakdown whose cells add up to a published total.

    ``partition=False`` is for breakdowns whose cells overlap (a request may raise several
    concerns): no total can be differenced, so only the small cells themselves are hidden.
    """
    hidden = {key: FEWER for key, count in counts.items() if 0 < count < k}
    if partition and hidden:
        # Smallest visible cells first: they cost the reader the least information.
        candidates = sorted((key for key in counts if key not in hidden), key=counts.get)
        while _some_cell_is_pinned(counts, hidden, k) and candidates:
            hidden[candidates.pop(0)] = WITHHELD
        if _some_cell_is_pinned(counts, hidden, k):
            # Even every cell hidden, "fewer than k" gives it away: hide them all alike.
            hidden = dict.fromkeys(hidden, WITHHELD)
    return {key: hidden.get(key, count) for key, count in counts.items()}


def suppress_count(count: int, *, k: int):
    """A single count that is not a total: published only when it is 0 or at least k."""
    return FEWER if 0 < count < k else count


def is_suppressed(value) -> bool:
    return isinstance(value, str) and value in SUPPRESSED
