"""The shipped speaker ranker: it loads, its features are the ones the code computes, and it ranks as trained."""

from __future__ import annotations

import json

import numpy
import pytest

from chronologue.annotators.quotes.ranking import (
    FEATURES,
    MODEL_DIR,
    REACH_BEFORE,
    MentionRow,
    QuoteRow,
    Scene,
    SpeakerModel,
    describe,
    load_model,
)
from chronologue.errors import InputError


def test_the_shipped_model_loads_with_its_version_and_features() -> None:
    model = load_model()
    meta = json.loads((MODEL_DIR / "speakers.json").read_text(encoding="utf-8"))
    assert model.version == meta["version"] == "4"
    assert model.decides == meta["decides"]
    assert model.features == FEATURES
    assert model.weights.shape == (meta["passes"], len(FEATURES)) == (2, len(FEATURES))
    assert model.hidden is not None and model.hidden.shape == (2, meta["hidden_units"], len(FEATURES) + 1)
    assert "PrideAndPrejudice" in meta["trained_on"]["pdnc"]
    assert "MansfieldPark" not in meta["trained_on"]["pdnc"]  # a check novel, never trained on
    assert "NightAndDay" in meta["trained_on"]["pdnc"]


def _row(**on: float) -> numpy.ndarray:
    return numpy.array([on.get(name, 0.0) for name in FEATURES])


def test_a_few_predictions() -> None:
    model = load_model()
    # the one named right before the line in its paragraph, not the one the line speaks to
    assert model.choose(["near", "called"], numpy.vstack([
        _row(in_paragraph_before=1, near_before=0.95, last_named_before=1, mentions_before=0.7),
        _row(named_in_quote=1, near_before=0.2, mentions_before=0.7),
    ])) == "near"
    # whom the rules named, over someone merely mentioned further back
    assert model.choose(["far", "ruled"], numpy.vstack([
        _row(near_before=0.3, mentions_before=0.7),
        _row(rule=1, rule_next_to_name=1, near_after=0.95, in_paragraph_after=1, first_named_after=1),
    ])) == "ruled"


def test_the_other_side_of_a_dialogue_answers() -> None:
    model = load_model()
    # in a run of lines, the one who spoke two lines before and two lines after, not the one who spoke last
    assert model.choose(["last", "other"], numpy.vstack([
        _row(previous_rule=1, previous_paragraph_speaker=1, next_rule=1, near_before=0.6, mentions_before=0.7),
        _row(second_rule=1, second_next_rule=1, alternates=1, near_before=0.4, mentions_before=0.7),
    ])) == "other"
    # the one the line before called by name answers; the one this line calls does not speak it
    assert model.choose(["called", "caller"], numpy.vstack([
        _row(called_in_previous=1, named_in_previous_quote=1, near_before=0.5, mentions_before=0.7),
        _row(called_here=1, named_in_quote=1, near_before=0.5, mentions_before=0.7),
    ])) == "called"


def test_the_model_decides_where_the_rules_name_no_one_or_guess_from_afar() -> None:
    model = load_model()
    assert model.decides == "far" and model.margin > 0
    text = '"Come," said Anna. "Now."' + " " * 60 + '"Later."'
    later = text.index("Later")
    assert not model.overrules(text, QuoteRow(1, 6, "anna", (14, 18)))  # a name next to the quotation
    assert not model.overrules(text, QuoteRow(1, 6, None, (14, 18)))  # someone unnamed the rules found
    assert model.overrules(text, QuoteRow(20, 24, None, None))  # no one
    assert model.overrules(text, QuoteRow(later, later + 6, "anna", (14, 18)))  # a guess from afar
    assert not model.overrules(text, QuoteRow(later, later + 6, None, (14, 18)))  # an unnamed someone from afar


def test_a_guess_from_afar_is_replaced_only_by_a_clearly_better_candidate() -> None:
    weights = numpy.zeros((1, len(FEATURES)))
    weights[0, FEATURES.index("near_before")] = 4.0
    model = SpeakerModel("test", FEATURES, weights, decides="far", margin=1.0)
    guessed, nearer = _row(near_before=0.5), _row(near_before=0.7)  # scores 2.0 and 2.8: ahead by less
    assert model.choose(["guessed", "nearer"], numpy.vstack([guessed, nearer])) == "nearer"
    assert model.choose(["guessed", "nearer"], numpy.vstack([guessed, nearer]), ruled="guessed") == "guessed"
    nearer = _row(near_before=0.9)  # 3.6: ahead by more than the margin
    assert model.choose(["guessed", "nearer"], numpy.vstack([guessed, nearer]), ruled="guessed") == "nearer"


def test_a_dialogue_line_with_no_attribution_goes_to_the_one_its_paragraph_names() -> None:
    text = 'Anna Moss came in from the rain.\n\nTom Baker looked up. "Late again?"'
    quote = text.index("Late")
    scene = Scene(text, [QuoteRow(quote, quote + 11, None, None)],
                  [MentionRow(0, 9, "anna", "name"), MentionRow(34, 43, "tom", "name")],
                  [(0, 32), (34, len(text))], {"anna": "female", "tom": "male"}, [(quote - 1, quote + 12)])
    [(candidates, matrix)] = describe(scene)
    assert candidates == ["tom", "anna"]  # the nearest first
    assert load_model().choose(candidates, matrix) == "tom"


def test_a_broken_model_file_is_a_clear_error(tmp_path) -> None:
    (tmp_path / "speakers.json").write_text('{"version": "1", "features": ["rule"]}', encoding="utf-8")
    numpy.savez(tmp_path / "speakers.npz", weights=numpy.zeros(1))
    with pytest.raises(InputError, match="features are not the ones"):
        load_model(str(tmp_path))


def _dialogue() -> tuple[str, Scene]:
    text = ('Anna Moss sat down by the fire. Tom Baker stood at the door.\n\n"Late again?"\n\n"The train."\n\n'
            '"Again?"\n\nShe shrugged. "Always."')
    starts = [text.index(w) for w in ("Late", "The train", "Again?", "Always")]
    lengths = [len("Late again?"), len("The train."), len("Again?"), len("Always.")]
    quotes = [QuoteRow(s, s + n, None, None) for s, n in zip(starts, lengths, strict=True)]
    paragraphs, start = [], 0
    for part in text.split("\n\n"):
        paragraphs.append((start, start + len(part)))
        start += len(part) + 2
    she = text.index("She")
    mentions = [MentionRow(0, 9, "anna", "name"), MentionRow(32, 41, "tom", "name"),
                MentionRow(she, she + 3, "anna", "pronoun")]
    return text, Scene(text, quotes, mentions, paragraphs, {"anna": "female", "tom": "male"},
                       [(q.start - 1, q.end + 1) for q in quotes])


def test_turn_taking_features_read_the_speakers_they_are_given() -> None:
    text, scene = _dialogue()
    column = FEATURES.index
    # with the rules' speakers (none), nobody spoke before the last line
    candidates, matrix = describe(scene)[3]
    assert not matrix[:, column("previous_rule")].any() and not matrix[:, column("other_speaker")].any()
    # a first pass's answers: Tom, Anna, Tom; the last line follows the other side and its action beat
    candidates, matrix = describe(scene, ["tom", "anna", "tom", None])[3]
    row = {c: matrix[n] for n, c in enumerate(candidates)}
    assert row["tom"][column("previous_rule")] == 1 and row["anna"][column("second_rule")] == 1
    assert row["anna"][column("other_speaker")] == 1 and row["tom"][column("other_speaker")] == 0
    assert row["anna"][column("alternates")] == 1
    assert row["anna"][column("beat_subject")] == 1 and row["tom"][column("beat_subject")] == 0
    assert row["anna"][column("opens_paragraph")] == 0  # "She shrugged." comes first
    assert describe(scene)[1][1][0, column("opens_paragraph")] == 1


def test_the_shipped_model_decodes_a_dialogue_in_passes() -> None:
    _, scene = _dialogue()
    model = load_model()
    said = model.speakers(scene)
    assert said == ["tom", "anna", "tom", "anna"]  # the first line to the one named last, then turns


def test_someone_on_stage_before_a_long_conversation_is_a_candidate() -> None:
    # Tom is named only at the start; the conversation runs on past the near reach
    opening = "Tom Baker came in and sat down by the fire.\n\n"
    lines = ['"Is it raining?"', '"It is."'] * 90
    text = opening + "\n\n".join(lines)
    quotes, paragraphs, start = [], [(0, len(opening) - 2)], len(opening)
    for line in lines:
        quotes.append(QuoteRow(start + 1, start + len(line) - 1, None, None))
        paragraphs.append((start, start + len(line)))
        start += len(line) + 2
    scene = Scene(text, quotes, [MentionRow(0, 9, "tom", "name")], paragraphs, {"tom": "male"},
                  [(q.start - 1, q.end + 1) for q in quotes])
    assert quotes[-1].start > REACH_BEFORE
    candidates, matrix = describe(scene)[-1]
    assert candidates == ["tom"]
    assert matrix[0, FEATURES.index("far_back_only")] == 1 and matrix[0, FEATURES.index("near_before")] == 0
    assert 0 < matrix[0, FEATURES.index("near_far_back")] < 1
    first, first_matrix = describe(scene)[0]
    assert first == ["tom"] and first_matrix[0, FEATURES.index("far_back_only")] == 0


def test_the_one_the_next_line_calls_is_a_candidate_for_this_one() -> None:
    # Anna is named only inside the quotations: the next line calls her, so she may have spoken this one
    text = '"It is late."\n\n"Go to bed, Anna."'
    quotes = [QuoteRow(1, 13, None, None), QuoteRow(17, 34, None, None)]
    anna = text.index("Anna")
    scene = Scene(text, quotes, [MentionRow(anna, anna + 4, "anna", "name")], [(0, 14), (16, len(text))],
                  {"anna": "female"}, [(0, 14), (16, 35)])
    candidates, matrix = describe(scene)[0]
    assert candidates == ["anna"]
    assert matrix[0, FEATURES.index("called_in_next")] == 1 and matrix[0, FEATURES.index("named_in_quote")] == 0
    assert load_model().choose(["anna", "tom"], numpy.vstack([matrix[0], numpy.zeros(len(FEATURES))])) == "anna"
