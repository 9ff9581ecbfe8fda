from accounts.management.commands._lockout import any_of, lockout_command

Command = lockout_command(
    "Reset the lockouts of the given addresses (audited).",
    ["ip"],
    lambda options: any_of("ip_address", options["ip"]),
)
