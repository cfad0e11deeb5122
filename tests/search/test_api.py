"""/api/search/ as docs/search-api.md describes it, and the autocomplete endpoint."""


def test_answers_in_the_documented_shape(client, catalogue):
    answer = client.get("/api/search/", {"q": "節能", "lang": "zh-hant"})
    assert answer.status_code == 200
    data = answer.json()
    assert set(data) == {"query", "lang", "total", "page", "pages", "results", "facets"}
    assert (data["query"], data["lang"], data["total"], data["page"], data["pages"]) == ("節能", "zh-hant", 3, 1, 1)
    wish = next(r for r in data["results"] if r["key"] == "W-0001")
    assert wish == {
        "key": "W-0001",
        "kind": "wish",
        "title": "減少製冷機能源消耗",
        "url": wish["url"],
        "locale": "zh-hant",
        "translated": True,
        "snippet": "機電工程署推動<mark>節能</mark>，減少製冷機用電。",
        "published": "2019-05-02",
    }
    assert client.get(wish["url"]).status_code == 200
    assert data["facets"]["kind"] == {"wish": 1, "solution": 1, "trial": 1}
    assert data["facets"]["category"] == {"energy-efficiency": 3}


def test_filters_repeat_and_combine(client, catalogue):
    data = client.get("/api/search/?q=chiller&lang=en&type=wish&type=trial").json()
    assert sorted(r["key"] for r in data["results"]) == ["T-0001", "W-0001"]
    data = client.get("/api/search/?q=chiller&lang=en&type=wish&type=trial&status=completed").json()
    assert [r["key"] for r in data["results"]] == ["T-0001"]
    data = client.get("/api/search/?q=chiller&lang=en&organisation_type=university&category=energy-efficiency").json()
    assert sorted(r["key"] for r in data["results"]) == ["S-0001", "T-0001"]


def test_language_defaults_to_the_negotiated_one(client, catalogue):
    data = client.get("/api/search/?q=節能", HTTP_ACCEPT_LANGUAGE="zh-HK").json()
    assert data["lang"] == "zh-hant" and data["total"] == 3


def test_pages_of_ten(client, catalogue):
    data = client.get("/api/search/?q=chiller&lang=en&page=2").json()
    assert (data["total"], data["page"], data["pages"], data["results"]) == (3, 2, 1, [])


def test_an_empty_query_finds_nothing(client, catalogue):
    data = client.get("/api/search/?q=&lang=en").json()
    assert (data["total"], data["results"]) == (0, [])


def test_bad_parameters_answer_400_with_the_field_in_the_requested_language(client, catalogue):
    answer = client.get("/api/search/?q=chiller&lang=en&type=spaceship")
    assert answer.status_code == 400
    assert answer.json()["field"] == "type"
    assert "spaceship" in answer.json()["error"]
    assert client.get("/api/search/?q=x&lang=fr").json()["field"] == "lang"
    assert client.get("/api/search/?q=x&page=0").json()["field"] == "page"
    assert client.get("/api/search/?q=x&category=no%20spaces").json()["field"] == "category"
    chinese = client.get("/api/search/?q=x&lang=zh-hant&page=abc").json()
    assert chinese["field"] == "page" and "整數" in chinese["error"]


def test_autocomplete_suggests_items_with_their_kind_in_the_language(client, catalogue):
    answer = client.get("/api/search/suggest/?q=magn&lang=en")
    assert answer.status_code == 200
    suggestions = answer.json()["suggestions"]
    assert [(s["title"], s["kind_label"]) for s in suggestions] == [("Oil-free magnetic bearing chiller", "Solution")]
    assert suggestions[0]["url"].startswith("/en/solutions/")
    chinese = client.get("/api/search/suggest/", {"q": "渠道", "lang": "zh-hant"}).json()
    found = {(s["title"], s["kind_label"]) for s in chinese["suggestions"]}
    assert found == {("清理渠道的機械人", "創科願望"), ("渠道檢查機械人", "創科方案")}
