from catalogue.models import WishPage


def test_pages_api_lists_wishes_with_their_fields(client, catalogue):
    response = client.get("/api/v2/pages/", {"type": "catalogue.WishPage", "fields": "key", "locale": "zh-hant"})
    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["total_count"] == 2
    assert {item["title"] for item in body["items"]} == {"減少製冷機能源消耗", "清理渠道的機械人"}
    assert {item["key"] for item in body["items"]} == {"W-0001", "W-0002"}


def test_pages_api_shows_only_live_pages(client, catalogue):
    WishPage.objects.get(item__key="W-0002", locale__language_code="en").unpublish()
    body = client.get("/api/v2/pages/", {"type": "catalogue.WishPage", "locale": "en"}).json()
    assert [item["title"] for item in body["items"]] == ["Cut chiller energy use"]


def test_page_detail_and_unknown_page(client, catalogue):
    wish = WishPage.objects.get(item__key="W-0001", locale__language_code="en")
    detail = client.get(f"/api/v2/pages/{wish.pk}/").json()
    assert detail["title"] == "Cut chiller energy use"
    assert detail["meta"]["html_url"].endswith("/en/wishes/cut-chiller-energy-use/")
    assert client.get("/api/v2/pages/999999/").status_code == 404


def test_images_and_documents_endpoints_answer(client, db):
    assert client.get("/api/v2/images/").json()["meta"]["total_count"] == 0
    assert client.get("/api/v2/documents/").json()["meta"]["total_count"] == 0


def test_api_is_read_only(client, catalogue):
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405
    wish = WishPage.objects.get(item__key="W-0001", locale__language_code="en")
    assert client.delete(f"/api/v2/pages/{wish.pk}/").status_code == 405


def test_trial_detail_carries_its_report(client, catalogue):
    from catalogue.models import TrialPage

    trial = TrialPage.objects.get(item__key="T-0001", locale__language_code="zh-hant")
    body = client.get(f"/api/v2/pages/{trial.pk}/").json()
    assert (body["wish"], body["solution"], body["status"]) == ("W-0001", "S-0001", "completed")
    assert [(m["name"], m["value"], m["unit"]) for m in body["metrics"]] == [("節省能源", "21.5", "%")]


def test_the_facts_filter_listings_in_every_language(client, catalogue):
    for locale in ("en", "zh-hant"):
        query = {"type": "catalogue.WishPage", "locale": locale, "fields": "key,status,categories"}
        body = client.get("/api/v2/pages/", {**query, "status": "open"}).json()
        assert [(i["key"], i["status"], i["categories"]) for i in body["items"]] == [("W-0002", "open", ["robotics"])]
        assert client.get("/api/v2/pages/", {**query, "key": "W-0001"}).json()["meta"]["total_count"] == 1
    trials = client.get("/api/v2/pages/", {"type": "catalogue.TrialPage", "value_hkd": "1200000"}).json()
    assert trials["meta"]["total_count"] == 2
    refused = client.get("/api/v2/pages/", {"type": "catalogue.SolutionPage", "trl": "nine"})
    assert refused.status_code == 400 and "trl" in refused.json()["message"]
