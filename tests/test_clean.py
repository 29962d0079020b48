"""clean_text on small hand-written articles: exact Cleaned records, one rule at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.article import Removed
from newsgraph.clean import Cleaned, clean_text

ROOT = Path(__file__).resolve().parents[1]

CANONICAL_BODY = """\
Washington, November 8 - U.S. Secretary of State Antony Blinken and British Foreign Secretary James Cleverly held a joint press conference on Wednesday, TURAN's Washington correspondent reports from the State Department.

"We will stand with Ukraine for as long as it takes," Blinken said. "Russia's war has failed to achieve any of its aims."

The top U.S. diplomat said the United States and the UK had worked "hand in glove" to support Kyiv. He added that Washington would announce new sanctions next week.

Cleverly agreed: "Britain will not waver. Our commitment is absolute."

According to Blniken, around 500 fatalities were recorded among civilians last month, and more than 18,000 people arrested in Russia since the war began for protesting against it. Dozens of journalists were detained, he said.

The UK, Cleverly added, will join the U..S in funding the reconstruction of the power grid.

Asked about the Middle East, the Secretary of State said that three aid workers were killed on Tuesday and 1,200 people had been evacuated from the border area."""


def test_canonical_agency_report():
    text = (ROOT / "examples" / "turan-blinken-cleverly.txt").read_text("utf-8")
    assert clean_text(text) == Cleaned(
        body=CANONICAL_BODY,
        removed=[
            Removed("Foto açıq mənbələrdən götürülüb", "photo caption"),
            Removed("Foto açıq mənbələrdən götürülüb", "duplicate line"),
            Removed("US and UK pledge continued support for Ukraine", "title"),
            Removed("Aziz Mammadov", "byline"),
            Removed("Washington D.C.", "dateline"),
            Removed("Leave a review", "social prompt"),
            Removed("Follow us on social networks", "social prompt"),
            Removed("News Line", "navigation"),
        ],
        byline=["Aziz Mammadov"],
        dateline="Washington D.C.",
        publisher="TURAN",
        language="en",
        title="US and UK pledge continued support for Ukraine",
    )


def test_body_offsets_index_the_kept_lines_unchanged():
    text = (ROOT / "examples" / "turan-blinken-cleverly.txt").read_text("utf-8")
    body = clean_text(text).body
    for paragraph in body.split("\n\n"):
        assert paragraph in text
    assert body.index("TURAN's") == text.index("TURAN's") - text.index("Washington, November 8")


CASES = {
    "ap_by_line_and_copyright": (
        "Senate passes spending bill\n"
        "By Jane Doe and John Roe, Associated Press\n\n"
        "WASHINGTON (AP) — The Senate passed a spending bill on Friday, averting a government shutdown hours "
        "before the deadline.\n\n"
        "\"This is a good day for the country,\" Senator Smith said.\n\n"
        "Copyright 2023 The Associated Press. All rights reserved.\n",
        Cleaned(
            body="WASHINGTON (AP) — The Senate passed a spending bill on Friday, averting a government shutdown "
                 "hours before the deadline.\n\n\"This is a good day for the country,\" Senator Smith said.",
            removed=[
                Removed("Senate passes spending bill", "title"),
                Removed("By Jane Doe and John Roe, Associated Press", "byline"),
                Removed("Copyright 2023 The Associated Press. All rights reserved.", "copyright"),
            ],
            byline=["Jane Doe", "John Roe"], dateline="WASHINGTON", publisher="Associated Press",
            language="en", title="Senate passes spending bill",
        ),
    ),
    "reuters_dateline_and_credits": (
        "KYIV, Nov 8 (Reuters) - Ukraine's air defences shot down 20 drones overnight, the air force said on "
        "Wednesday.\n\nAdvertisement\n\nThe drones were launched from the south, it said.\n"
        "(Reporting by Jane Doe; Editing by John Roe)\n",
        Cleaned(
            body="KYIV, Nov 8 (Reuters) - Ukraine's air defences shot down 20 drones overnight, the air force said "
                 "on Wednesday.\n\nThe drones were launched from the south, it said.",
            removed=[
                Removed("Advertisement", "advertisement"),
                Removed("(Reporting by Jane Doe; Editing by John Roe)", "byline"),
            ],
            byline=["Jane Doe"], dateline="KYIV", publisher="Reuters", language="en",
        ),
    ),
    "afp_dateline": (
        "WASHINGTON (AFP) - The United States announced new sanctions on Tuesday against three companies.\n"
        "Officials said more measures would follow.",
        Cleaned(
            body="WASHINGTON (AFP) - The United States announced new sanctions on Tuesday against three "
                 "companies.\nOfficials said more measures would follow.",
            dateline="WASHINGTON", publisher="AFP", language="en",
        ),
    ),
    "agency_without_place": (
        "(AP) — Two people were killed when a bridge collapsed in the storm, police said.\n\n"
        "Rescue teams are still searching the river.",
        Cleaned(
            body="(AP) — Two people were killed when a bridge collapsed in the storm, police said.\n\n"
                 "Rescue teams are still searching the river.",
            publisher="AP", language="en",
        ),
    ),
    "page_furniture_kept_body_mentions": (
        "Photo: Reuters\n"
        "The minister resigned on Monday after weeks of pressure, her office said in a statement.\n"
        "Image credit: Getty Images\n"
        "Share this article\n"
        "He told the newsletter that the photo was taken in 2019 by a local resident.\n"
        "Subscribe to our newsletter\n"
        "Read more: Minister faces pressure over spending\n"
        "Advertisement\n"
        "Follow Jane Doe on Twitter\n"
        "© 2023 Example News Ltd\n",
        Cleaned(
            body="The minister resigned on Monday after weeks of pressure, her office said in a statement.\n"
                 "He told the newsletter that the photo was taken in 2019 by a local resident.",
            removed=[
                Removed("Photo: Reuters", "photo caption"),
                Removed("Image credit: Getty Images", "photo caption"),
                Removed("Share this article", "social prompt"),
                Removed("Subscribe to our newsletter", "social prompt"),
                Removed("Read more: Minister faces pressure over spending", "read more"),
                Removed("Advertisement", "advertisement"),
                Removed("Follow Jane Doe on Twitter", "social prompt"),
                Removed("© 2023 Example News Ltd", "copyright"),
            ],
            language="en",
        ),
    ),
    "body_sentences_shaped_like_prompts_stay": (
        "The trial opened on Monday in the capital, court officials said.\n"
        "Review the evidence, the judge said.\n"
        "More from the minister later.\n"
        "Donate to the fund, the mayor urged.\n"
        "Follow the money.\n"
        "The hearing continues on Tuesday.",
        Cleaned(
            body="The trial opened on Monday in the capital, court officials said.\nReview the evidence, the judge "
                 "said.\nMore from the minister later.\nDonate to the fund, the mayor urged.\nFollow the money.\n"
                 "The hearing continues on Tuesday.",
            language="en",
        ),
    ),
    "caption_with_agency_photo_credit": (
        "Protesters march in the capital on Sunday. (AP Photo/Jane Doe)\n\n"
        "Thousands of people marched through the capital on Sunday to demand new elections, organisers said.",
        Cleaned(
            body="Thousands of people marched through the capital on Sunday to demand new elections, "
                 "organisers said.",
            removed=[Removed("Protesters march in the capital on Sunday. (AP Photo/Jane Doe)", "photo caption")],
            language="en",
        ),
    ),
    "duplicates_adjacent_go_repeated_questions_stay": (
        "Q: What inspired you to start?\n"
        "A: My grandmother, who cooked for the whole village every Sunday.\n"
        "The kitchen was always full.\n"
        "The kitchen was always full.\n"
        "Q: What inspired you to start?\n"
        "A: Nothing more than hunger, to be honest with you all.\n",
        Cleaned(
            body="Q: What inspired you to start?\nA: My grandmother, who cooked for the whole village every "
                 "Sunday.\nThe kitchen was always full.\nQ: What inspired you to start?\nA: Nothing more than "
                 "hunger, to be honest with you all.",
            removed=[Removed("The kitchen was always full.", "duplicate line")],
            language="en",
        ),
    ),
    "foreign_lines_outside_the_body": (
        "Xəbər lenti\n"
        "Police arrested two men in Baku on Monday, the interior ministry said in a statement.\n\n"
        "Both men were later released on bail.\n"
        "Подписывайтесь на наш канал в Telegram\n",
        Cleaned(
            body="Police arrested two men in Baku on Monday, the interior ministry said in a statement.\n\n"
                 "Both men were later released on bail.",
            removed=[
                Removed("Xəbər lenti", "other language (az)"),
                Removed("Подписывайтесь на наш канал в Telegram", "other language (ru)"),
            ],
            language="en",
        ),
    ),
    "menu_after_the_body": (
        "The council approved the budget on Tuesday after a long debate, officials said.\n\n"
        "Politics\nWorld\nBusiness\n",
        Cleaned(
            body="The council approved the budget on Tuesday after a long debate, officials said.",
            removed=[Removed("Politics", "navigation"), Removed("World", "navigation"),
                     Removed("Business", "navigation")],
            language="en",
        ),
    ),
    "german_body_place_and_name_lines": (
        "Berlin\n"
        "Die Polizei hat am Montag in Berlin zwei Männer festgenommen, teilte die Staatsanwaltschaft mit.\n"
        "Hans Müller\n",
        Cleaned(
            body="Die Polizei hat am Montag in Berlin zwei Männer festgenommen, teilte die Staatsanwaltschaft mit.",
            removed=[Removed("Berlin", "dateline"), Removed("Hans Müller", "byline")],
            byline=["Hans Müller"], dateline="Berlin", language="de",
        ),
    ),
    "german_body": (
        "Die Polizei hat am Montag in Berlin zwei Männer festgenommen. Sie sollen einen Anschlag geplant haben, "
        "teilte die Staatsanwaltschaft mit.\n\nDie Ermittlungen dauern an.",
        Cleaned(
            body="Die Polizei hat am Montag in Berlin zwei Männer festgenommen. Sie sollen einen Anschlag geplant "
                 "haben, teilte die Staatsanwaltschaft mit.\n\nDie Ermittlungen dauern an.",
            language="de",
        ),
    ),
    "russian_body": (
        "Полиция задержала в понедельник в Москве двух мужчин. По данным следствия, они готовили нападение "
        "на отделение банка.\n\nРасследование продолжается.",
        Cleaned(
            body="Полиция задержала в понедельник в Москве двух мужчин. По данным следствия, они готовили "
                 "нападение на отделение банка.\n\nРасследование продолжается.",
            language="ru",
        ),
    ),
    "whitespace_crlf_tabs_nbsp_zero_width": (
        "\ufeffFirst\u00a0paragraph has\ttabs and a zero\u200bwidth space in it, police said.\r\n"
        "It continues here.\r\n\r\n\r\nSecond paragraph\u2003ends here, the mayor added.\r\n",
        Cleaned(
            body="First paragraph has tabs and a zerowidth space in it, police said.\nIt continues here.\n\n"
                 "Second paragraph ends here, the mayor added.",
            language="en",
        ),
    ),
    "short_text_without_prose_is_all_body": (
        "Smith said hello.",
        Cleaned(body="Smith said hello.", language="en"),
    ),
    "short_text_with_agency_prefix": (
        "WASHINGTON (AP) — Two killed.",
        Cleaned(body="WASHINGTON (AP) — Two killed.", dateline="WASHINGTON", publisher="AP", language="en"),
    ),
    "date_line_above_the_body_is_no_title": (
        "Tuesday, September 24, 2019\n\n"
        "The council approved the budget on Tuesday after a long debate, officials said.\n",
        Cleaned(
            body="The council approved the budget on Tuesday after a long debate, officials said.",
            removed=[Removed("Tuesday, September 24, 2019", "date")],
            language="en",
            published="2019-09-24", published_source="date line",  # the removed date line dates it
        ),
    ),
    "no_letters": (
        "12 34\n\n56",
        Cleaned(body="12 34\n\n56", language=None),
    ),
}


@pytest.mark.parametrize("text,expected", list(CASES.values()), ids=list(CASES))
def test_clean_text(text, expected):
    assert clean_text(text) == expected


def test_analyze_skips_extractors_on_a_german_body():
    from newsgraph.analyze import analyze

    text, expected = CASES["german_body_place_and_name_lines"]
    article = analyze(text)
    assert (article.language, article.dateline, article.byline, article.warnings) == (
        "de", "Berlin", ["Hans Müller"], ["[W202] body language is de, not English: extractors not run"])
    assert article.text == expected.body


def test_analyze_takes_the_headline_as_title():
    from newsgraph.analyze import analyze

    article = analyze("Festnahmen in Berlin\nDie Polizei hat am Montag in Berlin zwei Männer festgenommen, "
                      "teilte die Staatsanwaltschaft mit.\n")
    assert (article.title, article.language, [r.reason for r in article.removed]) == (
        "Festnahmen in Berlin", "de", ["title"])
    assert analyze("Festnahmen in Berlin\nDie Polizei hat am Montag in Berlin zwei Männer festgenommen, "
                   "teilte die Staatsanwaltschaft mit.\n", title="Given title").title == "Given title"


@pytest.mark.model
def test_analyze_canonical_article(nlp):
    from newsgraph.analyze import analyze

    article = analyze((ROOT / "examples" / "turan-blinken-cleverly.txt").read_text("utf-8"), nlp=nlp)
    assert (article.text, article.title, article.byline, article.dateline, article.publisher, article.language,
            article.warnings) == (
        CANONICAL_BODY, "US and UK pledge continued support for Ukraine", ["Aziz Mammadov"], "Washington D.C.",
        "TURAN", "en", [])


def test_known_title_keeps_a_subheading_in_the_body():
    text = "A subheading that reads like a title\nThe minister said the bridge would reopen on Monday after repairs.\n"
    assert clean_text(text).title == "A subheading that reads like a title"
    kept = clean_text(text, title="Bridge to reopen")
    assert kept.title is None and kept.removed == []
    assert kept.body.startswith("A subheading that reads like a title\n")
    repeated = clean_text("Bridge to reopen\n" + text, title="Bridge  to reopen")
    assert [(r.text, r.reason) for r in repeated.removed] == [("Bridge to reopen", "title")]
