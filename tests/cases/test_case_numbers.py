import re

import pytest

from cases.case_numbers import ALPHABET, check_character, new_case_number, parse_case_number

FORMAT = re.compile(r"^MPP-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$")


def _characters(number):
    return list(number.replace("MPP-", "").replace("-", ""))


def _join(chars):
    text = "".join(chars)
    return f"MPP-{text[:5]}-{text[5:]}"


def test_it_draws_numbers_in_the_readable_format():
    for _ in range(200):
        number = new_case_number()
        assert FORMAT.match(number), number
        assert parse_case_number(number).canonical == number


def test_it_never_uses_letters_that_look_like_digits():
    assert not set("ILOU") & set(ALPHABET)


def test_it_catches_every_single_mistyped_character():
    number = new_case_number()
    chars = _characters(number)
    for position, original in enumerate(chars):
        for replacement in ALPHABET:
            if replacement == original:
                continue
            typo = chars.copy()
            typo[position] = replacement
            assert not parse_case_number(_join(typo)).check_ok, (number, position, replacement)


def test_it_catches_swapped_neighbours():
    caught = total = 0
    for _ in range(50):
        chars = _characters(new_case_number())
        for i in range(len(chars) - 1):
            if chars[i] == chars[i + 1]:
                continue
            swapped = chars.copy()
            swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
            total += 1
            caught += not parse_case_number(_join(swapped)).check_ok
    # Luhn mod 32 misses only swaps of one particular pair of values.
    assert caught / total > 0.95


@pytest.mark.parametrize(
    "typed",
    ["mpp-{a}-{b}", "MPP {a} {b}", "{a}{b}", " mpp{a}-{b} ", "MPP-{a}{b}"],
)
def test_it_reads_what_people_type(typed):
    number = new_case_number()
    a, b = number.split("-")[1:]
    assert parse_case_number(typed.format(a=a.lower(), b=b)).canonical == number


def test_it_reads_o_as_zero_and_i_or_l_as_one():
    number = _join(list("100000000") + [check_character("100000000")])
    typed = number.replace("0", "O").replace("1", "l")
    assert parse_case_number(typed).canonical == number


def test_it_reports_the_payload_when_only_thecheck_character_is_wrong():
    number = new_case_number()
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    parsed = parse_case_number(wrong)
    assert not parsed.check_ok
    assert parsed.payload == "".join(_characters(number))[:9]


@pytest.mark.parametrize("junk", ["", "MPP", "12345", "MPP-ABCDE-FGHIJK1", "MPP-AB*DE-FGHJK"])
def test_it_rejects_what_is_not_a_case_number(junk):
    assert parse_case_number(junk).canonical is None
