"""Spelling variants a traveller may type meet the content's spelling."""

from __future__ import annotations

from cache.fold import fold, query_tokens


def test_khmer_coeng_da_and_coeng_ta_fold_alike() -> None:
    assert fold("ប្តូរប្រាក់") == fold("ប្ដូរប្រាក់")


def test_khmer_marks_typed_in_another_order_fold_alike() -> None:
    # ស + vowel ី + coeng ត (typed vowel first) and ស + coeng ត + vowel ី
    assert fold("ស\u17b8\u17d2\u178f") == fold("ស\u17d2\u178f\u17b8")


def test_khmer_split_vowel_folds_to_the_joined_vowel() -> None:
    assert fold("ក\u17c1\u17b8") == fold("ក\u17be")


def test_lao_tone_mark_before_the_vowel_folds_like_after_it() -> None:
    assert fold("ກ\u0ec8\u0eb4") == fold("ກ\u0eb4\u0ec8")


def test_lao_compatibility_letters_fold_alike() -> None:
    assert fold("ຫນັງສື") == fold("ໜັງສື")
    assert fold("ຄຳ") == fold("ຄໍາ")


def test_traditional_chinese_query_becomes_simplified() -> None:
    assert query_tokens("簽證 計程車") == ["签证", "计程车"]


def test_pinyin_with_tone_marks_or_numbers_is_plain_pinyin() -> None:
    assert query_tokens("chūzūchē") == ["chuzuche"]
    assert query_tokens("chu1zu1che1") == ["chuzuche"]


def test_numbers_and_words_with_digits_keep_them() -> None:
    assert query_tokens("115 marker1word") == ["115", "marker1word"]


def test_chosen_chinese_words_and_pending_pinyin_are_separate_words() -> None:
    assert query_tokens("签证banli") == ["签证", "banli"]
