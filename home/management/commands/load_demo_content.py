import importlib
import importlib.util
import json
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.demo import PEOPLE
from catalogue.models import WishPage
from home.demo_dates import dated_lines
from home.demo_media import illustrate_solutions
from home.site_tree import build_site_tree

PAGES = Path(settings.BASE_DIR) / "home" / "demo" / "pages.json"
CATALOGUE = Path(settings.BASE_DIR) / "catalogue" / "demo" / "catalogue.jsonl"
DEMO_LOGIN = ("admin", "innoportal-demo")
DEFAULT_URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = "Load the bilingual demo site once: page tree, catalogue (through import_catalogue), demo login."

    def add_arguments(self, parser):
        parser.add_argument("--structure-only", action="store_true", help="only the homes and section pages")
        parser.add_argument("--force", action="store_true", help="load even when the database has content")
        parser.add_argument("--url", default=DEFAULT_URL, help="the site's address, shown last with the demo logins")

    def handle(self, *args, structure_only=False, force=False, url=DEFAULT_URL, **options):
        self.url = url.rstrip("/") + "/"
        if WishPage.objects.exists() and not force:
            self.stdout.write("Demo content: the database already has content; nothing loaded.")
            self.show_demo_login()
            return
        build_site_tree(json.loads(PAGES.read_text(encoding="utf-8")))
        self.stdout.write("Site tree ready in " + ", ".join(code for code, _ in settings.LANGUAGES))
        if structure_only:
            return
        self.import_catalogue()
        self.stdout.write(f"Illustrations drawn: {illustrate_solutions()}")
        for app in apps.get_app_configs():
            # Each app may bring its own demo content in <app>/demo.py (a load_demo(stdout) function).
            if app.name != "home" and importlib.util.find_spec(f"{app.name}.demo"):
                loader = getattr(importlib.import_module(f"{app.name}.demo"), "load_demo", None)
                if loader:
                    loader(self.stdout)
        User = get_user_model()
        if not User.objects.filter(is_superuser=True).exists():
            User.objects.create_superuser(DEMO_LOGIN[0], "admin@example.gov.hk", DEMO_LOGIN[1])
        self.show_demo_login()

    def import_catalogue(self):
        """The demo catalogue through `import_catalogue`, with its dates moved so that its newest items
        are a few weeks old (home/demo_dates.py); the file keeps its own dates."""
        lines, shift = dated_lines(CATALOGUE.read_text(encoding="utf-8").splitlines(), timezone.localdate())
        self.stdout.write(f"Demo catalogue dated from today: {CATALOGUE.name}'s dates moved {shift.days} days later")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / CATALOGUE.name
            path.write_text("".join(lines), encoding="utf-8")
            call_command("import_catalogue", str(path), stdout=self.stdout, stderr=self.stderr)

    def show_demo_login(self):
        """The last lines: where the site is, and the demo logins that still have their demo password."""
        url = getattr(self, "url", DEFAULT_URL)
        lines = ["", "InnoPortal is ready:", f"  site:   {url}", f"  admin:  {url}admin/"]
        logins = unchanged_logins([(*DEMO_LOGIN, "superuser: the admin"), *PEOPLE])
        if logins:
            lines.append(f"  log in: {url}en/accounts/login/")
            lines.append("  demo logins (local demo only; change these passwords on a shared server):")
            width = max(len(f"{username} / {password}") for username, password, _who in logins)
            lines += [f"    {f'{username} / {password}':<{width}}  {who}" for username, password, who in logins]
        self.stdout.write(self.style.WARNING("\n".join(lines)))


def unchanged_logins(logins):
    """The (username, password, who) of `logins` whose user exists and still has that password."""
    hashes = dict(
        get_user_model().objects.filter(username__in=[login[0] for login in logins]).values_list("username", "password")
    )
    logins = [login for login in logins if hashes.get(login[0])]
    with ThreadPoolExecutor() as pool:  # checking a password hash takes about a third of a second
        unchanged = list(pool.map(lambda login: check_password(login[1], hashes[login[0]]), logins))
    return [login for login, same in zip(logins, unchanged, strict=True) if same]
