import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Revision

from catalogue.models import Organisation, SolutionPage, TechnologyCategory, TrialPage, WishPage
from tests.content import catalogue_records, jsonl, record, wish


def counts():
    return (
        TechnologyCategory.objects.count(),
        Organisation.objects.count(),
        WishPage.objects.count(),
        SolutionPage.objects.count(),
        TrialPage.objects.count(),
    )


def test_valid_file_imports_every_item_in_both_languages(site_tree, import_file):
    output = import_file(catalogue_records())
    assert counts() == (4, 6, 4, 4, 2)
    assert "created 4 category, 6 organisation, 4 wish, 4 solution, 2 trial" in output
    en = WishPage.objects.get(item__key="W-0001", locale__language_code="en")
    zh = WishPage.objects.get(item__key="W-0001", locale__language_code="zh-hant")
    assert en.live and zh.live
    assert en.translation_key == zh.translation_key
    assert zh.get_parent().specific.locale.language_code == "zh-hant"
    assert en.url == "/en/wishes/cut-chiller-energy-use/"
    assert zh.url == "/zh-hant/wishes/cut-chiller-energy-use/"
    # References resolve to the item in the record's own language.
    assert zh.organisation.name == "機電工程署"
    assert [c.name for c in zh.category_list()] == ["能源效益"]
    assert en.item == zh.item and [c.name for c in en.category_list()] == ["Energy efficiency"]
    assert en.body == "<p>Chillers use much power.</p><p>We want less.</p>"
    trial = TrialPage.objects.get(item__key="T-0001", locale__language_code="zh-hant")
    assert trial.wish.pk == zh.pk
    assert [(m.name, m.value, m.unit) for m in trial.metrics.all()] == [("節省能源", "21.5", "%")]
    assert trial.value_hkd == 1200000
    assert SolutionPage.objects.get(item__key="S-0001", locale=en.locale).live_wishes().get().pk == en.pk


def test_reimporting_the_same_file_changes_nothing(site_tree, import_file):
    import_file(catalogue_records())
    revisions = Revision.objects.count()
    output = import_file(catalogue_records())
    assert "20 unchanged" in output
    assert Revision.objects.count() == revisions
    assert counts() == (4, 6, 4, 4, 2)


def test_reimporting_a_changed_record_updates_only_that_item(site_tree, import_file):
    import_file(catalogue_records())
    records = catalogue_records()
    changed = next(r for r in records if r["key"] == "W-0002" and r["locale"] == "en")
    changed["title"] = "Robots that inspect and clean drains"
    revisions = Revision.objects.count()

    output = import_file(records)

    assert "updated 1 wish" in output and "19 unchanged" in output
    page = WishPage.objects.get(item__key="W-0002", locale__language_code="en")
    assert page.title == "Robots that inspect and clean drains"
    assert page.live and not page.has_unpublished_changes
    assert Revision.objects.count() == revisions + 1

    # A fact changes in every language at once.
    for item in records:
        if item["key"] == "W-0002":
            item["status"] = "matched"
    assert "updated 2 wish" in import_file(records)
    assert {p.status for p in WishPage.objects.filter(item__key="W-0002")} == {"matched"}
    assert page.url == "/en/wishes/robots-to-clean-drains/"  # the address does not move


def test_one_bad_line_imports_nothing_and_names_the_line(site_tree, tmp_path):
    records = catalogue_records()
    records[12]["status"] = "pending"  # a wish with a status that does not exist
    path = tmp_path / "bad.jsonl"
    path.write_text(jsonl(records), encoding="utf-8")
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError, match="1 error"):
        call_command("import_catalogue", str(path), stderr=err)
    assert err.getvalue().strip() == "line 13: status: 'pending' is not one of open, matched, in-trial, closed"
    assert counts() == (0, 0, 0, 0, 0)


def test_every_error_of_a_file_is_reported_with_its_line(site_tree, tmp_path):
    lines = [
        "# a comment, then a blank line",
        "",
        json.dumps(record("category", "ai", "en", name="AI")),
        "{not json",
        json.dumps(record("category", "ai", "en", name="AI again")),
        json.dumps(record("organisation", "x", "fr", name="X", type="lab")),
        json.dumps(wish("W-9", categories=[])[0] | {"organisation": "nobody"}),
        json.dumps(
            record(
                "solution",
                "S-9",
                "en",
                title="S",
                summary="S",
                organisation="x",
                categories=["ai"],
                published="2019-13-01",
                trl=12,
            )
        ),
        json.dumps(
            record(
                "trial",
                "T-9",
                "en",
                title="T",
                summary="T",
                wish="W-404",
                solution="S-9",
                trial_type="pilot-project",
                venue="HQ",
                status="planned",
                start="2019-05-01",
                end="2019-04-01",
            )
        ),
        json.dumps(
            record(
                "wish",
                "W-8",
                "en",
                title="",
                summary="x",
                organisation="x",
                categories=["ai"],
                status="open",
                published="2019-01-01",
                colour="red",
            )
        ),
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_catalogue", str(path), stderr=err)
    reported = err.getvalue().splitlines()
    assert reported == [
        "line 4: json: Expecting property name enclosed in double quotes (column 2)",
        "line 5: key: category 'ai' in en is already on line 3",
        "line 6: locale: 'fr' is not one of en, zh-hant",
        "line 6: type: 'lab' is not one of department, public-body, university, research-institute, start-up, "
        "sme, company, gba-partner",
        "line 7: categories: must list at least 1 key",
        "line 7: organisation: no organisation with key 'nobody' in the file or the database",
        "line 8: trl: must be a whole number from 1 to 9",
        "line 8: published: '2019-13-01' is not an ISO 8601 date such as 2019-08-06",
        "line 8: organisation: no organisation with key 'x' in the file or the database",
        "line 9: end: is before start",
        "line 9: wish: no wish with key 'W-404' in the file or the database",
        "line 9: solution: no solution with key 'S-9' in the file or the database",  # line 8 is invalid
        "line 10: title: must be non-empty text",
        "line 10: colour: is not a field of a wish",
        "line 10: organisation: no organisation with key 'x' in the file or the database",
    ]
    assert counts() == (0, 0, 0, 0, 0)


def test_unknown_references_are_errors_but_references_to_the_database_are_fine(site_tree, import_file, tmp_path):
    import_file(catalogue_records())
    # W-0100 refers to emsd and energy-efficiency, both already in the database.
    import_file(wish("W-0100"))
    assert WishPage.objects.filter(item__key="W-0100").count() == 2

    path = tmp_path / "dangling.jsonl"
    path.write_text(jsonl(wish("W-0101", organisation="nobody")), encoding="utf-8")
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_catalogue", str(path), stderr=err)
    assert "line 1: organisation: no organisation with key 'nobody' in the file or the database" in err.getvalue()
    assert not WishPage.objects.filter(item__key="W-0101").exists()


def test_records_may_come_in_any_order(site_tree, import_file):
    import_file(list(reversed(catalogue_records())))
    assert counts() == (4, 6, 4, 4, 2)
    assert TrialPage.objects.get(item__key="T-0001", locale__language_code="en").solution.key == "S-0001"


def test_a_translation_imported_later_joins_its_item(site_tree, import_file):
    records = catalogue_records()
    english = [r for r in records if r["locale"] == "en"]
    chinese = [r for r in records if r["locale"] == "zh-hant"]
    import_file(chinese)
    import_file(english)
    en = WishPage.objects.get(item__key="W-0002", locale__language_code="en")
    zh = WishPage.objects.get(item__key="W-0002", locale__language_code="zh-hant")
    assert en.translation_key == zh.translation_key
    assert en.get_translation(zh.locale).pk == zh.pk


def test_a_future_publication_date_schedules_the_page(site_tree, import_file):
    import_file(catalogue_records() + wish("W-0200", published="2099-01-01"))
    page = WishPage.objects.get(item__key="W-0200", locale__language_code="en")
    assert not page.live
    assert timezone.localtime(page.go_live_at).date() == datetime.date(2099, 1, 1)
    assert page.get_latest_revision().approved_go_live_at is not None


def test_a_failure_while_writing_rolls_everything_back(db, tmp_path):
    # No page tree yet: the wishes have nowhere to go, so the categories written before them are undone.
    path = tmp_path / "catalogue.jsonl"
    path.write_text(jsonl(catalogue_records()), encoding="utf-8")
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_catalogue", str(path), stderr=err)
    assert "no wish index in en: create the site structure first" in err.getvalue()
    assert counts() == (0, 0, 0, 0, 0)


def test_many_items_with_the_same_title_get_unique_slugs_in_both_languages(site_tree, import_file):
    # The last two keys slugify alike: the second one's key suffix is taken already, so it is numbered.
    keys = ["W-0301", "W-0302", "W-0303", "X-1", "x-1"]
    same = [dict(r, title="Same title") if r["locale"] == "en" else r for key in keys for r in wish(key)]
    import_file(catalogue_records() + same)
    for code in ("en", "zh-hant"):
        pages = WishPage.objects.filter(item__key__in=keys, locale__language_code=code)
        assert sorted(pages.values_list("slug", flat=True)) == [
            "same-title",
            "same-title-w-0302",
            "same-title-w-0303",
            "same-title-x-1",
            "same-title-x-1-2",
        ]


def test_a_long_title_gives_a_slug_cut_after_a_whole_word(site_tree, import_file):
    title = "Automated testing of runway lighting constant-current regulators at the airport"
    records = [dict(r, title=title) if r["locale"] == "en" else r for r in wish("W-0310")]
    import_file(catalogue_records() + records)
    page = WishPage.objects.get(item__key="W-0310", locale__language_code="en")
    assert page.slug == "automated-testing-of-runway-lighting-constant-current"  # not "...-current-regula"


def test_reimporting_an_unchanged_file_costs_no_query_per_record(site_tree, import_file, django_assert_max_num_queries):
    from tests.content import load

    records = catalogue_records() + [r for n in range(20) for r in wish(f"W-{n + 500:04d}")]
    import_file(records)
    # Locales, then one read per kind: the keys for validation and the catalogue for the import.
    with django_assert_max_num_queries(15):
        result = load(records)
    assert result.unchanged == len(records)


def import_errors(tmp_path, records):
    from io import StringIO

    path = tmp_path / "disagree.jsonl"
    path.write_text(jsonl(records), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_catalogue", str(path), stderr=err)
    return err.getvalue().strip().splitlines()


def test_languages_of_one_item_that_disagree_on_a_fact_are_refused(site_tree, tmp_path):
    records = catalogue_records()
    lines = {(r["kind"], r["key"], r["locale"]): n for n, r in enumerate(records, 1)}
    zh_wish = records[lines["wish", "W-0001", "zh-hant"] - 1]
    zh_wish["status"], zh_wish["categories"] = "closed", ["robotics"]
    records[lines["organisation", "polyu", "zh-hant"] - 1]["type"] = "company"
    errors = import_errors(tmp_path, records)
    wish_line, wish_en = lines["wish", "W-0001", "zh-hant"], lines["wish", "W-0001", "en"]
    org_line, org_en = lines["organisation", "polyu", "zh-hant"], lines["organisation", "polyu", "en"]
    assert errors == sorted(
        [
            f"line {org_line}: type: 'company' here but 'university' on line {org_en} (en):"
            " the languages of one item share its facts",
            f"line {wish_line}: categories: ['robotics'] here but ['energy-efficiency'] on line {wish_en} (en):"
            " the languages of one item share its facts",
            f"line {wish_line}: status: 'closed' here but 'in-trial' on line {wish_en} (en):"
            " the languages of one item share its facts",
        ],
        key=lambda e: int(e.split(":")[0].split()[1]),
    )
    assert counts() == (0, 0, 0, 0, 0)


def test_an_import_never_publishes_over_an_editors_draft_or_cancels_a_workflow(site_tree, import_file):
    from django.contrib.auth import get_user_model
    from wagtail.models import Workflow

    import_file(catalogue_records())
    editor = get_user_model().objects.create_superuser("editor", "editor@example.gov.hk", "pw")
    drafted = WishPage.objects.get(item__key="W-0001", locale__language_code="en")
    drafted.title = "An editor's better title"
    drafted.save_revision(user=editor)
    reviewed = WishPage.objects.get(item__key="W-0002", locale__language_code="zh-hant")
    workflow = Workflow.objects.get(name="Moderators approval")  # Wagtail's own, made by its migrations
    reviewed.title = "等待審批的標題"
    workflow.start(reviewed, editor)
    records = catalogue_records()
    for r in records:
        if r["key"] in ("W-0001", "W-0002"):
            r["summary"] = r["summary"] + " (revised)"

    output = import_file(records)

    assert "held back" in output
    assert "wish W-0001 (en): has a draft by editor that is not published; left alone" in output
    assert "wish W-0002 (zh-hant): in a moderation workflow; left alone" in output
    drafted = WishPage.objects.get(pk=drafted.pk)
    assert (
        drafted.has_unpublished_changes and drafted.get_latest_revision_as_object().title == "An editor's better title"
    )
    assert not drafted.summary.endswith("(revised)")
    reviewed = WishPage.objects.get(pk=reviewed.pk)
    assert reviewed.workflow_in_progress and not reviewed.summary.endswith("(revised)")
    # The other language of each, with nothing pending, took the change.
    assert WishPage.objects.get(item__key="W-0001", locale__language_code="zh-hant").summary.endswith("(revised)")
