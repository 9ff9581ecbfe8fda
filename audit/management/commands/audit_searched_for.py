"""An auditor's lookup from the command line: was this term searched, by whom and when?"""

from django.core.management.base import BaseCommand

from audit.services import searched_for


class Command(BaseCommand):
    help = (
        "List the search events whose terms match TERM (kept as keyed hashes in the audit "
        "log: accents, capitals, spaces and dashes ignored; a match on the whole term or on "
        "every word of it). The lookup is itself recorded in the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("term")

    def handle(self, *args, term, **options):
        found = searched_for(term=term)
        for event in found:
            where = (
                "audit log" if event["detail"].get("audit_log") else event["detail"].get("model")
            )
            self.stdout.write(
                f"{event['occurred_at']:%Y-%m-%d %H:%M:%S%z}  event {event['id']}  "
                f"{event['actor_username'] or '-'}  {where}  hits {event['detail'].get('hits')}"
            )
        self.stdout.write(f"{len(found)} matching searches.")
