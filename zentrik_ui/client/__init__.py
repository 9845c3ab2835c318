"""The typed Zentrik client: `ZentrikClient`, the local server's `AdminClient`, and their
error tree."""

from zentrik_ui.client._admin import AdminClient
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
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "InvalidRequestError",
    "NotFoundError",
    "PermissionDeniedError",
    "PreconditionFailedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "ZentrikClient",
    "ZentrikError",
    "key_fingerprint",
]
