from django.db.models import Q

from accounts.management.commands._lockout import lockout_command

Command = lockout_command("Reset every lockout (audited).", [], lambda options: Q())
