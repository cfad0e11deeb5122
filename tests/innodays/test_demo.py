"""The demo InnoDays of `make run`: each has its own agenda, and presents solutions of its theme."""

from django.utils import timezone

from innodays.models import InnoDayPage
from tests.html import soup, text

UPCOMING = ["innoday-smart-buildings", "innoday-robotics"]


def agenda_text(client, lang, slug):
    return text(soup(client.get(f"/{lang}/innodays/{slug}/")).select_one(".agenda"))


def presented(slug, lang):
    page = InnoDayPage.objects.get(slug=slug, locale__language_code=lang)
    return [s.value["solutions"] for s in page.agenda]


def test_each_innoday_has_its_own_agenda(demo, client):
    slugs = InnoDayPage.objects.filter(locale__language_code="en").values_list("slug", flat=True)
    for lang in ("en", "zh-hant"):
        agendas = [agenda_text(client, lang, slug) for slug in slugs]
        assert len(agendas) == 4 and len(set(agendas)) == 4, lang
    upcoming = InnoDayPage.objects.filter(slug__in=UPCOMING, starts__gt=timezone.now(), locale__language_code="en")
    assert upcoming.count() == 2
    titles = [[s.value["title"] for s in page.agenda] for page in upcoming]
    assert titles[0] != titles[1]
    solutions = [{p.pk for session in presented(slug, "en") for p in session} for slug in UPCOMING]
    assert solutions[0] and solutions[1] and not solutions[0] & solutions[1]


def test_the_robotics_innoday_presents_robots_not_solar_panels_or_fever_screening(demo, client):
    english = agenda_text(client, "en", "innoday-robotics").lower()
    assert "robot" in english and "inspection" in english and "clean" in english
    for unrelated in ("solar", "fever", "thermal screening", "chiller"):
        assert unrelated not in english, unrelated
    chinese = agenda_text(client, "zh-hant", "innoday-robotics")
    assert "機械人" in chinese and "太陽能" not in chinese and "發燒" not in chinese
    for lang in ("en", "zh-hant"):
        solutions = [p for session in presented("innoday-robotics", lang) for p in session]
        assert len(solutions) >= 2
        for solution in solutions:
            assert solution.locale.language_code == lang
            assert "robotics" in set(solution.item.categories.values_list("key", flat=True)), solution.title


def test_the_smart_buildings_innoday_presents_energy_and_building_solutions(demo, client):
    english = agenda_text(client, "en", "innoday-smart-buildings").lower()
    assert "chiller" in english and "solar" in english
    assert "fever" not in english and "robot" not in english
    themes = {"energy-efficiency", "energy-storage", "bim-asset-management", "iot-smart-sensors"}
    for session in presented("innoday-smart-buildings", "en"):
        for solution in session:
            assert themes & set(solution.item.categories.values_list("key", flat=True)), solution.title
