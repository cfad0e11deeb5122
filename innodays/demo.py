"""Demo InnoDays: the two of 2019 from the seed paper (past) and two upcoming ones, dated from today so
that they stay upcoming in every fresh demo, each with its own agenda; the upcoming ones present
catalogue solutions of their theme. Called by `manage.py load_demo_content`."""

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
T = datetime.time


def session(starts, ends, en, zh, speakers=(), solutions=()):
    """One agenda item: `en` and `zh` are (title, description); `speakers` are (organisation key,
    {language: name}); `solutions` the keys of the catalogue solutions presented."""
    return {
        "starts": starts,
        "ends": ends,
        "text": {"en": en, "zh-hant": zh},
        "speakers": speakers,
        "solutions": solutions,
    }


EMSD = ("emsd", {"en": "Ir Dr Chan Tai-man", "zh-hant": "陳大文博士工程師"})
MATCHING = (
    "Matching session with departments",
    "Departments and public bodies meet the presenters about their I&T wishes.",
)
MATCHING_ZH = ("與部門配對環節", "政府部門及公營機構就其創科願望與講者會面交流。")
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
        "agenda": [
            session(
                T(9, 30),
                T(10, 0),
                (
                    "Welcome and signing of the memoranda of understanding",
                    "EMSD signs MoUs with five universities and seven research and development bodies.",
                ),
                ("致歡迎辭及簽署合作備忘錄", "機電工程署與五所大學及七間研發機構簽署合作備忘錄。"),
                speakers=[EMSD],
            ),
            session(
                T(10, 0),
                T(11, 15),
                (
                    "University research for government E&M services",
                    "CityU, CUHK, PolyU, HKUST and HKU present their work on smart sensing, health technology, "
                    "building services, energy and digital construction.",
                ),
                (
                    "大學研究成果與政府機電服務",
                    "城大、中大、理大、科大及港大介紹智能感測、醫療科技、屋宇裝備、能源及數碼建造方面的研究。",
                ),
            ),
            session(T(11, 30), T(12, 30), MATCHING, MATCHING_ZH),
        ],
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
        "agenda": [
            session(
                T(9, 30),
                T(10, 0),
                (
                    "Welcome and signing of the memoranda of understanding",
                    "EMSD signs MoUs with the Guangdong Science and Technology Association, the Guangdong "
                    "Productivity Promotion Centre and the Guangdong Academy of Sciences.",
                ),
                (
                    "致歡迎辭及簽署合作備忘錄",
                    "機電工程署與廣東省科學技術協會、廣東省生產力促進中心及廣東省科學院簽署合作備忘錄。",
                ),
                speakers=[EMSD],
            ),
            session(
                T(10, 0),
                T(11, 15),
                (
                    "Technologies from the Greater Bay Area",
                    "Guangdong partners present inspection robots, disinfection robots and smart water "
                    "treatment that could be trialled in Hong Kong.",
                ),
                ("大灣區的創新科技", "廣東夥伴介紹可在香港試驗的巡檢機械人、消毒機械人及智能濾水技術。"),
            ),
            session(T(11, 30), T(12, 30), MATCHING, MATCHING_ZH),
        ],
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
        "agenda": [
            session(T(9, 30), T(9, 40), ("Welcome by EMSD", ""), ("機電工程署致歡迎辭", ""), speakers=[EMSD]),
            session(
                T(9, 40),
                T(10, 30),
                (
                    "Smarter chiller plants",
                    "Machine-learning control of water-cooled chiller plants, with results from the pilot at "
                    "EMSD Headquarters, and how oil-free chillers perform at part load.",
                ),
                (
                    "更聰明的製冷機組",
                    "以機器學習控制水冷式製冷機組並分享機電署總部試驗成果，以及無油製冷機在部分負載下的表現。",
                ),
                speakers=[
                    ("chillsense", {"en": "Mr Leung Chi-wai", "zh-hant": "梁志偉先生"}),
                    ("hkust", {"en": "Prof Ho Man-kit", "zh-hant": "何文傑教授"}),
                ],
                solutions=["S-0001", "S-0002"],
            ),
            session(
                T(10, 30),
                T(11, 15),
                (
                    "Solar power and cooler roofs",
                    "Lightweight solar panels for roofs that cannot take ballast, a coating that keeps roofs "
                    "below air temperature, and thermal storage that shifts cooling to the night.",
                ),
                (
                    "太陽能發電與天台降溫",
                    "適合未能承受壓重的天台的輕型太陽能板、令天台表面低於氣溫的塗層，以及把製冷移至夜間的儲冷技術。",
                ),
                speakers=[
                    ("sunharbour", {"en": "Ms Lam Hoi-yan", "zh-hant": "林凱欣女士"}),
                    ("nami", {"en": "Dr Tsang Wing-hong", "zh-hant": "曾永康博士"}),
                ],
                solutions=["S-0020", "S-0027", "S-0026"],
            ),
            session(
                T(11, 30),
                T(12, 0),
                (
                    "Building data: from BIM to everyday maintenance",
                    "Asset information found through a building information model, and lift faults predicted "
                    "from sensor data before they stop a lift.",
                ),
                (
                    "建築數據：由建築信息模擬到日常維修保養",
                    "透過建築信息模型查找資產資料，以及憑感應器數據在升降機停運前預測故障。",
                ),
                speakers=[("kowloon-digital-twin", {"en": "Mr Yip Ka-chun", "zh-hant": "葉家俊先生"})],
                solutions=["S-0009", "S-0019"],
            ),
            session(
                T(12, 0),
                T(12, 30),
                (
                    "Live demonstrations and matching with departments",
                    "The solutions at work in the E&M InnoZone; departments with energy and building wishes "
                    "meet the presenters.",
                ),
                ("現場示範及與部門配對", "在機電創科專區實地示範各方案；有能源及建築相關願望的部門與講者會面。"),
            ),
        ],
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
        "agenda": [
            session(T(9, 30), T(9, 40), ("Welcome by EMSD", ""), ("機電工程署致歡迎辭", ""), speakers=[EMSD]),
            session(
                T(9, 40),
                T(10, 20),
                (
                    "Robots for confined and hazardous spaces",
                    "A tethered robot that inspects sewage wet wells while the station stays in service, and "
                    "crawlers that survey the inside of sewers, water mains and air ducts, so that no one has "
                    "to enter them.",
                ),
                (
                    "在密閉及危險空間工作的機械人",
                    "在污水泵房運作期間檢查濕井的繫纜式機械人，以及檢查污水渠、水管及風管內部的爬行機械人，"
                    "毋須人員進入。",
                ),
                speakers=[("harbour-robotics", {"en": "Dr Wong Ka-lok", "zh-hant": "黃家樂博士"})],
                solutions=["S-0013"],
            ),
            session(
                T(10, 20),
                T(11, 0),
                (
                    "Inspection robots for switch rooms, lifts and escalators",
                    "Robots on ceiling tracks that patrol switch rooms, reading meters and checking equipment "
                    "with thermal cameras, and robots that inspect lift shafts and escalator machinery.",
                ),
                (
                    "電掣房、升降機及自動梯巡檢機械人",
                    "沿天花軌道巡視電掣房、讀取儀表並以熱像鏡頭檢查設備的機械人，以及檢查升降機槽及自動梯機件的機械人。",
                ),
                speakers=[("hkpc", {"en": "Ir Lee Wing-sze", "zh-hant": "李詠詩工程師"})],
                solutions=["S-0029"],
            ),
            session(
                T(11, 15),
                T(11, 45),
                (
                    "Cleaning and disinfection robots",
                    "Robots that disinfect clinics and public toilets with ultraviolet light, and robots that "
                    "clean swimming pools overnight, answering LCSD's open wish.",
                ),
                (
                    "清潔及消毒機械人",
                    "以紫外線為診所及公廁消毒的機械人，以及回應康文署開放願望、在夜間清潔泳池的機械人。",
                ),
                speakers=[("gdas", {"en": "Dr Zhang Wei", "zh-hant": "張偉博士"})],
                solutions=["S-0022"],
            ),
            session(
                T(11, 45),
                T(12, 5),
                (
                    "Robotic arms in E&M maintenance workshops",
                    "Collaborative robot arms that take over repetitive and heavy work in EMSD's vehicle and "
                    "equipment workshops, from washing parts to testing batteries.",
                ),
                (
                    "機電維修工場的機械臂",
                    "在機電署車輛及設備維修工場分擔重複及粗重工序的協作機械臂，由清洗零件至測試電池。",
                ),
                speakers=[("cyberport", {"en": "Ms Chow Mei-ling", "zh-hant": "周美玲女士"})],
            ),
            session(
                T(12, 5),
                T(12, 30),
                (
                    "Matching session with departments",
                    "DSD, LCSD, the Department of Health and EMSD meet the presenters about their robotics wishes.",
                ),
                ("與部門配對環節", "渠務署、康文署、衞生署及機電署就其機械人應用願望與講者會面交流。"),
            ),
        ],
    },
]


def agenda(code, sessions):
    """The agenda's blocks in one language: speakers' affiliations and solutions in that language."""
    organisations = {o.key: o.name for o in Organisation.objects.filter(locale__language_code=code)}
    solutions = {
        page.item.key: page
        for page in SolutionPage.objects.live().filter(locale__language_code=code).select_related("item")
    }
    blocks = []
    for item in sessions:
        title, description = item["text"][code]
        speakers = [
            {"name": names[code], "affiliation": organisations.get(key, ""), "photo": None}
            for key, names in item["speakers"]
        ]
        presented = [solutions[key] for key in item["solutions"] if key in solutions]
        blocks.append(
            (
                "session",
                {
                    "starts": item["starts"],
                    "ends": item["ends"],
                    "title": title,
                    "description": description,
                    "speakers": speakers,
                    "solutions": presented,
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
            fields[code] = {
                **spec[code],
                "starts": starts,
                "ends": starts + datetime.timedelta(hours=3),
                "capacity": spec["capacity"],
                "venue": "EMSD Headquarters, Kowloon Bay" if code == "en" else "機電工程署總部（九龍灣）",
                "venue_address": "3 Kai Shing Street, Kowloon Bay" if code == "en" else "九龍灣啟成街3號",
                "registration_opens": starts - datetime.timedelta(days=45),
                "registration_closes": starts - datetime.timedelta(days=1),
                "agenda": agenda(code, spec["agenda"]),
            }
        pages = ensure_page(index, InnoDayPage, spec["slug"], fields, show_in_menus=False)
        for page in pages.values():
            page.co_organisers.set(Organisation.objects.filter(key__in=spec["partners"], locale=page.locale))
            page.save_revision().publish()
    stdout.write(f"InnoDays: {InnoDayPage.objects.filter(locale__language_code=languages()[0]).count()}")
