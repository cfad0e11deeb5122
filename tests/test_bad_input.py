"""Generated bad input to the public forms and endpoints, in both languages: never a 5xx, and input
that is refused (4xx) changes nothing in the database.

Bounded and repeatable: a fixed number of examples per endpoint, derandomised, plus the inputs that
once gave 500s as explicit examples."""

from urllib.parse import urlencode

import pytest
from django.core import signing
from django.test import Client
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from innodays.models import Registration
from notifications.models import Interest, Subscription
from notifications.tokens import make_token

pytestmark = pytest.mark.django_db

LANGS = ["en", "zh-hant"]
# Strings that have broken parsers, databases or full-text engines somewhere.
NASTY = [
    "\x00",
    "a\x00b",
    '"',
    '"a',
    "'",
    "*",
    "(",
    ")",
    "NEAR(",
    "a OR",
    "-",
    ":",
    "^",
    "\\",
    "%",
    "_",
    "ß" * 151,
    "ﬃ" * 120,
    "a" * 400,
    "x" * 250 + "@example.com",
    "-1",
    "99999999999999999999999",
    "1e9999",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\u202e",
    "😀" * 50,
    "",
    " ",
]
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=30), st.text(alphabet="\x00\"'*()-:^ß,%", max_size=12))
bounded = hypothesis_settings(
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def params(names):
    """A query or form: some of `names` (and an unknown one), each maybe repeated, with bad values."""
    return st.lists(st.tuples(st.sampled_from([*names, "zzz"]), values), max_size=6)


def stored():
    """What the public can add to the database."""
    return (Registration.objects.count(), Subscription.objects.count(), Interest.objects.count())


def check(response, before):
    assert response.status_code < 500, response
    if response.status_code >= 400:
        assert stored() == before, f"refused with {response.status_code}, but the database changed"


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    settings.REGISTRATION_RATE_LIMIT = settings.ALERTS_RATE_LIMIT = "off"


def get(client, path, query):
    before = stored()
    check(client.get(f"{path}?{urlencode(query)}"), before)


def post(client, path, form):
    before = stored()
    body = urlencode(form)
    check(client.post(path, body, content_type="application/x-www-form-urlencoded"), before)


LISTINGS = ["wishes/", "solutions/", "trials/", "search/", "innozone/", "innodays/", "alerts/"]


@given(
    lang=st.sampled_from(LANGS),
    section=st.sampled_from(LISTINGS),
    query=params(["category", "status", "provider", "page", "q", "type", "org_type", "order"]),
)
@example(lang="en", section="wishes/", query=[("category", "\x00")])
@example(lang="en", section="trials/", query=[("category", "a\x00b"), ("page", "99999999999999999999999")])
@bounded
def test_listings_and_search_page(zone, innoday, lang, section, query):
    get(Client(), f"/{lang}/{section}", query)


@given(
    path=st.sampled_from(
        ["/api/search/", "/api/search/suggest/", "/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"]
    ),
    query=params(
        [
            "q",
            "lang",
            "type",
            "category",
            "status",
            "page",
            "search",
            "locale",
            "html_path",
            "offset",
            "limit",
            "fields",
            "order",
            "child_of",
            "search_operator",
        ]
    ),
)
@example(path="/api/v2/pages/", query=[("search", "\x00")])
@example(path="/api/v2/pages/", query=[("locale", "\x00")])
@example(path="/api/v2/pages/", query=[("html_path", "\x00")])
@example(path="/api/v2/pages/", query=[("offset", "99999999999999999999999")])
@example(path="/api/v2/pages/", query=[("search", '"')])
@example(path="/api/v2/images/", query=[("search", '"a')])
@bounded
def test_apis(catalogue, path, query):
    get(Client(), path, query)


@given(path=st.text(max_size=20))
@example(path="\x00")
@example(path="wishes/\x00/")
@bounded
def test_any_address(catalogue, path):
    before = stored()
    check(Client().get("/en/" + path), before)


SUBSCRIBE_FIELDS = [
    "email",
    "consent",
    "all_categories",
    "categories",
    "organisation_types",
    "keywords",
    "frequency",
    "language",
    "innodays",
    "reports",
    "website",
]


@given(lang=st.sampled_from(LANGS), form=params(SUBSCRIBE_FIELDS))
@example(
    lang="en",
    form=[
        ("email", "a@example.com"),
        ("consent", "on"),
        ("categories", "robotics"),
        ("frequency", "immediate"),
        ("language", "en"),
        ("keywords", "ß" * 151),
    ],
)
@example(
    lang="en",
    form=[
        ("email", "a@example.com"),
        ("consent", "on"),
        ("categories", "robotics"),
        ("categories", "robotics"),
        ("frequency", "immediate"),
        ("language", "en"),
    ],
)
@example(
    lang="en",
    form=[
        ("email", "a@example.com"),
        ("consent", "on"),
        ("all_categories", "on"),
        ("organisation_types", "department"),
        ("organisation_types", "department"),
        ("frequency", "daily"),
        ("language", "zh-hant"),
    ],
)
@bounded
def test_subscribing(catalogue, lang, form):
    post(Client(), f"/{lang}/alerts/", form)


@pytest.fixture
def subscriber(catalogue):
    from tests.notifications.builders import subscriber

    return subscriber("someone@example.hk", categories=["robotics"])


@given(lang=st.sampled_from(LANGS), form=params([f for f in SUBSCRIBE_FIELDS if f != "email"]))
@example(
    lang="en",
    form=[("categories", "robotics"), ("categories", "robotics"), ("frequency", "immediate"), ("language", "en")],
)
@example(
    lang="en", form=[("keywords", "ﬃ" * 120), ("all_categories", "on"), ("frequency", "immediate"), ("language", "en")]
)
@bounded
def test_managing_alerts(subscriber, lang, form):
    interests = list(subscriber.interests.values_list("facet", "value"))
    before = stored()
    response = Client().post(
        f"/{lang}/alerts/manage/{make_token(subscriber, 'manage')}/",
        urlencode(form),
        content_type="application/x-www-form-urlencoded",
    )
    check(response, before)
    if response.status_code >= 400:
        assert list(subscriber.interests.values_list("facet", "value")) == interests


@given(lang=st.sampled_from(LANGS), kind=st.sampled_from(["confirm", "manage", "unsubscribe"]), token=values)
@example(lang="en", kind="manage", token=signing.dumps({"x": "\x00"}))
@bounded
def test_signed_links(subscriber, lang, kind, token):
    client = Client()
    before = stored()
    check(client.get(f"/{lang}/alerts/{kind}/{token or 'x'}/"), before)
    check(client.post(f"/{lang}/alerts/{kind}/{token or 'x'}/"), before)
    check(client.get(f"/{lang}/innodays/cancel/{token or 'x'}/"), before)


REGISTRATION_FIELDS = ["name", "email", "organisation", "sector", "accessibility_needs", "consent", "website"]


@given(lang=st.sampled_from(LANGS), form=params(REGISTRATION_FIELDS))
@example(
    lang="en",
    form=[
        ("name", "A"),
        ("email", "x" * 250 + "@example.com"),
        ("organisation", "O"),
        ("sector", "university"),
        ("consent", "on"),
    ],
)
@bounded
def test_registering_for_an_innoday(innoday, lang, form):
    post(Client(), f"/{lang}/innodays/innoday-test/", form)


# The inputs that once gave 500s on PostgreSQL and were stored silently on SQLite, as a person meets them.


def test_an_email_too_long_to_store_is_refused_with_a_translated_error(innoday):
    form = {"name": "A", "email": "x" * 250 + "@example.com", "organisation": "O", "sector": "university"}
    response = Client().post("/zh-hant/innodays/innoday-test/", {**form, "consent": "on"})
    assert response.status_code == 400
    assert "254" in response.content.decode()  # Django's translated "at most 254 characters"
    assert not Registration.objects.exists()


def test_keywords_that_grow_in_lower_case_are_refused_kindly(catalogue):
    form = {"email": "a@example.com", "consent": "on", "all_categories": "on", "frequency": "immediate"}
    response = Client().post("/zh-hant/alerts/", {**form, "language": "en", "keywords": "ß" * 151})
    assert response.status_code == 400
    assert "請縮短關鍵詞。" in response.content.decode()
    assert not Subscription.objects.exists()


def test_a_category_sent_twice_counts_once(subscriber):
    form = {"categories": ["robotics", "robotics"], "organisation_types": ["department", "department"]}
    response = Client().post(
        f"/en/alerts/manage/{make_token(subscriber, 'manage')}/", {**form, "frequency": "daily", "language": "en"}
    )
    assert response.status_code == 302
    assert sorted(subscriber.interests.values_list("value", flat=True)) == ["department", "robotics"]


def test_a_nul_character_in_a_filter_gets_a_translated_400_page(catalogue):
    response = Client().get("/zh-hant/wishes/", {"category": "\x00"})
    assert response.status_code == 400
    assert "沒有儲存任何資料" in response.content.decode()
