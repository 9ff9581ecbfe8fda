from django.db.models import Q

from accounts.management.commands._lockout import lockout_command

Command = lockout_command(
    "Reset the lockouts of one address and username (audited).",
    ["ip", "username"],
    lambda options: Q(ip_address=options["ip"], username=options["username"]),
)
