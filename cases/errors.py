"""The domain's refusals, raised by services and caught by the pages that call them."""


class IllegalTransition(Exception):
    """The case is not in a state from which this move is allowed."""

    def __init__(self, case, action, allowed_from):
        self.case_number = case.case_number
        self.status = case.status
        self.action = action
        self.allowed_from = tuple(allowed_from)
        super().__init__(
            f"{action} is not allowed for case {case.case_number} in status {case.status!r}"
        )


class InvalidCaseData(ValueError):
    """The data given for a case breaks one of its rules."""


class DocumentNotDownloadable(Exception):
    """The document has not been scanned clean (pending, infected or failed scan)."""
