"""Demo submissions for `make run`: the demo provider's proposals at each stage of their vetting and a
published wish of the demo department, made as their authors and reviewers make them: the forms'
checks, `views.save`, `stages.send_for_vetting` and the vetting tasks' actions, as in the admin.
Called by `manage.py load_demo_content` after the demo
people of `accounts.demo` (apps are loaded in INSTALLED_APPS order)."""

import datetime

from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import WorkflowState

from accounts.models import User
from catalogue.models import TechnologyCategory
from submissions import drafting, stages
from submissions.forms import FactsForm, TextForm, open_wishes
from submissions.models import LANGUAGES, Submission, SubmissionText

REVIEWER = "reviewer@demo.example.hk"
# What the authors write, a line for each of their fields.
FIELDS = {
    "solution": ["title", "summary", "description", "trial_needs"],
    "wish": ["title", "summary", "service_need", "expected_outcome"],
}
DRONE = """Thermal-imaging drone for rooftop chiller inspection
A drone with a radiometric camera surveys rooftop chillers and cooling towers and flags hot spots.
Inspecting a chiller plant by hand takes a day; the drone flies a preset route in 15 minutes instead.
Two rooftop chiller plants, access for a licensed drone pilot, and a month of plant logs."""
LIFT_DOORS = """Radar retrofit kit against lift doors closing on passengers
A radar and light-curtain kit that stops lift doors closing on wheelchairs and pushchairs.
Older lifts sense obstructions at one or two heights; the kit watches the whole doorway in 3D.
Three passenger lifts in a busy government building, for six months, with the contractor on site."""
LIFT_ROPES = """升降機曳引鋼纜磨損人工智能監測系統
以機器視覺量度曳引鋼纜直徑及斷絲，及早預警磨損。
機房內的高速相機在升降機每次運行時拍攝鋼纜，以深度學習計算磨損趨勢。
兩部載客升降機、為期六個月的試驗，及維修承辦商的檢查紀錄作比對。"""
FLOOD_SENSORS = """Battery-free flood sensors for road underpasses
Water-level sensors powered by a small solar cell warn of flooding in underpasses, with no battery to change.
Each sensor reports the water level over LoRaWAN every minute during rain; a dashboard warns the operators.
Sensors in two flood-prone underpasses over a rainy season, and a LoRaWAN gateway on a nearby lamp post."""
COATING = """Self-cleaning nano-coating for solar panels
A hydrophobic coating that keeps photovoltaic panels clean and their output high.
The coating is sprayed onto existing panels and sheds dust with the rain for up to five years.
Any rooftop photovoltaic system; we would coat it free of charge."""
CRAWLER = """Robotic crawler for air-duct inspection and cleaning
A tethered crawler that films, measures and brushes air ducts, with no ceiling opened.
It maps the duct with lidar, films its condition and cleans it; the report gives dust depth per metre.
Ductwork of one air-conditioned government building, a night-time access window and a site escort."""
CRAWLER_ZH = """風管檢查及清潔機械人
以纜線操控的爬行機械人拍攝、量度及清掃風管，毋須拆開天花。
機械人以光學雷達繪製風管圖並拍攝及清潔風管，報告逐米列出積塵厚度。
一幢設有空調的政府建築物的風管、夜間施工時段，以及現場陪同人員。"""
LEAKS_ZH = """政府建築物供水管道滲漏預警
在滲漏損壞天花及機電設備之前，及早發現隱蔽供水管道的滲漏。
供水管道多藏於天花及管槽內，滲漏往往在天花漏水或電掣房水浸後才被發現。
滲漏於24小時內被發現及定位，因滲漏引致的機電設備損壞減少一半。"""
LEAKS = """Early warning of water leaks in government buildings
Find leaks in hidden water pipes before they damage ceilings and E&M plant.
Most water pipes run above ceilings and in ducts: leaks are found only when a ceiling drips or a switch room floods.
Leaks found and located within 24 hours; half as much E&M plant damaged by leaks."""
SOLUTIONS = [  # stage, categories, TRL, texts by language (the author's first)
    ("draft", "iot-smart-sensors energy-efficiency", 5, {"en": DRONE}),
    ("submitted", "construction-safety iot-smart-sensors", 6, {"en": LIFT_DOORS}),
    ("under-vetting", "ai-data-analytics construction-safety", 6, {"zh-hant": LIFT_ROPES}),
    ("changes-requested", "iot-smart-sensors environmental-protection", 5, {"en": FLOOD_SENSORS}),
    ("rejected", "energy-efficiency", 9, {"en": COATING}),
    ("published", "robotics iot-smart-sensors", 7, {"en": CRAWLER, "zh-hant": CRAWLER_ZH}),
]
CHANGES = (
    "Please give the sensors' ingress protection (IP) rating and the evidence for ten years without a battery "
    "change, and say how many underpasses the trial would need."
)
REASON = (
    "The coating is already sold commercially and there is nothing to trial: the portal is for solutions that "
    "still need a field trial in government E&M installations."
)
# The reviewers' actions at each stage: (who, action, comment); None: a draft never sent.
VETTING = {
    "draft": None,
    "submitted": [],
    "under-vetting": [("reviewer", "approve", "Technically sound; over to the Inno Office.")],
    "changes-requested": [("reviewer", "reject", CHANGES)],
    "rejected": [("reviewer", "decline", REASON)],
    "published": [("reviewer", "approve", ""), ("officer", "approve", "")],
}


def write(author, kind, categories, texts, send, **facts):
    """Fill the submission form as the author would (in the language of their first text), save, send."""
    lines = {code: text.splitlines() for code, text in texts.items()}
    data = {f"{code}-{name}": line for code in lines for name, line in zip(FIELDS[kind], lines[code], strict=True)}
    data["categories"] = [c.pk for c in TechnologyCategory.canonical().filter(key__in=categories.split())]
    data.update({name: value for name, value in facts.items() if value is not None})
    submission = Submission(kind=kind, submitter=author)
    with translation.override(next(iter(texts))):
        form = FactsForm(data, {}, instance=submission, kind=kind)
        text_forms = [
            TextForm(data, instance=SubmissionText(language=code), kind=kind, language=code) for code, _l in LANGUAGES
        ]
        if not drafting.check(author, form, text_forms, sending=send):
            raise ValueError([f.errors for f in [form, *text_forms]])
        submission = drafting.save(author, submission, form, text_forms)
    return stages.send_for_vetting(submission, author) if send else submission


def act(submission, user, action, comment=""):
    """A reviewer's action on the current vetting task, as Wagtail's admin does it."""
    state = WorkflowState.objects.active().for_instance(submission.page).get()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state.specific, user, action, comment=comment)


@transaction.atomic
def load_demo(stdout):
    provider, department, officer, reviewer = (
        User.objects.filter(email=email).first()
        for email in ("provider@demo.example.hk", "department@emsd.gov.hk", "officer@demo.example.hk", REVIEWER)
    )
    if Submission.objects.exists() or not (provider and department and officer and reviewer):
        return
    people = {"reviewer": reviewer, "officer": officer}
    wish = open_wishes().order_by("pk").first()
    for stage, categories, trl, texts in SOLUTIONS:
        answers = [wish.pk] if wish and stage == "published" else None
        submission = write(provider, "solution", categories, texts, VETTING[stage] is not None, trl=trl, wishes=answers)
        for who, action, comment in VETTING[stage] or []:
            act(submission, people[who], action, comment)
    deadline = timezone.localdate() + datetime.timedelta(days=90)
    contact = {"contact_name": "Chan Tai-man", "contact_email": department.email, "contact_phone": "2808 3000"}
    texts = {"zh-hant": LEAKS_ZH, "en": LEAKS}
    submission = write(
        department, "wish", "iot-smart-sensors ai-data-analytics", texts, True, deadline=deadline, **contact
    )
    for who, action, comment in VETTING["published"]:
        act(submission, people[who], action, comment)
    stdout.write(f"Demo submissions: {len(SOLUTIONS)} solutions, one at each stage of vetting, and a published wish")
