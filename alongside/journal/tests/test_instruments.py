"""Scoring of each questionnaire against worked examples from its instructions: the total is
the sum of item values (0-3); bands from the published cut-points (PHQ-9: Kroenke 2001;
GAD-7: Spitzer 2006)."""

import pytest

from alongside.journal.instruments import all_instruments, instrument, score


def _answers(code: str, values: list[int]) -> dict[str, int]:
    keys = [key for key, _text in instrument(code).items]
    return dict(zip(keys, values, strict=True))


@pytest.mark.parametrize(
    ("values", "total", "band"),
    [
        ([0, 0, 0, 0, 0, 0, 0, 0, 0], 0, "Minimal"),
        ([1, 1, 1, 1, 0, 0, 0, 0, 0], 4, "Minimal"),
        ([1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "Mild"),
        ([3, 3, 3, 0, 0, 0, 0, 0, 0], 9, "Mild"),
        ([2, 2, 2, 2, 2, 0, 0, 0, 0], 10, "Moderate"),
        ([3, 3, 3, 3, 2, 0, 0, 0, 0], 14, "Moderate"),
        ([3, 3, 3, 3, 3, 0, 0, 0, 0], 15, "Moderately severe"),
        ([3, 3, 3, 3, 3, 3, 1, 0, 0], 19, "Moderately severe"),
        ([3, 3, 3, 3, 3, 3, 2, 0, 0], 20, "Severe"),
        ([3, 3, 3, 3, 3, 3, 3, 3, 3], 27, "Severe"),
    ],
)
def test_it_scores_the_phq9_as_its_instructions_say(values, total, band):
    result = score("phq9", _answers("phq9", values))
    assert (result.total, result.band) == (total, band)


@pytest.mark.parametrize(
    ("values", "total", "band"),
    [
        ([0, 0, 0, 0, 0, 0, 0], 0, "Minimal"),
        ([1, 1, 1, 1, 0, 0, 0], 4, "Minimal"),
        ([1, 1, 1, 1, 1, 0, 0], 5, "Mild"),
        ([2, 2, 2, 2, 1, 1, 0], 10, "Moderate"),
        ([3, 3, 3, 2, 2, 1, 1], 15, "Severe"),
        ([3, 3, 3, 3, 3, 3, 3], 21, "Severe"),
    ],
)
def test_it_scores_the_gad7_as_its_instructions_say(values, total, band):
    result = score("gad7", _answers("gad7", values))
    assert (result.total, result.band) == (total, band)


@pytest.mark.parametrize("item9", [1, 2, 3])
def test_it_flags_any_phq9_item_9_answer_above_not_at_all(item9):
    assert score("phq9", _answers("phq9", [0] * 8 + [item9])).safety_flag


def test_it_does_not_flag_item_9_answered_not_at_all():
    assert not score("phq9", _answers("phq9", [3] * 8 + [0])).safety_flag


def test_it_never_scores_a_questionnaire_with_a_missing_or_invalid_answer():
    answers = _answers("gad7", [1] * 7)
    del answers["q7"]
    with pytest.raises(ValueError):
        score("gad7", answers)
    with pytest.raises(ValueError):
        score("gad7", {**answers, "q7": 4})


def test_each_instrument_carries_its_rights_holders_permission_and_reference():
    for spec in all_instruments():
        assert "No permission required to reproduce" in spec.copyright
        assert spec.reference.startswith(("Kroenke", "Spitzer")) and "doi:" in spec.reference
        assert spec.max_score == 3 * len(spec.items)
