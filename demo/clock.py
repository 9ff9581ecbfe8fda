"""Writing the demo's past: the time the services read while its history is played out.

The services take the time from ``django.utils.timezone.now``; while a demo step runs, that
reads this clock instead, so a case received eleven weeks ago gets its transitions, messages,
history and audit events at the moments of its story (the audit chain stays in order, since
the steps of all the cases are played in time order). Demo mode only.
"""

from contextlib import contextmanager
from unittest import mock


class DemoClock:
    def __init__(self, at):
        self.at = at

    def __call__(self):
        return self.at


@contextmanager
def demo_clock(at):
    clock = DemoClock(at)
    with mock.patch("django.utils.timezone.now", clock):
        yield clock
