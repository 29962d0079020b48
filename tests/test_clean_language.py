"""Language of bodies and of single lines: exact codes on hand-written texts."""

from __future__ import annotations

import pytest

from newsgraph.clean.language import detect_language, foreign_line, script


@pytest.mark.parametrize("text,expected", [
    ("Police said two people were killed in the crash on Monday.", "en"),
    ("Smith said hello.", "en"),  # too short for langid to be sure: English, the pipeline's language
    ("Die Polizei hat am Montag in Berlin zwei Männer festgenommen.", "de"),
    ("Полиция задержала в понедельник в Москве двух мужчин.", "ru"),
    ("La police a arrêté deux hommes lundi à Paris, a indiqué le parquet.", "fr"),
    ("警方周一在北京逮捕了两名男子。", "zh"),
    # an English report quoting a Russian sentence stays English
    ("The governor spoke about exports and medical tourism on Tuesday, saying the region could compete "
     "across the continent. Russian: Медицинский туризм бурно растет во всем мире.", "en"),
    ("12 34 -- 56", None),
])
def test_detect_language(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Hello world", "LATIN"), ("Привет мир", "CYRILLIC"), ("简体中文", "CJK"), ("中文 (Chinese)", "LATIN"), ("مرحبا", "ARABIC"),
    ("한국어", "HANGUL"), ("-- 12 --", None),
])
def test_script(text, expected):
    assert script(text) == expected


@pytest.mark.parametrize("line,edge,expected", [
    ("Foto açıq mənbələrdən götürülüb", True, "az"),
    ("Подписывайтесь на наш канал в Telegram", True, "ru"),
    ("简体中文", True, "zh"),
    ("Leave a review", True, None),
    ("News Line", True, None),
    ("US and UK pledge continued support for Ukraine", True, None),
    ("Erdoğan met Aliyev in Ankara on Monday.", False, None),
])
def test_foreign_line_in_an_english_body(line, edge, expected):
    assert foreign_line(line, "en", "LATIN", edge=edge) == expected


def test_sibling_languages_are_never_foreign():
    assert foreign_line("Україна отримала нову партію допомоги від партнерів", "ru", "CYRILLIC", edge=True) is None
