"""Search that understands how people write: synonyms, results for some of the words, corrections."""

from django.contrib.auth import get_user_model
from django.test import TestCase
from wagtail.users.models import UserProfile

from catalogue.models import SolutionPage
from search.models import SearchWord, SynonymSet
from search.service import SearchRequest, search
from search.synonyms import shipped_sets
from tests.content import bilingual, load


def find(text, lang="en", **options):
    return search(SearchRequest(text=text, lang=lang, **options))


def keys(text, lang="en", **options):
    return [hit.key for hit in find(text, lang, **options).hits]


def partial_keys(results):
    return [hit.key for hit in results.partial.hits] if results.partial else []


def test_the_shipped_dictionary_is_in_the_database_from_the_start(db):
    shipped = shipped_sets()
    assert len(shipped) >= 300
    assert SynonymSet.objects.count() == len(shipped)


def test_a_mainland_or_taiwan_word_finds_the_hong_kong_word(catalogue):
    # The catalogue writes 機械人 (Hong Kong); 機器人 is the Mainland's and Taiwan's word for a robot.
    assert "機器人" not in str([h.title for h in find("機械人", "zh-hant").hits])
    assert set(keys("機器人", "zh-hant")) == {"W-0002", "S-0002"}
    assert set(keys("机器人", "zh-hant")) == {"W-0002", "S-0002"}  # in Simplified characters too
    assert set(keys("渠道機器人", "zh-hant")) == {"W-0002", "S-0002"}  # typed without a space


def test_an_editors_synonym_counts_at_the_next_search_and_stops_when_removed(catalogue):
    assert keys("maglev bearing") == []
    synonyms = SynonymSet.objects.create(
        kind="equivalent", terms="magnetic bearing\nmaglev bearing\n磁浮軸承\n磁懸浮軸承"
    )
    assert keys("maglev bearing") == ["S-0001"]
    assert keys("磁悬浮轴承", "zh-hant") == ["S-0001"]  # 無油磁浮軸承製冷機
    synonyms.delete()
    assert keys("maglev bearing") == []


def test_a_synonym_marks_what_it_matched(catalogue):
    results = find("CCTV")  # shipped: CCTV, closed-circuit television, surveillance camera, camera…
    assert [hit.key for hit in results.hits] == ["S-0002"]
    assert "<mark>camera</mark>" in results.hits[0].snippet


def test_a_synonyms_words_may_have_one_other_word_among_them_but_no_more(catalogue):
    SynonymSet.objects.create(kind="equivalent", terms="sewer bot\ndrain robot")
    assert keys("sewer bot") == ["S-0002"]  # "Drain inspection robot"
    SynonymSet.objects.create(kind="equivalent", terms="frugal chiller\nchiller energy")
    # W-0001: "Cut chiller energy use"; not S-0001: "A chiller without oil that saves energy", four words apart
    assert keys("frugal chiller") == ["W-0001"]


def test_synonyms_never_find_reordered_characters_or_unrelated_words(catalogue):
    assert keys("能節", "zh-hant") == []
    assert find("能節", "zh-hant").partial is None
    assert keys("機人", "zh-hant") == []


def test_when_all_the_words_find_nothing_results_for_some_of_them_follow(catalogue):
    results = find("chiller energy timetable")
    assert results.total == 0 and results.hits == []
    assert set(partial_keys(results)) >= {"W-0001", "S-0001"}
    assert results.partial.missing == ["timetable"]
    results = find("製冷機 節能 時間表", "zh-hant")
    assert results.hits == [] and "W-0001" in partial_keys(results)
    assert results.partial.missing == ["時間表"]  # as typed, in Traditional characters


def test_a_few_full_matches_come_first_and_partial_ones_after_without_repeating(catalogue):
    results = find("oil-free chiller measured")  # only the trial has all three words
    full = [hit.key for hit in results.hits]
    assert full == ["T-0001"]
    assert "S-0001" in partial_keys(results) and "T-0001" not in partial_keys(results)
    assert results.partial.missing == []


def test_exact_searches_and_autocomplete_are_never_relaxed(catalogue):
    assert find("chiller energy timetable", exact=True).partial is None


def test_a_misspelt_word_is_corrected_when_the_correction_is_clear(catalogue):
    results = find("chilelr energy")
    assert results.corrected == "chiller energy"
    assert {"W-0001", "S-0001"} <= {hit.key for hit in results.hits}
    literal = find("chilelr energy", exact=True)
    assert literal.hits == [] and literal.corrected == "" and literal.partial is None


def test_an_ambiguous_correction_is_only_offered(catalogue):
    # "robotz" is one edit from both "robot" (S-0002) and "robots" (W-0002), each in one document.
    results = find("robotz")
    assert results.hits == [] and results.corrected == ""
    assert results.suggestion in {"robot", "robots"}


def test_short_words_and_words_of_other_scripts_are_not_corrected(catalogue):
    assert find("chillr").corrected == "chiller"  # six letters: corrected
    assert find("dran").suggestion == "" and find("dran").corrected == ""  # four letters: not
    assert find("製令機", "zh-hant").corrected == ""


def test_a_word_the_index_has_is_never_corrected_into_another(catalogue):
    load(
        bilingual(
            "wish",
            "W-0101",
            {"title": "Automatic censor for public screens", "summary": "In English."},
            {"title": "公共屏幕自動審查", "summary": "中文。"},
            organisation="emsd",
            categories=["robotics"],
            status="open",
            published="2019-05-02",
        )
        + bilingual(
            "solution",
            "S-0009",
            {"title": "Cable sensor", "summary": "Senses cable faults."},
            {"title": "電纜感應器", "summary": "感應電纜故障。"},
            organisation="gdas",
            categories=["robotics"],
            trl=5,
            published="2020-04-01",
        )
    )
    results = find("censor", filters={"kind": ("solution",)})  # a wish's word; no solution has it
    assert results.hits == [] and results.corrected == "" and results.suggestion == ""
    assert keys("censr", filters={"kind": ("solution",)}) == []  # "censor" (a wish's) is nearest: no solution
    assert find("cenzor").corrected == "censor"


def test_the_vocabulary_follows_the_published_pages(catalogue):
    assert SearchWord.objects.get(word="crawler").documents == 1
    load(
        bilingual(
            "solution",
            "S-0009",
            {"title": "Crawler for sewers", "summary": "A crawler."},
            {"title": "污水渠爬行器", "summary": "爬行器。"},
            organisation="gdas",
            categories=["robotics"],
            trl=5,
            published="2020-04-01",
        )
    )
    assert SearchWord.objects.get(word="crawler").documents == 2
    assert find("crawlr").corrected == "crawler"
    with TestCase.captureOnCommitCallbacks(execute=True):
        for page in SolutionPage.objects.filter(item__key__in=["S-0002", "S-0009"]):
            page.unpublish()
    assert not SearchWord.objects.filter(word="crawler").exists()
    assert find("crawlr").corrected == "" and find("crawlr").suggestion == ""


def test_the_page_says_what_it_corrected_and_links_to_the_literal_query(client, catalogue):
    page = client.get("/en/search/", {"q": "chilelr energy"}).content.decode()
    assert "Showing results for <strong>chiller energy</strong>" in page
    assert "exact=1" in page and "Cut chiller energy use" in page
    literal = client.get("/en/search/", {"q": "chilelr energy", "exact": "1"}).content.decode()
    assert "Showing results for" not in literal


def test_the_page_labels_results_for_some_of_the_words_in_each_language(client, catalogue):
    page = client.get("/en/search/", {"q": "chiller energy timetable"}).content.decode()
    assert "Results for some of your words" in page and "<s>timetable</s>" in page
    assert "Cut chiller energy use" in page
    page = client.get("/zh-hant/search/", {"q": "製冷機 節能 時間表"}).content.decode()
    assert "部分字詞的結果" in page and "<s>時間表</s>" in page and "減少製冷機能源消耗" in page


def test_the_api_gives_the_correction_and_the_partial_results(client, catalogue):
    answer = client.get("/api/search/", {"q": "chilelr energy", "lang": "en"}).json()
    assert answer["corrected"] == "chiller energy" and answer["total"] >= 2
    answer = client.get("/api/search/", {"q": "chiller energy timetable", "lang": "en"}).json()
    assert answer["total"] == 0 and answer["results"] == []
    assert answer["partial"]["missing"] == ["timetable"]
    assert {"W-0001", "S-0001"} <= {r["key"] for r in answer["partial"]["results"]}


def test_editors_keep_synonyms_in_the_cms_with_translated_errors(client, db):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.gov.hk", "pw")
    client.force_login(editor)
    add = "/admin/snippets/search/synonymset/add/"
    answer = client.post(add, {"kind": "regional", "terms": "冷氣機\n冷氣", "note": ""})
    assert answer.status_code == 200 and "is already in the set" in answer.content.decode()
    answer = client.post(add, {"kind": "regional", "terms": "電", "note": ""})
    assert "at least two terms" in answer.content.decode()
    count = SynonymSet.objects.count()
    client.post(add, {"kind": "regional", "terms": "泵房\n水泵房\n抽水站", "note": "pump house"})
    assert SynonymSet.objects.count() == count + 1
    listing = client.get("/admin/snippets/search/synonymset/", {"q": "泵房"}).content.decode()
    assert "水泵房" in listing
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "zh-hant"
    profile.save()
    answer = client.post(add, {"kind": "regional", "terms": "電", "note": ""})
    assert "請提供最少兩個" in answer.content.decode()
