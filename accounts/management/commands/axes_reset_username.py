from accounts.management.commands._lockout import any_of, lockout_command

Command = lockout_command(
    "Reset the lockouts of the given usernames (audited).",
    ["username"],
    lambda options: any_of("username", options["username"]),
)
