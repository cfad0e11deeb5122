"""The search service as people meet it: Chinese and English matching, languages, ranking, facets."""

import pytest
from django.test import TestCase

from catalogue.models import SolutionPage, WishPage
from search.service import SearchRequest, search, suggest
from tests.content import load, record


def find(text, lang="en", **options):
    return search(SearchRequest(text=text, lang=lang, **options))


def keys(text, lang="en", **options):
    return [hit.key for hit in find(text, lang, **options).hits]


@pytest.fixture
def untranslated(catalogue):
    """A solution that exists only in Chinese, with Latin letters in its title."""
    load(
        [
            record(
                "solution",
                "S-0003",
                "zh-hant",
                title="AI製冷機節能優化平台",
                summary="以人工智能調節製冷機組，推動節能。",
                organisation="polyu",
                categories=["energy-efficiency"],
                published="2020-01-15",
            )
        ]
    )


def test_a_chinese_word_is_found_inside_a_longer_run_of_characters(catalogue):
    # W-0001's summary says 機電工程署推動節能: the database alone would see one long word.
    assert "W-0001" in keys("節能", "zh-hant")
    assert set(keys("節能", "zh-hant")) == {"W-0001", "S-0001", "T-0001"}
    assert keys("工程署推動", "zh-hant") == ["W-0001"]


def test_simplified_queries_find_traditional_text(catalogue):
    assert set(keys("节能", "zh-hant")) == set(keys("節能", "zh-hant"))
    assert set(keys("无油磁浮轴承", "zh-hant")) == {"S-0001"}


def test_reordered_characters_do_not_match(catalogue):
    assert keys("能節", "zh-hant") == []
    assert keys("署工程", "zh-hant") == []


def test_chinese_typed_without_spaces_is_cut_into_words(catalogue):
    # S-0001 無油磁浮軸承製冷機 and 無需潤滑油的節能製冷機: "節能製冷機" holds both words, and so does
    # "製冷機節能" in the other order; the bigram straddling them (機節) is in no text.
    assert "S-0001" in keys("製冷機節能", "zh-hant")
    assert set(keys("製冷機節能", "zh-hant")) == set(keys("製冷機 節能", "zh-hant"))
    # Characters the dictionary leaves alone keep their exact bigrams: still nothing for reordered ones.
    assert keys("能節製冷機", "zh-hant") == []


def test_organisations_are_found_by_their_names_and_abbreviations_in_every_language(catalogue):
    # W-0001 and W-0002 are the EMSD's wishes, S-0001 PolyU's solution: their texts name neither.
    for query, lang in [("EMSD", "en"), ("機電署", "zh-hant"), ("Electrical and Mechanical Services", "zh-hant")]:
        assert {"W-0001", "W-0002"} <= set(keys(query, lang)), query
        assert "S-0001" not in keys(query, lang), query
    assert "S-0001" in keys("PolyU", "en") and "S-0001" in keys("理大", "zh-hant")


def test_renaming_an_organisation_updates_the_search_of_its_items(catalogue, django_capture_on_commit_callbacks):
    from catalogue.models import Organisation

    with django_capture_on_commit_callbacks(execute=True):
        for organisation in Organisation.objects.filter(key="polyu"):
            organisation.abbreviation = "HKPolyU"
            organisation.save()
    assert "S-0001" in keys("HKPolyU", "en")
    assert "S-0001" not in keys("理大", "zh-hant")


def test_mixed_latin_and_chinese_query(untranslated):
    assert keys("AI 節能", "zh-hant") == ["S-0003"]
    assert keys("AI 渠道", "zh-hant") == []


def test_english_stems_prefixes_and_phrases(catalogue):
    assert set(keys("chillers")) == {"W-0001", "S-0001", "T-0001"}
    assert "W-0002" in keys("cleaning")  # "clean" in the title
    assert set(keys("magn")) == {"S-0001"}  # the last word typed so far is a prefix
    assert keys("magn ") == []  # ... until a space ends it
    assert keys('"magnetic bearing"') == ["S-0001"]
    assert keys('"bearing magnetic"') == []


def test_results_follow_the_language_and_fall_back_to_an_untranslated_item(untranslated):
    english = find("AI")
    assert [(h.key, h.locale, h.translated) for h in english.hits] == [("S-0003", "zh-hant", False)]
    assert english.hits[0].url.startswith("/zh-hant/")
    chinese = find("製冷機", "zh-hant")
    assert {h.locale for h in chinese.hits} == {"zh-hant"} and all(h.translated for h in chinese.hits)
    assert all(h.url.startswith("/zh-hant/") for h in chinese.hits)
    assert "S-0003" not in keys("chiller")  # English text never matches the Chinese-only item


def test_title_and_summary_weigh_more_than_body(catalogue):
    # "energy": W-0001's title, S-0001's summary, T-0001's report only.
    assert keys("energy") == ["W-0001", "S-0001", "T-0001"]


def test_order_by_date_puts_the_newest_first(catalogue):
    # W-0001 published 2019-05-02, S-0001 2019-03-01, T-0001 ended 2019-06-30.
    assert keys("energy", order="date") == ["T-0001", "W-0001", "S-0001"]


def test_facets_count_each_value_and_filters_combine(untranslated):
    everything = find("chiller")
    assert everything.total == 3
    assert everything.facets["kind"] == {"wish": 1, "solution": 1, "trial": 1}
    assert everything.facets["category"] == {"energy-efficiency": 3}
    assert everything.facets["organisation_type"] == {"department": 1, "university": 2}

    wishes = find("chiller", filters={"kind": ("wish",)})
    assert [h.key for h in wishes.hits] == ["W-0001"]
    # A facet's counts ignore its own filter, so the other kinds stay on offer.
    assert wishes.facets["kind"] == {"wish": 1, "solution": 1, "trial": 1}
    assert wishes.facets["status"] == {"in-trial": 1}

    either = find("chiller", filters={"kind": ("wish", "solution")})
    assert sorted(h.key for h in either.hits) == ["S-0001", "W-0001"]
    narrowed = find("chiller", filters={"kind": ("wish", "solution"), "organisation_type": ("university",)})
    assert [h.key for h in narrowed.hits] == ["S-0001"]
    assert find("chiller", filters={"category": ("robotics",)}).total == 0


def test_snippets_mark_the_matches_and_escape_the_text(catalogue):
    hit = find("節能", "zh-hant").hits[0]
    assert "<mark>節能</mark>" in hit.snippet
    wish = WishPage.objects.get(item__key="W-0002", locale__language_code="en")
    wish.summary = "Robots <script>alert(1)</script> that clean drains safely."
    with TestCase.captureOnCommitCallbacks(execute=True):
        wish.save_revision().publish()
    snippet = find("safely").hits[0].snippet
    assert "&lt;script&gt;" in snippet and "<script>" not in snippet
    assert "<mark>safely</mark>" in snippet


def test_snippets_keep_the_paragraphs_of_the_text_apart(catalogue):
    wish = WishPage.objects.get(item__key="W-0002", locale__language_code="en")
    wish.body = "<p>Reports reach us by a secure link.</p><p>Combined sensors watch the drains.</p>"
    with TestCase.captureOnCommitCallbacks(execute=True):
        wish.save_revision().publish()
    [hit] = find("combined sensors").hits
    assert "secure link. <mark>Combined</mark>" in hit.snippet


def test_publishing_and_unpublishing_keep_search_in_step(catalogue):
    english = SolutionPage.objects.get(item__key="S-0002", locale__language_code="en")
    with TestCase.captureOnCommitCallbacks(execute=True):
        english.unpublish()
    assert keys("crawler") == []
    # Without its English version the item now appears in English search in Chinese.
    fallback = find("爬行機械人")
    assert [(h.key, h.translated) for h in fallback.hits] == [("S-0002", False)]
    with TestCase.captureOnCommitCallbacks(execute=True):
        english.title = "Drain crawler robot"
        english.save_revision().publish()
    assert keys("crawler") == ["S-0002"]
    assert keys("爬行機械人") == []


def test_autocomplete_offers_titles_for_a_prefix(catalogue):
    titles = [hit.title for hit in suggest("chil", "en")]
    assert titles[0] in {"Cut chiller energy use", "Oil-free magnetic bearing chiller", "Oil-free chiller at EMSD HQ"}
    assert set(titles) == {"Cut chiller energy use", "Oil-free magnetic bearing chiller", "Oil-free chiller at EMSD HQ"}
    assert [hit.title for hit in suggest("製冷", "zh-hant")][0].find("製冷") >= 0


def test_innodays_and_exhibits_are_found_too(catalogue, django_capture_on_commit_callbacks):
    from tests.events.builders import build_innoday
    from tests.innozone.builders import build_zone

    with django_capture_on_commit_callbacks(execute=True):
        innoday = build_innoday()
        zone = build_zone()
    title = innoday["en"].title.split()[0]
    assert "innoday" in {hit.kind for hit in find(title).hits}
    exhibit = zone["en"].get_children().live().first()
    assert any(h.kind == "exhibit" for h in find(exhibit.title).hits)


def test_update_index_rebuilds_search_from_scratch(catalogue):
    from django.core.management import call_command

    from search.models import SearchDocument

    SearchDocument.objects.all().delete()
    assert keys("chiller") == []
    call_command("update_index", verbosity=0)
    assert set(keys("chiller")) == {"W-0001", "S-0001", "T-0001"}
    assert SearchDocument.objects.filter(shown_in="zh-hant").count() == 5
