"""A small, realistic sample workspace (a fictional invoicing product, "Ledgerly"), written
for this project, and the loader that creates it through the client.

Signals are dated over the last weeks so charts and recency have something to show; the
opportunities and ideas are linked to each other, and the insights are left for the user to
triage and link — that is the product's point.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from zentrik_ui.client import ZentrikClient
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
    ),
    SampleOpportunity(
        "Faster account onboarding",
        "Setting up an account with many sub-accounts means re-typing the same settings.",
        30,
        OpportunityStatus.DISCOVERY,
        (("Clone an account with its settings", "", IdeaStatus.BACKLOG),),
    ),
)


@dataclass(frozen=True)
class SampleResult:
    signals: list[str]  # publicIds
    opportunities: int
    ideas: int


def sample_text(sample: SampleSignal) -> str:
    return (TEXTS / sample.file).read_text(encoding="utf-8")


def load_sample_workspace(
    client: ZentrikClient,
    *,
    now: datetime | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> SampleResult:
    """Create the sample signals (queued for processing), opportunities and ideas."""
    now = now or datetime.now(UTC)
    total = len(SIGNALS) + len(OPPORTUNITIES)
    public_ids: list[str] = []
    for step, sample in enumerate(SIGNALS):
        if on_progress:
            on_progress(step, total, sample.name)
        created = client.signals.create(
            text=sample_text(sample),
            signal_type=sample.signal_type,
            name=sample.name,
            additional_context=sample.additional_context,
            occurred_at=now - timedelta(days=sample.days_ago),
        )
        public_ids.append(created.public_id or created.id)
    ideas = 0
    for step, opportunity in enumerate(OPPORTUNITIES, start=len(SIGNALS)):
        if on_progress:
            on_progress(step, total, opportunity.name)
        created_opp = client.opportunities.create(
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
                opportunity_ids=[created_opp.id],
            )
            ideas += 1
    if on_progress:
        on_progress(total, total, "")
    return SampleResult(public_ids, len(OPPORTUNITIES), ideas)
