"""What a channel backend is given and what it answers."""

from dataclasses import dataclass

from cases.models import AttemptOutcome


@dataclass(frozen=True)
class Outgoing:
    """One message as a backend sends it."""

    channel: str
    to_address: str
    subject: str
    body: str
    language: str
    case_number: str  # the only variable a WhatsApp template is given


@dataclass(frozen=True)
class ProviderAnswer:
    outcome: str  # AttemptOutcome
    provider_message_id: str = ""
    # An error code or exception class, never content or address.
    detail: str = ""

    @property
    def accepted(self) -> bool:
        return self.outcome == AttemptOutcome.ACCEPTED


def accepted(provider_message_id: str) -> ProviderAnswer:
    return ProviderAnswer(AttemptOutcome.ACCEPTED, provider_message_id=provider_message_id[:200])


def refused(detail: str) -> ProviderAnswer:
    return ProviderAnswer(AttemptOutcome.REFUSED, detail=detail[:200])


def unavailable(detail: str) -> ProviderAnswer:
    return ProviderAnswer(AttemptOutcome.UNAVAILABLE, detail=detail[:200])
