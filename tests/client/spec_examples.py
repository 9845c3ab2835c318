# ruff: noqa: E501  (copied word for word from the spec, long lines included)
"""The example bodies of `zentrik-external-api.txt`, copied word for word (do not tidy).

Responses are what a real Zentrik answers; requests are what the spec shows clients send.
"""

SIGNAL_LIST = r"""[
{
"id": "uuid",
"name": "Support Ticket - 3/20/24, 10:00 AM",
"publicId": "SIGNAL-42",
"workspaceId": "workspace-uuid",
"status": "processed",
"context": "support_request",
"signalType": null,
"source": {
"type": "support-ticket",
"external_data": {
"provider": "zendesk",
"ticketId": "12345"
}
},
"data": {
"subject": "Users cannot reset password",
"severity": "high"
},
"insightIds": [],
"externalId": "external-123",
"createdAt": "2024-03-20T10:00:00Z",
"updatedAt": "2024-03-20T10:00:00Z"
}
]"""

SIGNAL_GET = r"""{
"id": "uuid",
"name": "Support Ticket - 3/20/24, 10:00 AM",
"publicId": "SIGNAL-42",
"workspaceId": "workspace-uuid",
"status": "processed",
"context": "support_request",
"signalType": null,
"source": {
"type": "product-analytics",
"external_data": {
"event": "checkout_abandoned"
}
},
"data": {
"sessionId": "session-123"
},
"insightIds": [
"insight-uuid"
],
"externalId": "external-123",
"createdAt": "2024-03-20T10:00:00Z",
"updatedAt": "2024-03-20T10:00:00Z"
}"""

SIGNAL_CREATE = r"""{
"id": "uuid",
"name": "Review - 3/11/25, 2:30 PM",
"publicId": "SIGNAL-43",
"workspaceId": "workspace-uuid",
"status": "processing",
"context": null,
"signalType": "review",
"source": {
"type": "manual-text",
"external_data": {
"signalType": "review",
"analysisProfile": "survey_response"
}
},
"data": {
"s3Key": "signals/manual-text/workspace-uuid/uuid.txt",
"productIds": [
"product-uuid-1"
],
"accountId": "account-uuid-1",
"additionalContext": "Public review batch collected from G2 and Capterra.",
"uploadedAt": "2025-03-21T10:00:00Z"
},
"insightIds": [],
"externalId": null,
"createdAt": "2025-03-11T14:30:00Z",
"updatedAt": "2025-03-21T10:00:00Z",
"jobId": "job-123",
"processing": {
"lastJobId": "job-123",
"startedAt": "2025-03-21T10:00:00Z",
"processedAt": null,
"failedAt": null,
"lastError": null
}
}"""

SIGNAL_DELETE = r"""{
"message": "Deleted"
}"""

SIGNAL_PROCESS = r"""{
"jobId": "job-456"
}"""

INSIGHT_LIST = r"""[
{
"id": "550e8400-e29b-41d4-a716-446655440000",
"name": "Users find navigation confusing",
"description": "Initial feedback from beta testers...",
"status": "published",
"type": "feedback",
"productId": "8a1b2c3d-...",
"createdAt": "2024-03-20T10:00:00Z",
"updatedAt": "2024-03-20T10:00:00Z",
"opportunityIds": [
"uuid-1"
],
"ideaIds": [
"uuid-2"
],
"tagIds": [
"tag-1"
]
}
]"""

INSIGHT_GET = r"""{
"id": "550e8400-e29b-41d4-a716-446655440000",
"name": "Users find navigation confusing",
"description": "Initial feedback from beta testers...",
"status": "published",
"type": "feedback",
"productId": "8a1b2c3d-...",
"createdAt": "2024-03-20T10:00:00Z",
"updatedAt": "2024-03-20T10:00:00Z",
"opportunityIds": [
"uuid-1"
],
"ideaIds": [
"uuid-2"
],
"tagIds": [
"tag-1"
]
}"""

INSIGHT_CREATE = r"""{
"id": "uuid",
"name": "User finds the billing page confusing",
"description": "During user interviews, 3/5 users couldn't find...",
"status": "published",
"type": "feedback",
"productId": "8a1b2c3d-...",
"createdAt": "2024-03-20T10:00:00Z",
"updatedAt": "2024-03-20T10:00:00Z",
"opportunityIds": [],
"ideaIds": [],
"tagIds": [
"tag-1"
]
}"""

INSIGHT_UPDATE = r"""{
"id": "uuid",
"name": "Users find navigation confusing",
"description": "Initial feedback from beta testers...",
"status": "archived",
"type": "feedback",
"productId": "8a1b2c3d-...",
"createdAt": "2024-03-20T10:00:00Z",
"updatedAt": "2024-03-21T09:00:00Z"
}"""

INSIGHT_DELETE = r"""{
"message": "Deleted"
}"""

INSIGHT_EXTRACT = r"""[
{
"id": "uuid-1",
"name": "Navigation issue",
"description": "Users expressed confusion about the menu layout...",
"type": "feedback",
"status": "draft",
"createdAt": "2024-03-20T10:00:00Z"
}
]"""

OPPORTUNITY_LIST = r"""[
{
"id": "uuid",
"name": "Streamline checkout process",
"description": "High drop-off rate at the final step...",
"score": 85
}
]"""

OPPORTUNITY_GET = r"""{
"id": "uuid",
"name": "Streamline checkout process"
}"""

OPPORTUNITY_CREATE = r"""{
"id": "uuid",
"name": "Reduce churn in Mobile App"
}"""

IDEA_LIST = r"""[
{
"id": "uuid",
"name": "Implement one-click checkout",
"description": "Reduce friction by storing user preferences...",
"status": "evaluating"
}
]"""

IDEA_CREATE = r"""{
"id": "uuid",
"name": "AI-powered search"
}"""

SIGNAL_CREATE_REQUEST = r"""{
"name": "G2 Reviews - March Batch",
"text": "Users love the product overall, but several reviewers mention that exports are hard to find and slow to complete for large datasets.",
"signalType": "review",
"additionalContext": "Public review batch collected from G2 and Capterra.",
"occurredAt": "2025-03-11T14:30:00Z",
"productIds": [
"product-uuid-1"
],
"accountId": "account-uuid-1"
}"""

INSIGHT_CREATE_REQUEST = r"""{
"name": "User finds the billing page confusing",
"description": "During user interviews, 3/5 users couldn't find...",
"status": "published",
"type": "feedback",
"productId": "8a1b2c3d-...",
"tagIds": [
"tag-1"
]
}"""

INSIGHT_EXTRACT_REQUEST = r"""{
"transcript": "Full text of the meeting or feedback...",
"createInsights": true
}"""

OPPORTUNITY_CREATE_REQUEST = r"""{
"name": "Reduce churn in Mobile App",
"description": "Users are uninstalling after 2 days...",
"score": 92
}"""

IDEA_CREATE_REQUEST = r"""{
"name": "AI-powered search",
"description": "Use LLMs to improve search relevance..."
}"""
