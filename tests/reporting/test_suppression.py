"""Small-cell suppression: no published breakdown lets a reader count fewer than k people."""

import itertools

from reporting.suppression import FEWER, WITHHELD, suppress_breakdown, suppress_count


def _bounds(published, total, k):
    """Every assignment of the hidden cells consistent with what a reader sees."""
    hidden = [key for key, value in published.items() if value in (FEWER, WITHHELD)]
    visible_sum = sum(v for v in published.values() if v not in (FEWER, WITHHELD))
    ranges = [range(1, k) if published[key] == FEWER else range(0, total + 1) for key in hidden]
    solutions = [
        dict(zip(hidden, values, strict=True))
        for values in itertools.product(*ranges)
        if sum(values) + visible_sum == total
    ]
    return {key: {s[key] for s in solutions} for key in hidden}


def test_it_shows_counts_of_zero_and_of_k_or_more():
    assert suppress_breakdown({"a": 0, "b": 5, "c": 12}, k=5) == {"a": 0, "b": 5, "c": 12}


def test_it_shows_counts_from_1_to_k_minus_1_as_fewer_than_k():
    published = suppress_breakdown({"a": 1, "b": 4, "c": 20}, k=5)
    assert published["a"] == published["b"] == FEWER
    assert published["c"] == 20


def test_it_withholds_the_smallest_other_cell_when_the_total_would_reveal_one_small_cell():
    # Total 3 + 9 + 30 = 42 is published: alone, "fewer than 5" would be 42 - 39 = 3.
    published = suppress_breakdown({"a": 3, "b": 9, "c": 30}, k=5)
    assert published == {"a": FEWER, "b": WITHHELD, "c": 30}


def test_it_withholds_until_no_hidden_cell_can_be_pinned_down():
    # a=1 and a withheld zero b: a + b = 1 with a >= 1 gives a = 1; a third cell is needed.
    published = suppress_breakdown({"a": 1, "b": 0, "c": 7, "d": 9}, k=5)
    assert published == {"a": FEWER, "b": WITHHELD, "c": WITHHELD, "d": 9}
    for possible in _bounds(published, 17, 5).values():
        assert len(possible) > 1


def test_it_never_lets_a_reader_deduce_a_suppressed_cell():
    k = 3
    for counts in itertools.product(range(0, 6), repeat=4):
        cells = dict(zip("abcd", counts, strict=True))
        published = suppress_breakdown(cells, k=k)
        total = sum(counts)
        if sum(1 for c in counts if c) <= 1:
            continue  # the total itself is the only non-zero cell: nothing left to protect
        for key, possible in _bounds(published, total, k).items():
            assert cells[key] in possible
            assert len(possible) > 1, (cells, published)


def test_it_only_hides_small_cells_of_overlapping_breakdowns():
    published = suppress_breakdown({"a": 2, "b": 7}, k=5, partition=False)
    assert published == {"a": FEWER, "b": 7}


def test_it_respects_a_configured_threshold():
    assert suppress_breakdown({"a": 9, "b": 11}, k=10) == {"a": FEWER, "b": WITHHELD}
    assert suppress_count(9, k=10) == FEWER
    assert suppress_count(0, k=10) == 0
