"""A small, realistic sample workspace (a fictional invoicing product, "Ledgerly"), written
for this project, and the loader that creates it through the client.

Signals are dated over the last weeks so charts and recency have something to show; the
opportunities and ideas are linked to each other. Once the signals are processed, the
insights each opportunity is about (found by their names) are published and linked to it, so
the opportunities show evidence and a suggested score; the rest stay drafts to triage.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from zentrik_ui.client import ZentrikClient
from zentrik_ui.linking import link_insights
from zentrik_ui.models import IdeaStatus, OpportunityStatus, SignalType

TEXTS = Path(__file__).parent / "texts"


@dataclass(frozen=True)
class SampleSignal:
    file: str
    name: str
    signal_type: SignalType
    days_ago: int
    additional_context: str | None = None


@dataclass(frozen=True)
class SampleOpportunity:
    name: str
    description: str
    score: int
    status: OpportunityStatus
    ideas: tuple[tuple[str, str, IdeaStatus], ...]
    # Names of the sample insights that back it (matched case-insensitively): whatever the
    # extraction words them, they mention this.
    evidence: str


SIGNALS: tuple[SampleSignal, ...] = (
    SampleSignal("interview_finance_lead.txt", "Interview — Maria, Brightwater Logistics",
                 SignalType.TRANSCRIPT, 34, "Customer interview, month-end close"),
    SampleSignal("interview_ops_manager.txt", "Interview — Dev, Northpeak Studios",
                 SignalType.TRANSCRIPT, 27, "Customer interview, onboarding"),
    SampleSignal("interview_founder.txt", "Interview — Aisha, Tally & Twine",
                 SignalType.TRANSCRIPT, 12, "Customer interview, small business"),
    SampleSignal("ticket_export_timeout.txt", "Ticket — annual export failing",
                 SignalType.SUPPORT_TICKET, 20),
    SampleSignal("ticket_sso_login.txt", "Ticket — SSO login loop",
                 SignalType.SUPPORT_TICKET, 9),
    SampleSignal("ticket_invoice_pdf.txt", "Ticket — PDF cuts off line items",
                 SignalType.SUPPORT_TICKET, 4),
    SampleSignal("reviews_g2_march.txt", "G2 reviews — March batch",
                 SignalType.REVIEW, 16, "Public review batch collected from G2"),
    SampleSignal("reviews_app_store.txt", "App Store reviews — mobile",
                 SignalType.REVIEW, 6, "iOS App Store reviews"),
    SampleSignal("discovery_report_q1.md", "Q1 discovery synthesis",
                 SignalType.DISCOVERY_REPORT, 2, "Synthesis of 14 interviews and 120 tickets"),
)  # fmt: skip

OPPORTUNITIES: tuple[SampleOpportunity, ...] = (
    SampleOpportunity(
        "Make large exports reliable",
        "Finance teams with tens of thousands of invoices cannot export a year at once: "
        "exports time out with no explanation and teams split them by hand.",
        70,
        OpportunityStatus.VALIDATED,
        (
            (
                "Background exports with an email when ready",
                "Run large exports asynchronously and send a download link.",
                IdeaStatus.DEVELOPMENT,
            ),
            (
                "Explain export limits in the error",
                "Say the file is too large and suggest a date range.",
                IdeaStatus.RELEASED,
            ),
        ),
        r"\bexport",
    ),
    SampleOpportunity(
        "Multi-step invoice approvals",
        "Teams must approve large invoices twice and do the second approval over email, "
        "which auditors flag.",
        45,
        OpportunityStatus.DISCOVERY,
        (
            (
                "Approval rules by amount and entity",
                "Route invoices above a threshold to a second approver.",
                IdeaStatus.EVALUATING,
            ),
        ),
        r"\bapprov",
    ),
    SampleOpportunity(
        "Faster account onboarding",
        "Setting up an account with many sub-accounts means re-typing the same settings.",
        30,
        OpportunityStatus.DISCOVERY,
        (("Clone an account with its settings", "", IdeaStatus.BACKLOG),),
        r"\bclone|copy settings|import template",
    ),
)


PROCESSING_WAIT_SECONDS = 60.0
_SETTLED = ("processed", "failed")


@dataclass(frozen=True)
class SampleResult:
    signals: list[str]  # publicIds
    opportunities: int
    ideas: int
    linked: int  # insights published and linked to the opportunities


def sample_text(sample: SampleSignal) -> str:
    return (TEXTS / sample.file).read_text(encoding="utf-8")


def load_sample_workspace(
    client: ZentrikClient,
    *,
    now: datetime | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    wait_seconds: float = PROCESSING_WAIT_SECONDS,
) -> SampleResult:
    """Create the sample signals, opportunities and ideas; wait (at most `wait_seconds`) for
    the signals to be processed, then publish and link each opportunity's insights."""
    now = now or datetime.now(UTC)
    total = len(SIGNALS) + len(OPPORTUNITIES) + 1

    def step(done: int, label: str) -> None:
        if on_progress:
            on_progress(done, total, label)

    signal_ids: list[str] = []
    public_ids: list[str] = []
    for index, sample in enumerate(SIGNALS):
        step(index, sample.name)
        created = client.signals.create(
            text=sample_text(sample),
            signal_type=sample.signal_type,
            name=sample.name,
            additional_context=sample.additional_context,
            occurred_at=now - timedelta(days=sample.days_ago),
        )
        signal_ids.append(created.id)
        public_ids.append(created.public_id or created.id)
    opportunity_ids: list[str] = []
    ideas = 0
    for index, opportunity in enumerate(OPPORTUNITIES, start=len(SIGNALS)):
        step(index, opportunity.name)
        opportunity_ids.append(_create_opportunity(client, opportunity))
        ideas += len(opportunity.ideas)
    step(total - 1, "Processing the signals into insights…")
    _wait_processed(client, signal_ids, wait_seconds)
    linked = _link_evidence(client, set(signal_ids), opportunity_ids)
    step(total, "")
    return SampleResult(public_ids, len(OPPORTUNITIES), ideas, linked)


def _create_opportunity(client: ZentrikClient, opportunity: SampleOpportunity) -> str:
    created = client.opportunities.create(
        name=opportunity.name,
        description=opportunity.description,
        score=opportunity.score,
        status=opportunity.status,
    )
    for name, description, status in opportunity.ideas:
        client.ideas.create(
            name=name,
            description=description or None,
            status=status,
            opportunity_ids=[created.id],
        )
    return created.id


def _wait_processed(client: ZentrikClient, signal_ids: Iterable[str], seconds: float) -> None:
    """Until every signal is processed or failed, or `seconds` pass (a slow server's signals
    are linked as far as they are done; the rest stay for the user)."""
    waiting = set(signal_ids)
    deadline = time.monotonic() + seconds
    while waiting and time.monotonic() < deadline:
        waiting = {i for i in waiting if client.signals.get(i).status not in _SETTLED}
        if waiting:
            time.sleep(0.5)


def _link_evidence(client: ZentrikClient, signal_ids: set[str], opportunity_ids: list[str]) -> int:
    """Publish and link the sample's insights each opportunity is about; how many."""
    insights = [i for i in client.insights.iter() if signal_ids.intersection(i.signal_ids)]
    linked = 0
    for opportunity, opportunity_id in zip(OPPORTUNITIES, opportunity_ids, strict=True):
        about = re.compile(opportunity.evidence, re.IGNORECASE)
        matching = [i.id for i in insights if about.search(i.name or "")]
        for insight_id in matching:
            client.insights.update(insight_id, status="published")
        if matching:
            link_insights(client, "Existing opportunity", matching, target_id=opportunity_id)
        linked += len(matching)
    return linked
