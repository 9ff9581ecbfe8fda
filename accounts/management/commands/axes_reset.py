from accounts.management.commands._lockout import Q, lockout_command

Command = lockout_command("Reset every lockout (audited).", [], lambda options: Q())
