from django.core.management.base import BaseCommand

from demo.seed import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create one demo user per role and a few hundred demo cases (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=300)

    def handle(self, *args, cases, **options):
        def progress(done, total):
            self.stdout.write(f"  demo cases: {done}/{total}")

        users, created = seed_demo(cases=cases, progress=progress)
        self.stdout.write(f"Demo cases created: {created}")
        self.stdout.write(f"Demo staff users (password: {DEMO_PASSWORD}):")
        for role, user in users.items():
            self.stdout.write(f"  {role:<11} {user.username}")
