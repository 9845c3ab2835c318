"""The typed Zentrik client: `ZentrikClient`, the local server's `AdminClient`, and their
error tree."""

from zentrik_ui.client._admin import AdminClient
from zentrik_ui.client._advice import Advice, can_retry, explain, support_details
from zentrik_ui.client._client import ZentrikClient, key_fingerprint
from zentrik_ui.client._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    PreconditionFailedError,
    RateLimitError,
    TextTooLongError,
    UnprocessableEntityError,
    ZentrikError,
)

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AdminClient",
    "Advice",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "InvalidRequestError",
    "NotFoundError",
    "PermissionDeniedError",
    "PreconditionFailedError",
    "RateLimitError",
    "TextTooLongError",
    "UnprocessableEntityError",
    "ZentrikClient",
    "ZentrikError",
    "can_retry",
    "explain",
    "key_fingerprint",
    "support_details",
]
