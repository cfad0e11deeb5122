"""Demo people for `make run`: a provider, a department user, someone waiting for the Inno Office, an
Inno Office officer and a member of the vetting panel, each with the demo password (local demo only)."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts import membership
from accounts.models import User
from catalogue.models import Organisation

PASSWORD = "innoportal-demo"


def person(email, username=None, **extra):
    user = User.objects.create_user(username=username or email, email=email, password=PASSWORD, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def load_demo(stdout):
    if User.objects.filter(email="provider@demo.example.hk").exists():
        return
    lines = []
    polyu, emsd = (Organisation.canonical().filter(key=key).first() for key in ("polyu", "emsd"))
    if polyu:
        provider = person("provider@demo.example.hk")
        membership.approve(membership.make_claim(provider, organisation=polyu), by=None)
        lines.append(f"provider (member of {polyu.name}): provider@demo.example.hk")
    if emsd:
        Organisation.objects.filter(key="emsd").update(email_domains="emsd.gov.hk")
        emsd.refresh_from_db()
        membership.make_claim(person("department@emsd.gov.hk"), organisation=emsd)
        lines.append(f"department user ({emsd.name}): department@emsd.gov.hk")
    waiting = person("applicant@demo.example.hk")
    membership.make_claim(waiting, name_en="Demo Robotics Start-up", name_zh="示範機械人初創", type="start-up")
    lines.append("waiting for the Inno Office: applicant@demo.example.hk")
    officer = person("officer@demo.example.hk", username="officer", is_staff=True)
    officer.groups.add(Group.objects.get(name="Inno Office"))
    lines.append("Inno Office (admin: claims, publication): officer@demo.example.hk, or officer in /admin/")
    reviewer = person("reviewer@demo.example.hk", username="reviewer", is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Vetting panel"))  # made by the submissions app's migrations
    lines.append("Vetting panel (admin: technical vetting): reviewer@demo.example.hk, or reviewer in /admin/")
    stdout.write(f"Demo accounts, password {PASSWORD} (local demo only), log in at /en/accounts/login/:")
    for line in lines:
        stdout.write(f"  {line}")
