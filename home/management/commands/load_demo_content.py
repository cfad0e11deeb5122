import importlib
import importlib.util
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from catalogue.models import WishPage
from home.demo_media import illustrate_solutions
from home.site_tree import build_site_tree

PAGES = Path(settings.BASE_DIR) / "home" / "demo" / "pages.json"
CATALOGUE = Path(settings.BASE_DIR) / "catalogue" / "demo" / "catalogue.jsonl"
DEMO_LOGIN = ("admin", "innoportal-demo")


class Command(BaseCommand):
    help = "Load the bilingual demo site once: page tree, catalogue (through import_catalogue), demo login."

    def add_arguments(self, parser):
        parser.add_argument("--structure-only", action="store_true", help="only the homes and section pages")
        parser.add_argument("--force", action="store_true", help="load even when the database has content")

    def handle(self, *args, structure_only=False, force=False, **options):
        if WishPage.objects.exists() and not force:
            self.stdout.write("Demo content: the database already has content; nothing loaded.")
            self.show_demo_login()
            return
        build_site_tree(json.loads(PAGES.read_text(encoding="utf-8")))
        self.stdout.write("Site tree ready in " + ", ".join(code for code, _ in settings.LANGUAGES))
        if structure_only:
            return
        call_command("import_catalogue", str(CATALOGUE), stdout=self.stdout, stderr=self.stderr)
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

    def show_demo_login(self):
        """Print the demo login for as long as the demo account still has its demo password."""
        user = get_user_model().objects.filter(username=DEMO_LOGIN[0]).first()
        if user and user.check_password(DEMO_LOGIN[1]):
            self.stdout.write(
                self.style.WARNING(
                    f"Local demo login for /admin/: {DEMO_LOGIN[0]} / {DEMO_LOGIN[1]} (demo only; change it)"
                )
            )
