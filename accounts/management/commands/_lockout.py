"""django-axes' reset commands, audited: the same names and arguments, through the service the
staff site's unlock uses (accounts.services.reset_lockout). Ours win because accounts comes
before axes in INSTALLED_APPS."""

from axes.models import AccessAttempt
from django.core.management.base import BaseCommand
from django.db.models import Q

from accounts.services import command_line_origin, reset_lockout


def lockout_command(help_text, arguments, attempts_for):
    class Command(BaseCommand):
        help = help_text

        def add_arguments(self, parser):
            for name in arguments:
                parser.add_argument(name, nargs="+" if len(arguments) == 1 else None)

        def handle(self, *args, **options):
            attempts = AccessAttempt.objects.filter(attempts_for(options))
            count = reset_lockout(attempts=attempts, detail=command_line_origin())
            self.stdout.write(f"{count} attempts removed." if count else "No attempts found.")

    return Command


def any_of(field, values):
    return Q(**{f"{field}__in": values})
