"""The ``seed_demo`` command: demo content and demo accounts for every role, safe to run again."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Site

from cohorts.models import Fellow, Mentor
from core.database import analyse
from core.page_log import quiet_page_log
from core.roles import FELLOWS, MENTORS, PROGRAMME_TEAM
from demo.follow_ups import seed_follow_ups
from demo.tracking import seed_tracking_year
from projects.models import ProjectPage
from records.importers import ImportValidationError, import_document

DEMO_CONTENT = Path(__file__).resolve().parents[2] / "demo_content.json"

# The draft a fellow has submitted and a mentor is asked to review.
DRAFT_AWAITING_REVIEW = "asking-about-adversity-in-the-first-thousand-days"

SITE_HOSTNAME = "127.0.0.1"
SITE_PORT = 8000


@dataclass(frozen=True)
class DemoAccount:
    """A demo login. ``fellow`` or ``mentor`` names the profile (by slug or email) it is linked to.

    Apart from the superuser, usernames are email addresses: the importer gives fellows and
    mentors accounts whose login is their email, and these accounts are those same accounts.
    """

    username: str
    password: str
    role: str
    first_name: str
    last_name: str
    email: str
    try_this: str
    group: str | None = None
    superuser: bool = False
    fellow: str | None = None
    mentor: str | None = None


DEMO_ACCOUNTS = [
    DemoAccount(
        username="admin",
        password="demo-admin",
        role="Superuser",
        first_name="Site",
        last_name="Administrator",
        email="admin@example.org",
        superuser=True,
        try_this="Everything in /admin/, including users, groups and workflows.",
    ),
    DemoAccount(
        username="kate.marsden@example.org",
        password="demo-programme",
        role="Programme team",
        first_name="Kate",
        last_name="Marsden",
        email="kate.marsden@example.org",
        group=PROGRAMME_TEAM,
        try_this="Manage cohorts, fellows, themes and events; sign off and publish the draft "
        "once its mentor approves it.",
    ),
    DemoAccount(
        username="zara.iqbal@example.org",
        password="demo-fellow",
        role="Fellow, Class of 2024",
        first_name="Zara",
        last_name="Iqbal",
        email="zara.iqbal@example.org",
        group=FELLOWS,
        fellow="zara-iqbal",
        try_this="Open her draft 'Asking about adversity in the first thousand days': it waits "
        "in Mentor review, locked until her mentor acts. See its status and history.",
    ),
    DemoAccount(
        username="tom.hartley@example.org",
        password="demo-fellow",
        role="Fellow, Class of 2024",
        first_name="Tom",
        last_name="Hartley",
        email="tom.hartley@example.org",
        group=FELLOWS,
        fellow="tom-hartley",
        try_this="Edit his project 'Curiosity, not judgement' and submit it for review. "
        "Zara's draft is closed to him.",
    ),
    DemoAccount(
        username="joanne.whitaker@example.org",
        password="demo-mentor",
        role="Mentor, assigned to Zara's draft",
        first_name="Joanne",
        last_name="Whitaker",
        email="joanne.whitaker@example.org",
        group=MENTORS,
        mentor="joanne.whitaker@example.org",
        try_this="Open Zara's draft from the dashboard: comment, request changes with a "
        "reason, or approve it.",
    ),
    DemoAccount(
        username="marcus.adeyemi@example.org",
        password="demo-mentor",
        role="Mentor, not assigned",
        first_name="Marcus",
        last_name="Adeyemi",
        email="marcus.adeyemi@example.org",
        group=MENTORS,
        mentor="marcus.adeyemi@example.org",
        try_this="Zara's draft is closed to him: only its assigned mentors can review it.",
    ),
]


class Command(BaseCommand):
    """Load the demo cohorts, projects and Knowledge Exchange, and create a login for every role."""

    help = (
        "Load demo content (the classes of 2023 and 2024 of the Improving Population Health "
        "Fellowship, their projects, findings and themes, and the 4th Adversity, Trauma and "
        "Resilience Knowledge Exchange) through the importer, put one draft in mentor review, and "
        "create demo accounts for every role with the passwords printed at the end. Running it "
        "again changes nothing. The passwords are public, so the command refuses to run when "
        "DEBUG is False unless you pass --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is False. The demo accounts have well-known passwords: "
            "never use this on a site the public can reach.",
        )

    def handle(self, *args, force=False, verbosity=1, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is False, so this looks like a real site. The demo accounts have "
                "well-known passwords; run with --force only if you are sure."
            )
        with transaction.atomic(), quiet_page_log(verbosity):
            site = self.configure_site()
            self.import_content()
            accounts = [self.ensure_account(account) for account in DEMO_ACCOUNTS]
            draft = self.submit_draft_for_review()
            self.seed_follow_ups()
            seed_tracking_year(self.say)
        analyse()
        self.print_accounts(accounts)
        self.say("")
        self.say(f"Public site: {site.root_url}/")
        self.say(f"Admin:       {site.root_url}/admin/")
        self.say(f"The draft in review: {site.root_url}/admin/pages/{draft.pk}/edit/")

    def say(self, message):
        self.stdout.write(message)

    def configure_site(self):
        """Serve the site at http://127.0.0.1:8000, where ``make run`` starts it.

        The default site also answers for every other host name (localhost included), and
        full URLs in emails now point at the running site instead of http://localhost/.
        """
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site. Run 'python manage.py migrate' first.")
        wanted = {"hostname": SITE_HOSTNAME, "port": SITE_PORT, "site_name": "Fellowship Hub"}
        if all(getattr(site, name) == value for name, value in wanted.items()):
            self.say(f"Site: unchanged ({site.root_url}, also answers on localhost).")
            return site
        for name, value in wanted.items():
            setattr(site, name, value)
        site.save()
        self.say(f"Site: now {site.root_url} (also answers on localhost).")
        return site

    def import_content(self):
        data = json.loads(DEMO_CONTENT.read_text(encoding="utf-8"))
        try:
            report = import_document(data, source=f"the demo content ({DEMO_CONTENT.name})")
        except ImportValidationError as error:
            problems = "\n".join(f"  {problem}" for problem in error.errors)
            raise CommandError(f"{error}\n{problems}") from error
        self.say(report.summary())

    def ensure_account(self, spec):
        """Create or update the account in place, so running again leaves it as it is."""
        profile = self.profile_for(spec)
        user = self.find_user(spec, profile)
        created = user is None
        if created:
            user = get_user_model()(username=spec.username)
        fields = {
            "username": spec.username,
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "email": spec.email,
            "is_active": True,
            "is_superuser": spec.superuser,
            "is_staff": spec.superuser,
        }
        changed = created or any(getattr(user, name) != value for name, value in fields.items())
        for name, value in fields.items():
            setattr(user, name, value)
        # A fresh hash on every run would count as a change; only reset a password that differs.
        if created or not user.check_password(spec.password):
            user.set_password(spec.password)
            changed = True
        if changed:
            user.save()
        if spec.group:
            group = self.group(spec.group)
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
                changed = True
        if profile is not None and profile.user_id != user.pk:
            profile.user = user
            profile.save(update_fields=["user"])
            changed = True
        self.say(
            f"Account {spec.username}: {'created' if created else 'updated' if changed else 'unchanged'}."
        )
        return spec, user

    def profile_for(self, spec):
        if spec.fellow:
            return Fellow.objects.get(slug=spec.fellow)
        if spec.mentor:
            return Mentor.objects.get(email=spec.mentor)
        return None

    def find_user(self, spec, profile):
        """The demo user if it exists, else the account the importer made for the profile."""
        users = get_user_model().objects
        return (
            users.filter(username=spec.username).first()
            or (profile.user if profile is not None else None)
            or users.filter(email__iexact=spec.email).first()
        )

    def group(self, name):
        try:
            return Group.objects.get(name=name)
        except Group.DoesNotExist:
            raise CommandError(
                f"The '{name}' group is missing. Run 'python manage.py migrate' first."
            ) from None

    def submit_draft_for_review(self):
        """Submit the demo draft to its workflow as its fellow, as the editor's Submit button does."""
        page = ProjectPage.objects.get(slug=DRAFT_AWAITING_REVIEW)
        fellow = page.fellows.exclude(user=None).select_related("user").first()
        if fellow is None:
            raise CommandError(f"The draft '{page.title}' has no fellow with an account.")
        state = page.current_workflow_state
        if state is not None:
            task = state.current_task_state.task.name if state.current_task_state else "none"
            self.say(f"Draft '{page.title}': already in review (task: {task}).")
            return page
        workflow = page.get_workflow()
        if workflow is None:
            self.stderr.write(
                f"Draft '{page.title}' was not submitted for review: no workflow is assigned to "
                "the cohorts yet. Run 'python manage.py migrate', then run seed_demo again."
            )
            return page
        page.save_revision(user=fellow.user, log_action=True)
        workflow.start(page, fellow.user)
        page.refresh_from_db()
        task = page.current_workflow_state.current_task_state.task.name
        self.say(f"Draft '{page.title}': submitted by {fellow.name}, now in '{task}'.")
        return page

    def seed_follow_ups(self):
        """The class of 2023's 12-month follow-ups, for the impact page and "What happened next"."""
        written = seed_follow_ups()
        self.say(f"Follow-ups: {written} 12-month follow-ups of the class of 2023.")

    def print_accounts(self, accounts):
        rows = [("Username", "Password", "Role", "What to try")]
        rows += [
            (user.username, spec.password, spec.role, spec.try_this) for spec, user in accounts
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        self.say("")
        self.say("Demo accounts (for demonstration only; log in at /admin/):")
        for index, row in enumerate(rows):
            cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=False)]
            self.say("  " + "  ".join(cells) + "  " + row[3])
            if index == 0:
                self.say("  " + "  ".join("-" * width for width in widths) + "  " + "-" * 11)
