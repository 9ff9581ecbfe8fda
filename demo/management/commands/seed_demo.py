import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.seed import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Demo mode only: create one demo user per role and a few hundred demo cases."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=300)

    def handle(self, *args, cases, **options):
        # Demo users have a published password; they must never reach a real database.
        if not settings.MPP_DEMO_MODE:
            raise CommandError("seed_demo works only when MPP_DEMO_MODE is on.")

        def progress(done, total):
            self.stdout.write(f"  demo cases: {done}/{total}")

        with _quiet_tasks():
            users, created = seed_demo(cases=cases, progress=progress)
        self.stdout.write(f"Demo cases created: {created}")
        self.stdout.write(f"Demo staff users (password: {DEMO_PASSWORD}):")
        for role, user in users.items():
            self.stdout.write(f"  {role:<11} {user.username}")


@contextmanager
def _quiet_tasks():
    """Seeding runs a few thousand tasks in-process; the progress lines say enough."""
    trace = logging.getLogger("celery.app.trace")
    level = trace.level
    trace.setLevel(logging.WARNING)
    try:
        yield
    finally:
        trace.setLevel(level)
