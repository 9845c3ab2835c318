"""Base classes for request and response payloads: camelCase on the wire, sizes checked."""

from __future__ import annotations

from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.alias_generators import to_camel

from zentrik_server.config import MAX_PAGE_SIZE, MAX_TEXT_CHARS
from zentrik_server.errors import PayloadTooLarge


class ApiModel(BaseModel):
    """A request body: camelCase field names, unknown fields ignored (as a tolerant API does).

    PATCH bodies declare non-nullable fields as `name: str = Field(default=None)`: absent
    means "leave alone" (`model_fields_set`), an explicit null is a 422.
    """

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, allow_inf_nan=False)

    @model_validator(mode="after")
    def _texts_fit(self) -> Self:
        for name, value in self:
            if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
                alias = type(self).model_fields[name].alias or name
                raise PayloadTooLarge(f"{alias} is longer than {MAX_TEXT_CHARS} characters")
        return self

    def changes(self) -> dict[str, Any]:
        """Only the fields the client sent, by Python name."""
        return self.model_dump(include=self.model_fields_set)


class ApiOut(BaseModel):
    """A response shape, for the OpenAPI document only: responses are built as plain dicts."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class ListQuery(BaseModel):
    """A list's query parameters, validated in one pass (see deps.QueryDep)."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")

    limit: int = Field(
        default=20, ge=1, le=MAX_PAGE_SIZE, description="Maximum number of items to return"
    )
    # Bounded by the largest integer the databases store (a bigger one is a 422, not a 500).
    offset: int = Field(default=0, ge=0, le=2**63 - 1, description="Number of items to skip")

    def filters(self) -> dict[str, str]:
        """The filters given, by their query parameter name."""
        given = self.model_dump(by_alias=True, exclude={"limit", "offset"}, exclude_none=True)
        return {name: str(value) for name, value in given.items()}


class Deleted(BaseModel):
    message: str = "Deleted"
