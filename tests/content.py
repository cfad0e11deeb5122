"""Small bilingual content for tests: the page tree's text and catalogue records built in code."""

import json

SITE = {
    "home": {
        "en": {
            "title": "E&M InnoPortal",
            "hero_heading": "Innovation for public services",
            "hero_intro": "Wishes meet solutions.",
        },
        "zh-hant": {"title": "機電創科網上平台", "hero_heading": "創新科技服務市民", "hero_intro": "願望與方案相遇。"},
    },
    "index_pages": {
        "wishes": {"en": {"title": "I&T wishes"}, "zh-hant": {"title": "創科願望"}},
        "solutions": {"en": {"title": "I&T solutions"}, "zh-hant": {"title": "創科方案"}},
        "trials": {"en": {"title": "Field trials"}, "zh-hant": {"title": "實地試驗"}},
        "partners": {"en": {"title": "Strategic partners"}, "zh-hant": {"title": "策略夥伴"}},
    },
    "standard_pages": [
        {
            "slug": "about",
            "en": {
                "title": "About the portal",
                "intro": "Why it exists.",
                "body": [{"type": "heading", "value": "Launched in 2018"}],
            },
            "zh-hant": {
                "title": "關於平台",
                "intro": "平台的目的。",
                "body": [{"type": "heading", "value": "二零一八年推出"}],
            },
        }
    ],
    "footer": {"en": "<p>Run by EMSD.</p>", "zh-hant": "<p>由機電工程署營運。</p>"},
}


def record(kind, key, locale, **fields):
    return {"kind": kind, "key": key, "locale": locale, **fields}


def bilingual(kind, key, en, zh, **shared):
    """The same item in English and Traditional Chinese: `en` and `zh` hold the text fields."""
    return [record(kind, key, "en", **en, **shared), record(kind, key, "zh-hant", **zh, **shared)]


def wish(key="W-0100", **overrides):
    """One open wish of EMSD's in both languages, for catalogue_records(); `overrides` change fields."""
    fields = {"organisation": "emsd", "categories": ["energy-efficiency"], "status": "open", "published": "2019-05-02"}
    fields.update(overrides)
    return bilingual(
        "wish",
        key,
        {"title": f"Wish {key}", "summary": "In English."},
        {"title": f"願望 {key}", "summary": "中文。"},
        **fields,
    )


def catalogue_records():
    """A small catalogue: 2 categories, 3 organisations, 2 wishes, 2 solutions, 1 completed trial."""
    return [
        *bilingual("category", "energy-efficiency", {"name": "Energy efficiency"}, {"name": "能源效益"}),
        *bilingual("category", "robotics", {"name": "Robotics applications"}, {"name": "機械人應用"}),
        *bilingual(
            "organisation",
            "emsd",
            {"name": "Electrical and Mechanical Services Department", "abbreviation": "EMSD"},
            {"name": "機電工程署", "abbreviation": "機電署"},
            type="department",
        ),
        *bilingual(
            "organisation",
            "polyu",
            {"name": "The Hong Kong Polytechnic University", "abbreviation": "PolyU"},
            {"name": "香港理工大學", "abbreviation": "理大"},
            type="university",
            mou_signed="2019-06-11",
        ),
        *bilingual(
            "organisation",
            "gdas",
            {"name": "Guangdong Academy of Sciences"},
            {"name": "廣東省科學院"},
            type="gba-partner",
            mou_signed="2019-08-06",
        ),
        *bilingual(
            "wish",
            "W-0001",
            {
                "title": "Cut chiller energy use",
                "summary": "Lower the electricity used by chillers.",
                "body": "Chillers use much power.\n\nWe want less.",
            },
            {"title": "減少製冷機能源消耗", "summary": "機電工程署推動節能，減少製冷機用電。"},
            organisation="emsd",
            categories=["energy-efficiency"],
            status="in-trial",
            published="2019-05-02",
            deadline="2027-01-31",
        ),
        *bilingual(
            "wish",
            "W-0002",
            {"title": "Robots to clean drains", "summary": "Inspect and clean drains safely."},
            {"title": "清理渠道的機械人", "summary": "安全地檢查及清理渠道。"},
            organisation="emsd",
            categories=["robotics"],
            status="open",
            published="2019-06-01",
        ),
        *bilingual(
            "solution",
            "S-0001",
            {"title": "Oil-free magnetic bearing chiller", "summary": "A chiller without oil that saves energy."},
            {"title": "無油磁浮軸承製冷機", "summary": "無需潤滑油的節能製冷機。"},
            organisation="polyu",
            categories=["energy-efficiency"],
            trl=7,
            published="2019-03-01",
            applicable_to=["W-0001"],
        ),
        *bilingual(
            "solution",
            "S-0002",
            {"title": "Drain inspection robot", "summary": "A crawler robot with a camera."},
            {"title": "渠道檢查機械人", "summary": "裝有攝影機的爬行機械人。"},
            organisation="gdas",
            categories=["robotics"],
            trl=5,
            published="2019-04-01",
        ),
        *bilingual(
            "trial",
            "T-0001",
            {
                "title": "Oil-free chiller at EMSD HQ",
                "summary": "A year of measured savings.",
                "venue": "EMSD Headquarters",
                "report": {
                    "summary": "Energy use fell by a fifth.",
                    "metrics": [{"name": "Energy saving", "value": 21.5, "unit": "%"}],
                },
            },
            {
                "title": "機電工程署總部無油製冷機試驗",
                "summary": "一年的實測節能成果。",
                "venue": "機電工程署總部",
                "report": {
                    "summary": "能源消耗減少五分之一。",
                    "metrics": [{"name": "節省能源", "value": 21.5, "unit": "%"}],
                },
            },
            wish="W-0001",
            solution="S-0001",
            trial_type="pilot-project",
            status="completed",
            start="2018-09-01",
            end="2019-06-30",
            value_hkd=1200000,
        ),
    ]


def jsonl(records):
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"


def load(records):
    """Import `records` through the importer, as if committed: the worker's tasks (search documents)
    run when the import commits."""
    from django.test import TestCase

    from catalogue.importer import import_records, parse_lines
    from catalogue.importer.loader import existing_keys

    with TestCase.captureOnCommitCallbacks(execute=True):
        return import_records(parse_lines(jsonl(records).splitlines(), existing_keys()))
