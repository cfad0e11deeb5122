"""Demo InnoDays: the two of 2019 from the seed paper (past) and two upcoming ones, dated from today so
that they stay upcoming in every fresh demo. Called by `manage.py load_demo_content`."""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone

from catalogue.models import Organisation, SolutionPage
from innodays.models import InnoDayIndexPage, InnoDayPage
from innoportal.page_tree import ensure_page, homes, languages

HK = zoneinfo.ZoneInfo(settings.TIME_ZONE)
STATEMENT = {
    "en": "<p>EMSD collects your name, email, organisation, sector and any accessibility needs only to run "
    "this InnoDay: to confirm your seat, manage the waitlist, check you in and send you a reminder. "
    "The data is not shared with anyone else and is deleted 90 days after the InnoDay; only the counts "
    "remain. To see or correct your data, write to innoportal@example.gov.hk.</p>",
    "zh-hant": "<p>機電工程署收集您的姓名、電郵、機構、界別及無障礙需要，只用於處理此創科日的事宜：確認座位、"
    "管理候補名單、辦理入場及發送提示。資料不會向其他人披露，並會在創科日後90日刪除，只保留統計數字。"
    "如欲查閱或更正資料，請電郵至innoportal@example.gov.hk。</p>",
}
INDEX = {
    "en": {
        "title": "InnoDays",
        "intro": "<p>Seminars where universities, start-ups and research bodies present "
        "their I&amp;T solutions to departments, public bodies and the E&amp;M trade.</p>",
    },
    "zh-hant": {
        "title": "創科日",
        "intro": "<p>大學、初創企業及科研機構向政府部門、公營機構及機電業界介紹創科方案的研討會。</p>",
    },
}
EVENTS = [
    {
        "slug": "innoday-2019-06",
        "date": datetime.date(2019, 6, 11),
        "capacity": 320,
        "partners": ["cityu", "cuhk", "polyu", "hkust", "hku"],
        "en": {
            "title": "InnoDay with the universities, June 2019",
            "intro": "The first InnoDay after EMSD signed MoUs with five universities and seven research bodies.",
            "attendance_note": "Over 300 participants",
        },
        "zh-hant": {
            "title": "2019年6月大學創科日",
            "intro": "機電工程署與五所大學及七間科研機構簽署合作備忘錄後的首個創科日。",
            "attendance_note": "逾300人參加",
        },
    },
    {
        "slug": "innoday-2019-08",
        "date": datetime.date(2019, 8, 6),
        "capacity": 650,
        "partners": ["gdsta", "gdppc", "gdas"],
        "en": {
            "title": "Greater Bay Area InnoDay, August 2019",
            "intro": "Co-hosted with the three Guangdong partners who signed MoUs on the day.",
            "attendance_note": "Over 600 participants",
        },
        "zh-hant": {
            "title": "2019年8月大灣區創科日",
            "intro": "與當日簽署合作備忘錄的三個廣東夥伴合辦。",
            "attendance_note": "逾600人參加",
        },
    },
    {
        "slug": "innoday-smart-buildings",
        "in_days": 30,
        "capacity": 300,
        "partners": ["hkstp", "astri"],
        "en": {
            "title": "InnoDay: smart buildings and energy",
            "attendance_note": "",
            "intro": "Solutions for chiller plants, building analytics and renewable energy, with live demonstrations.",
        },
        "zh-hant": {
            "title": "創科日：智慧建築與能源",
            "attendance_note": "",
            "intro": "介紹製冷機組、建築數據分析及可再生能源方案，並設現場示範。",
        },
    },
    {
        "slug": "innoday-robotics",
        "in_days": 75,
        "capacity": 200,
        "partners": ["cyberport", "hkpc"],
        "en": {
            "title": "InnoDay: robotics for public services",
            "attendance_note": "",
            "intro": "Robots for inspection, cleaning and disinfection in government premises.",
        },
        "zh-hant": {
            "title": "創科日：公共服務機械人",
            "attendance_note": "",
            "intro": "適用於政府處所巡檢、清潔及消毒的機械人。",
        },
    },
]
SESSIONS = [
    (datetime.time(9, 30), datetime.time(9, 45), {"en": "Welcome by EMSD", "zh-hant": "機電工程署致歡迎辭"}),
    (datetime.time(9, 45), datetime.time(11, 0), {"en": "Solutions in practice", "zh-hant": "方案實踐分享"}),
    (
        datetime.time(11, 15),
        datetime.time(12, 30),
        {"en": "Matching session with departments", "zh-hant": "與部門配對環節"},
    ),
]


def agenda(code, solutions):
    blocks = []
    for n, (starts, ends, title) in enumerate(SESSIONS):
        blocks.append(
            (
                "session",
                {
                    "starts": starts,
                    "ends": ends,
                    "title": title[code],
                    "description": "",
                    "speakers": [
                        {
                            "name": "Ir Dr Chan Tai-man" if code == "en" else "陳大文博士工程師",
                            "affiliation": "EMSD" if code == "en" else "機電工程署",
                            "photo": None,
                        }
                    ]
                    if n == 0
                    else [],
                    "solutions": solutions if n == 1 else [],
                },
            )
        )
    return blocks


def load_demo(stdout):
    fields = {code: {**INDEX[code], "personal_data_statement": STATEMENT[code]} for code in languages()}
    index = ensure_page(homes(), InnoDayIndexPage, "innodays", fields)
    today = timezone.localdate()
    for spec in EVENTS:
        day = spec.get("date") or today + datetime.timedelta(days=spec["in_days"])
        starts = datetime.datetime.combine(day, datetime.time(9, 30), HK)
        fields = {}
        for code in languages():
            solutions = list(SolutionPage.objects.live().filter(locale__language_code=code).order_by("-item__trl")[:2])
            fields[code] = {
                **spec[code],
                "starts": starts,
                "ends": starts + datetime.timedelta(hours=3),
                "capacity": spec["capacity"],
                "venue": "EMSD Headquarters, Kowloon Bay" if code == "en" else "機電工程署總部（九龍灣）",
                "venue_address": "3 Kai Shing Street, Kowloon Bay" if code == "en" else "九龍灣啟成街3號",
                "registration_opens": starts - datetime.timedelta(days=45),
                "registration_closes": starts - datetime.timedelta(days=1),
                "agenda": agenda(code, solutions),
            }
        pages = ensure_page(index, InnoDayPage, spec["slug"], fields, show_in_menus=False)
        for page in pages.values():
            page.co_organisers.set(Organisation.objects.filter(key__in=spec["partners"], locale=page.locale))
            page.save_revision().publish()
    stdout.write(f"InnoDays: {InnoDayPage.objects.filter(locale__language_code=languages()[0]).count()}")
