"""Demo people for `make run`: a provider, a department user, someone waiting for the Inno Office, an
Inno Office officer and a member of the vetting panel, each with the demo password (local demo only).
`load_demo_content` lists their logins (PEOPLE) last, for as long as they keep the demo password."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts import membership
from accounts.models import User
from catalogue.models import Organisation

PASSWORD = "innoportal-demo"
# (username, password, who they are and where they log in), as `load_demo_content` lists them at its end.
PEOPLE = [
    ("officer", PASSWORD, "Inno Office: the admin (or officer@demo.example.hk on the site)"),
    ("reviewer", PASSWORD, "vetting panel: the admin (or reviewer@demo.example.hk on the site)"),
    ("provider@demo.example.hk", PASSWORD, "solution provider, member of PolyU: the site"),
    ("department@emsd.gov.hk", PASSWORD, "department user of EMSD: the site"),
    ("applicant@demo.example.hk", PASSWORD, "waiting for the Inno Office to approve their organisation: the site"),
]


def person(email, username=None, **extra):
    user = User.objects.create_user(username=username or email, email=email, password=PASSWORD, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def load_demo(stdout):
    if User.objects.filter(email="provider@demo.example.hk").exists():
        return
    polyu, emsd = (Organisation.canonical().filter(key=key).first() for key in ("polyu", "emsd"))
    if polyu:
        provider = person("provider@demo.example.hk")
        membership.approve(membership.make_claim(provider, organisation=polyu), by=None)
    if emsd:
        Organisation.objects.filter(key="emsd").update(email_domains="emsd.gov.hk")
        emsd.refresh_from_db()
        membership.make_claim(person("department@emsd.gov.hk"), organisation=emsd)
    waiting = person("applicant@demo.example.hk")
    membership.make_claim(waiting, name_en="Demo Robotics Start-up", name_zh="示範機械人初創", type="start-up")
    officer = person("officer@demo.example.hk", username="officer", is_staff=True)
    officer.groups.add(Group.objects.get(name="Inno Office"))
    reviewer = person("reviewer@demo.example.hk", username="reviewer", is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Vetting panel"))  # made by the submissions app's migrations
    made = User.objects.filter(username__in=[username for username, _password, _who in PEOPLE]).count()
    stdout.write(f"Demo people: {made}, with their logins listed at the end")
