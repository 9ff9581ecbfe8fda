"""The statements people tick on the concern step, in the first person when the enrollee fills
in the form and in the third person when a representative or preparer does."""

from django.utils.translation import gettext_lazy as _

CONDITION_LABELS = {
    "condition_physical_health": _(
        "I have a known physical health issue, such as a chronic illness."
    ),
    "condition_mental_health": _("I have a known mental health issue."),
    "condition_disability": _("I have a disability."),
    "condition_pregnancy": _("I have a condition related to pregnancy."),
    "condition_safety_need": _("I have a safety need."),
}
CONCERN_LABELS = {
    "concern_vulnerability_at_enrollment": _(
        "I should not have been placed in MPP because of a particular vulnerability."
    ),
    "concern_vulnerability_changed": _(
        "My circumstances have changed since I was first placed in MPP and I believe I should "
        "now be taken out of MPP due to a particular vulnerability."
    ),
    "concern_new_fear_no_interview": _(
        "I did not previously receive an interview about my fear of remaining in Mexico, but my "
        "circumstances have changed and I now have a fear of remaining in Mexico."
    ),
    "concern_fear_changed_since_interview": _(
        "I received an interview about my fear of remaining in Mexico, but my circumstances "
        "have changed significantly since that time."
    ),
    "concern_something_else": _("Something else: my request is not about leaving MPP."),
}
# The same statements when someone else fills in the form for the person enrolled in MPP.
CONDITION_LABELS_FOR_SOMEONE_ELSE = {
    "condition_physical_health": _(
        "The person enrolled in MPP has a known physical health issue, such as a chronic "
        "illness."
    ),
    "condition_mental_health": _("The person enrolled in MPP has a known mental health issue."),
    "condition_disability": _("The person enrolled in MPP has a disability."),
    "condition_pregnancy": _(
        "The person enrolled in MPP has a condition related to pregnancy."
    ),
    "condition_safety_need": _("The person enrolled in MPP has a safety need."),
}
CONCERN_LABELS_FOR_SOMEONE_ELSE = {
    "concern_vulnerability_at_enrollment": _(
        "The person enrolled in MPP should not have been placed in MPP because of a particular "
        "vulnerability."
    ),
    "concern_vulnerability_changed": _(
        "The circumstances of the person enrolled in MPP have changed since they were first "
        "placed in MPP, and they should now be taken out of MPP due to a particular "
        "vulnerability."
    ),
    "concern_new_fear_no_interview": _(
        "The person enrolled in MPP did not previously receive an interview about their fear "
        "of remaining in Mexico, but their circumstances have changed and they now have a fear "
        "of remaining in Mexico."
    ),
    "concern_fear_changed_since_interview": _(
        "The person enrolled in MPP received an interview about their fear of remaining in "
        "Mexico, but their circumstances have changed significantly since that time."
    ),
    "concern_something_else": _("Something else: the request is not about leaving MPP."),
}
VULNERABILITY_HINT = _(
    "A particular vulnerability may be a known physical or mental health issue, including a "
    "disability or a medical condition related to pregnancy; advanced age; or a higher risk of "
    "harm in Mexico because of sexual orientation or gender identity."
)
