"""Captions: long narration shown a readable piece at a time, timed along the audio."""

import pytest

from vr_station.ui.captions import MAX_CHUNK_CHARS, chunk_times, split_captions

NARRATION = ("Willkommen in einer Restaurantküche. Gleich beginnt der Mittagsservice. Schauen Sie "
             "sich in Ruhe um: Hinten ist die Herdzeile, in der Mitte wird vorbereitet, rechts "
             "gehen die Teller zu den Gästen hinaus.")


def test_narration_is_split_into_short_chunks_without_losing_a_word():
    chunks = split_captions(NARRATION)
    assert len(chunks) >= 2
    assert all(len(c) <= MAX_CHUNK_CHARS for c in chunks)
    assert " ".join(chunks).split() == NARRATION.split()


def test_short_sentences_are_grouped_but_questions_stand_alone():
    assert split_captions("Gut. Danke.") == ["Gut. Danke."]
    assert split_captions("Wie geht es Ihnen? Schön.") == ["Wie geht es Ihnen?", "Schön."]


def test_a_single_overlong_sentence_breaks_at_words():
    sentence = " ".join(["Wort"] * 60)
    chunks = split_captions(sentence)
    assert all(len(c) <= MAX_CHUNK_CHARS for c in chunks)
    assert " ".join(chunks) == sentence


def test_chunks_start_in_proportion_to_their_length():
    starts = chunk_times(["a" * 10, "b" * 30], 8.0)
    assert starts == pytest.approx([0.0, 2.0])
