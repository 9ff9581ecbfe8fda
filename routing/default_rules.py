"""The default routing policy (docs/routing.md), as shipped by migration 0003_default_rules.

Change the policy in a new data migration, not here: this list is what that migration installed.
"""

VULNERABILITY = ["concern_vulnerability_at_enrollment", "concern_vulnerability_changed"]
NEW_FEAR = ["concern_new_fear_no_interview"]
FEAR_CHANGED = ["concern_fear_changed_since_interview"]
ALL_CONCERNS = VULNERABILITY + NEW_FEAR + FEAR_CHANGED
ALL_CONDITIONS = [
    "condition_physical_health",
    "condition_mental_health",
    "condition_disability",
    "condition_pregnancy",
    "condition_safety_need",
]

DEFAULT_RULES = [
    dict(
        order=10,
        name="Not a disenrollment request",
        explanation="None of the four disenrollment concerns was chosen: program personnel "
        "handle the submission.",
        concerns_none_of=ALL_CONCERNS,
        target="triage",
        mode="place",
    ),
    dict(
        order=20,
        name="Something else as well",
        explanation="'Something else' was chosen beside a disenrollment concern: program "
        "personnel read the description first; CBP reviews disenrollment requests first.",
        something_else="yes",
        target="cbp",
        mode="suggest",
    ),
    dict(
        order=30,
        name="Vulnerability without a condition",
        explanation="A vulnerability concern with none of the listed conditions: program "
        "personnel read the description first; CBP reviews vulnerability.",
        concerns_any_of=VULNERABILITY,
        conditions_none_of=ALL_CONDITIONS,
        target="cbp",
        mode="suggest",
    ),
    dict(
        order=40,
        name="Vulnerability",
        explanation="A vulnerability concern with a listed condition: CBP reviews it; CBP "
        "refers any fear concern to USCIS.",
        concerns_any_of=VULNERABILITY,
        target="cbp",
        mode="place",
    ),
    dict(
        order=50,
        name="New fear, no interview yet",
        explanation="A new fear of return to Mexico without a prior interview: CBP reviews "
        "first and refers to USCIS for a fear interview.",
        concerns_any_of=NEW_FEAR,
        target="cbp",
        mode="place",
    ),
    dict(
        order=60,
        name="Fear changed since an interview",
        explanation="Circumstances changed since a fear interview, and nothing else: program "
        "personnel decide whether USCIS should see it directly.",
        concerns_any_of=FEAR_CHANGED,
        target="uscis",
        mode="suggest",
    ),
]


def install_default_rules(RoutingRule) -> int:
    """Put the default rules in an empty rule table (after a test database flush); the count."""
    if RoutingRule.objects.exists():
        return 0
    RoutingRule.objects.bulk_create(RoutingRule(**rule) for rule in DEFAULT_RULES)
    from routing.selectors import forget_active_rules  # bulk_create tells no receiver

    forget_active_rules()
    return len(DEFAULT_RULES)
