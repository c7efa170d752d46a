"""The job-title normaliser: free text to ranked O*NET-SOC occupations."""

from __future__ import annotations

import pytest

from ownpath.analytics.title_normaliser import TitleIndex, title_tokens

TITLES = [
    ("11-2022.00", "Sales Managers"), ("11-2022.00", "Regional Sales Director"),
    ("11-2022.00", "Vice President of Sales"), ("11-2022.00", "District Sales Manager"),
    ("11-2021.00", "Marketing Managers"), ("11-2021.00", "Marketing Director"),
    ("13-1161.00", "Market Research Analyst"), ("13-1161.00", "Marketing Specialist"),
    ("15-1252.00", "Software Developers"), ("15-1252.00", "Software Engineer"),
    ("15-1252.00", "Application Developer"), ("41-2031.00", "Retail Salespersons"),
    ("41-2031.00", "Sales Associate"), ("13-2011.00", "Accountants and Auditors"),
    ("13-2011.00", "Staff Accountant"), ("11-1011.00", "Chief Executives"),
    ("11-1011.00", "Chief Executive Officer"),
]


@pytest.fixture(scope="module")
def index():
    return TitleIndex(TITLES)


def top(index, query):
    return index.search(query, limit=3)[0].code


@pytest.mark.parametrize("query, code", [
    ("mgr, sales", "11-2022.00"),
    ("sr software eng", "15-1252.00"),
    ("vp sales", "11-2022.00"),
    ("ceo", "11-1011.00"),
    ("dir of marketing", "11-2021.00"),
])
def test_expands_abbreviations(index, query, code):
    assert top(index, query) == code


def test_ignores_word_order(index):
    assert top(index, "director regional sales") == "11-2022.00"
    assert index.search("manager sales")[0].score == index.search("sales manager")[0].score


@pytest.mark.parametrize("query", ["senior software engineer", "junior software engineer",
                                   "lead software engineer", "software engineer II"])
def test_ignores_seniority_words(index, query):
    match = index.search(query)[0]
    assert match.code == "15-1252.00" and match.similarity == pytest.approx(1.0)


def test_reads_head_of_as_director(index):
    assert top(index, "head of marketing") == "11-2021.00"


@pytest.mark.parametrize("query, code", [("softwre enginer", "15-1252.00"),
                                         ("acountant", "13-2011.00"),
                                         ("markting specalist", "13-1161.00")])
def test_tolerates_typos(index, query, code):
    assert top(index, query) == code


def test_results_are_ranked_with_scores_and_the_matching_title(index):
    matches = index.search("regional sales director", limit=5)
    assert matches[0].matched_title == "Regional Sales Director"
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert len({m.code for m in matches}) == len(matches)


def test_gibberish_and_empty_queries_return_no_match(index):
    assert index.search("") == []
    assert index.search("zzqx") == []


def test_title_tokens_fold_plurals_and_drop_filler_words():
    assert title_tokens("Head of Sales & Marketing") == ["sale", "marketing", "director"]
    assert title_tokens("Team Lead") == ["team", "leader"]
    assert title_tokens("Senior") == ["senior"]


def test_title_tokens_fold_accents():
    assert title_tokens("Café Gérant") == ["cafe", "gerant"]


def test_index_refuses_to_build_from_no_titles():
    with pytest.raises(ValueError):
        TitleIndex([])


def test_a_saved_index_answers_like_the_original(index):
    restored = TitleIndex.from_bytes(index.to_bytes())
    for query in ("vp sales", "softwre enginer", "head of marketing"):
        assert restored.search(query) == index.search(query)


def test_loading_something_that_is_not_a_saved_index_is_refused():
    with pytest.raises(ValueError):
        TitleIndex.from_bytes(b"not an index")
