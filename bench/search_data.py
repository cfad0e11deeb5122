"""The data of bench/search.py: bilingual catalogue records and mixed queries made from the demo catalogue.

Needs no Django: it reads catalogue/demo/catalogue.jsonl and writes plain record dicts (the import
format of docs/catalogue-import.md).
"""

import datetime
import json
import random
import re
from collections import Counter, defaultdict
from functools import cache
from itertools import accumulate
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "catalogue" / "demo" / "catalogue.jsonl"
END = None  # the end of a sentence in the English word chain
# Kinds of item in the mix: more wishes and solutions than trials, as on the real portal.
MIX = [("wish", 40), ("solution", 45), ("trial", 15)]
FIRST_DAY, LAST_DAY = datetime.date(2018, 1, 1), datetime.date(2026, 6, 30)  # all in the past: published
# Product names for solutions, shared by both languages (ChillOpt and TwinFM are the demo's own).
PRODUCT_HEADS = ["Chill", "Therma", "Aqua", "Twin", "Lift", "Volt", "Sun", "Safe", "Clean", "Harbour"]
PRODUCT_HEADS += ["Drain", "Grid", "Lumi", "Robo", "Eco", "Kowloon"]
PRODUCT_TAILS = ["Opt", "Eye", "Link", "FM", "Watch", "Guard", "Sense", "Bot", "Cell", "Scan", "Flow", "Net"]
# Words too common to make a query on their own.
STOPWORDS = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "from", "into"}
STOPWORDS |= {"its", "it", "is", "are", "be", "as", "that", "this", "we", "our", "their", "which", "than", "then"}
STOPWORDS |= {"so", "not", "no", "can", "will", "may", "all", "any", "each", "such", "more", "most", "other"}
STOPWORDS |= {"over", "under", "up", "out"}
ZH_PUNCTUATION = "，。、；：（）「」！？／"


@cache
def demo_records():
    lines = DEMO.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("#")]


def demo_texts(locale):
    for record in demo_records():
        if record["locale"] == locale:
            for name in ("name", "title", "summary", "body", "description"):
                if record.get(name):
                    yield record[name]
            if record.get("report"):
                yield record["report"]["summary"]


class EnglishChain:
    """A first-order word chain of the demo's English: generated text has the demo's word frequencies
    and its common pairs ("chiller plant"), so phrase queries and rare words behave as on real text."""

    def __init__(self, texts):
        self.starts, self.follow = [], defaultdict(list)
        for text in texts:
            for sentence in re.split(r"(?<=[.!?])\s+", text.replace("\n", " ")):
                words = sentence.rstrip(".!? ").split()
                if len(words) >= 3:
                    self.starts.append(words[0])
                    for word, following in zip(words, words[1:] + [END], strict=True):
                        self.follow[word].append(following)

    def words(self, rng, low, high):
        word = rng.choice(self.starts)
        words = [word]
        while len(words) < high:
            following = rng.choice(self.follow[word])
            if following is END:
                if len(words) >= low:
                    break
                # Too short: go on with a new sentence's start, in lower case within the sentence.
                following = rng.choice(self.starts)
                words.append(following[0].lower() + following[1:] if following[1:2].islower() else following)
            else:
                words.append(following)
            word = following
        return " ".join(words).rstrip(",;:–-— ")

    def title(self, rng):
        text = self.words(rng, 4, 10)
        return text[0].upper() + text[1:]

    def sentences(self, rng, count, low=10, high=28):
        return " ".join(self.words(rng, low, high) + "." for _ in range(count))


class ChinesePhrases:
    """The demo's Traditional Chinese cut into phrases at punctuation and common joining characters,
    drawn with Zipf-like weights: a few phrases are common, most are rare."""

    JOINERS = ["", "", "", "的", "及", "和", "與"]

    def __init__(self, texts, rng):
        counts = Counter()
        for text in texts:
            for phrase in re.split(rf"[{ZH_PUNCTUATION}\s的及和與或並]+", text):
                if 2 <= len(phrase) <= 10:
                    counts[phrase] += 1
        phrases = sorted(counts)
        rng.shuffle(phrases)
        phrases.sort(key=lambda p: -counts[p])  # stable: equal counts keep the shuffled order
        self.phrases = phrases
        self.cumulative = list(accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(phrases))))

    def phrase(self, rng):
        return rng.choices(self.phrases, cum_weights=self.cumulative)[0]

    def joined(self, rng, count):
        parts = [self.phrase(rng) for _ in range(count)]
        return "".join(part + rng.choice(self.JOINERS) for part in parts[:-1]) + parts[-1]

    def title(self, rng):
        return self.joined(rng, rng.randint(2, 3))

    def sentences(self, rng, count):
        return "".join("，".join(self.joined(rng, 2) for _ in range(rng.randint(2, 4))) + "。" for _ in range(count))


class Taxonomy:
    """The demo's categories and organisations, and its trial venues and metrics in both languages."""

    def __init__(self):
        records = demo_records()
        self.records = [r for r in records if r["kind"] in ("category", "organisation")]
        self.categories = sorted({r["key"] for r in records if r["kind"] == "category"})
        government = {"department", "public-body"}
        organisations = {r["key"]: r["type"] for r in records if r["kind"] == "organisation"}
        self.posters = sorted(k for k, t in organisations.items() if t in government)
        self.providers = sorted(k for k, t in organisations.items() if t not in government)
        trials = defaultdict(dict)
        for r in records:
            if r["kind"] == "trial":
                trials[r["key"]][r["locale"]] = r
        self.venues = [(t["en"]["venue"], t["zh-hant"]["venue"]) for _key, t in sorted(trials.items())]
        self.metrics = []  # (English metric, Chinese metric) pairs, units included
        for trial in trials.values():
            en, zh = (trial[code].get("report", {}).get("metrics", []) for code in ("en", "zh-hant"))
            self.metrics += zip(en, zh, strict=True)


def a_day(rng, after=FIRST_DAY, before=LAST_DAY):
    return after + datetime.timedelta(days=rng.randint(0, max(0, (before - after).days)))


def pair(kind, key, en, zh, shared):
    """The item in both languages: `shared` holds the fields that do not depend on the language."""
    return [
        {"kind": kind, "key": key, "locale": "en", **en, **shared},
        {"kind": kind, "key": key, "locale": "zh-hant", **zh, **shared},
    ]


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.english = EnglishChain(demo_texts("en"))
        self.chinese = ChinesePhrases(demo_texts("zh-hant"), random.Random(f"phrases-{seed}"))
        self.taxonomy = Taxonomy()
        # Some categories are much more common than others.
        self.category_weights = list(accumulate(1 / (n + 1) for n in range(len(self.taxonomy.categories))))
        self.wishes, self.solutions = [], []  # (key, published) of items made so far, for references

    def categories(self):
        count = self.rng.choice([1, 1, 2, 2, 3])
        picks = self.rng.choices(self.taxonomy.categories, cum_weights=self.category_weights, k=count)
        return list(dict.fromkeys(picks))

    def text(self, title_en=None, title_zh=None):
        rng = self.rng
        en = {
            "title": title_en or self.english.title(rng),
            "summary": self.english.sentences(rng, rng.randint(1, 2)),
            "body": "\n\n".join(self.english.sentences(rng, rng.randint(2, 3)) for _ in range(rng.randint(1, 3))),
        }
        zh = {
            "title": title_zh or self.chinese.title(rng),
            "summary": self.chinese.sentences(rng, rng.randint(1, 2)),
            "body": "\n\n".join(self.chinese.sentences(rng, rng.randint(2, 3)) for _ in range(rng.randint(1, 3))),
        }
        return en, zh

    def wish(self, number):
        rng, key, published = self.rng, f"W-{number:06d}", a_day(self.rng)
        en, zh = self.text()
        shared = {
            "organisation": rng.choice(self.taxonomy.posters),
            "categories": self.categories(),
            "status": rng.choices(["open", "matched", "in-trial", "closed"], [3, 2, 1, 4])[0],
            "published": published.isoformat(),
            "deadline": (published + datetime.timedelta(days=rng.randint(30, 120))).isoformat(),
        }
        self.wishes.append((key, published))
        return pair("wish", key, en, zh, shared)

    def solution(self, number):
        rng, key, published = self.rng, f"S-{number:06d}", a_day(self.rng)
        en_title, zh_title = self.english.title(rng), self.chinese.title(rng)
        if rng.random() < 0.5:  # a named product, the same name in both languages
            product = rng.choice(PRODUCT_HEADS) + rng.choice(PRODUCT_TAILS)
            en_title, zh_title = f"{product}: {en_title[0].lower()}{en_title[1:]}", f"{product}：{zh_title}"
        en, zh = self.text(en_title, zh_title)
        proposed = [rng.choice(self.wishes)[0] for _ in range(rng.choice([0, 1, 1, 2]))] if self.wishes else []
        shared = {
            "organisation": rng.choice(self.taxonomy.providers),
            "categories": self.categories(),
            "trl": rng.randint(3, 9),
            "published": published.isoformat(),
            "applicable_to": list(dict.fromkeys(proposed)),
        }
        self.solutions.append((key, published))
        return pair("solution", key, en, zh, shared)

    def trial(self, number):
        rng, key = self.rng, f"T-{number:06d}"
        (wish, published), (solution, _) = rng.choice(self.wishes), rng.choice(self.solutions)
        venue_en, venue_zh = rng.choice(self.taxonomy.venues)
        start = a_day(rng, after=published)
        end = start + datetime.timedelta(days=rng.randint(60, 400))
        status = "completed" if end < LAST_DAY and rng.random() < 0.7 else rng.choice(["planned", "in-progress"])
        en, zh = self.text()
        del en["body"], zh["body"]  # trials have no body; their report summary is their long text
        en["venue"], zh["venue"] = venue_en, venue_zh
        shared = {
            "wish": wish,
            "solution": solution,
            "trial_type": rng.choice(["prototype-test", "pilot-project"]),
            "status": status,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "value_hkd": rng.randrange(100_000, 5_000_000, 1_000),
        }
        if status == "completed":
            metrics = rng.sample(self.taxonomy.metrics, rng.randint(1, 4))
            values = [round(rng.uniform(1, 500), 1) for _ in metrics]
            en["report"] = {
                "summary": self.english.sentences(rng, 2),
                "metrics": [
                    {"name": m["name"], "value": v, "unit": m["unit"]}
                    for (m, _), v in zip(metrics, values, strict=True)
                ],
            }
            zh["report"] = {
                "summary": self.chinese.sentences(rng, 2),
                "metrics": [
                    {"name": m["name"], "value": v, "unit": m["unit"]}
                    for (_, m), v in zip(metrics, values, strict=True)
                ],
            }
        return pair("trial", key, en, zh, shared)

    def items(self, count):
        """`count` items, each as its two records; the first items are the same whatever `count` is."""
        numbers = Counter()
        kinds, weights = zip(*MIX, strict=True)
        for _ in range(count):
            kind = self.rng.choices(kinds, weights)[0]
            if kind == "trial" and not (self.wishes and self.solutions):
                kind = "wish" if not self.wishes else "solution"
            numbers[kind] += 1
            yield from getattr(self, kind)(numbers[kind])


def generate(records, seed):
    """The demo taxonomy, then `records` item records: records/2 items, each in en and zh-hant."""
    generator = Generator(seed)
    yield from generator.taxonomy.records
    yield from generator.items(records // 2)


def mixed_queries(seed, pool=1000):
    """300 queries of mixed shapes drawn from the first `pool` generated items (present at any size
    from 2 * pool records): dicts of query, language, shape, and the filters kind and category
    (None when unfiltered)."""
    import opencc

    rng = random.Random(f"queries-{seed}")
    records = [r for r in generate(2 * pool, seed) if r["kind"] in ("wish", "solution", "trial")]
    en = [r for r in records if r["locale"] == "en"]
    zh = [r for r in records if r["locale"] == "zh-hant"]
    word_counts = Counter(w for r in en for w in words(r["title"] + " " + r["summary"]))
    common = [w for w, _n in word_counts.most_common(60)]
    to_simplified = opencc.OpenCC("t2s").convert
    categories = Taxonomy().categories

    def title_words(minimum=2):
        while True:
            found = words(rng.choice(en)["title"])
            if len(found) >= minimum:
                return found

    def han_run(length):
        while True:
            runs = [run for run in re.findall(r"[\u3400-\u9fff]+", rng.choice(zh)["title"]) if len(run) >= length]
            if runs:
                run = rng.choice(runs)
                start = rng.randrange(len(run) - length + 1)
                return run[start : start + length]

    def simplified():
        for _ in range(50):  # prefer text whose Simplified form differs, which is the point of the test
            source = han_run(rng.randint(2, 4))
            if to_simplified(source) != source:
                break
        return to_simplified(source)

    def product_and_han():
        named = [r for r in zh if r["kind"] == "solution" and "：" in r["title"]]
        record = rng.choice(named)
        product, rest = record["title"].split("：", 1)
        runs = re.findall(r"[\u3400-\u9fff]{2,}", rest) or ["節能"]
        run = rng.choice(runs)
        start = rng.randrange(len(run) - 1)
        return f"{product} {run[start : start + 2]}"

    shapes = [  # (shape, count, language, make)
        ("english word", 40, "en", lambda: rng.choice(title_words(1))),
        ("common english word", 20, "en", lambda: rng.choice(common)),
        ("two english words", 45, "en", lambda: " ".join(rng.sample(title_words(2), 2))),
        ("english prefix", 30, "en", lambda: prefix(rng, title_words(1))),
        ("quoted phrase", 30, "en", lambda: quoted(rng, rng.choice(en)["title"])),
        ("chinese 2-4 characters", 60, "zh-hant", lambda: han_run(rng.randint(2, 4))),
        ("simplified chinese", 30, "zh-hant", simplified),
        ("product and chinese", 25, "zh-hant", product_and_han),
        ("organisation or category name", 20, "zh-hant", lambda: rng.choice(zh_taxonomy_names())),
    ]
    queries = []
    for shape, count, language, make in shapes:
        for _ in range(count):
            roll = rng.random()
            queries.append(
                {
                    "query": make(),
                    "language": language,
                    "shape": shape,
                    # About a third are filtered by kind, one in six by category (some by both).
                    "kind": rng.choice(["wish", "solution", "trial"]) if roll < 0.33 else None,
                    "category": rng.choice(categories) if 0.25 < roll < 0.42 else None,
                }
            )
    rng.shuffle(queries)
    return queries


def words(text):
    return [w for w in re.findall(r"[a-z][a-z-]{2,}", text.lower()) if w not in STOPWORDS]


def prefix(rng, candidates):
    long = [w for w in candidates if len(w) >= 7] or candidates
    word = rng.choice(long)
    return word[: max(3, min(len(word) - 1, rng.randint(4, 6)))].rstrip("-")


def quoted(rng, title):
    parts = title.split()
    size = min(len(parts), rng.randint(2, 3))
    start = rng.randrange(len(parts) - size + 1)
    return '"' + " ".join(p.strip(",.;:") for p in parts[start : start + size]) + '"'


@cache
def zh_taxonomy_names():
    return [r["name"] for r in Taxonomy().records if r["locale"] == "zh-hant" and len(r["name"]) <= 8]
