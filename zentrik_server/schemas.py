"""Base classes for request and response payloads: camelCase on the wire, sizes checked."""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.alias_generators import to_camel

from zentrik_server.config import MAX_PAGE_SIZE, MAX_TEXT_CHARS
from zentrik_server.errors import Invalid, PayloadTooLarge
from zentrik_server.json_values import first_problem, path_name, wire_items


class ApiPart(BaseModel):
    """An object inside a request body: camelCase field names, unknown fields refused (a 422
    naming them: a misspelt field silently dropped would look like a successful write).

    Its values are checked by the walk of the body that holds it (ApiModel), so that an error
    names the field by its whole path (`externalReferences[0].url`).
    """

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, allow_inf_nan=False, extra="forbid"
    )


class ApiModel(ApiPart):
    """A request body: an ApiPart whose every value is checked once, before anything is written.

    PATCH bodies declare non-nullable fields as `name: str = Field(default=None)`: absent
    means "leave alone" (`model_fields_set`), an explicit null is a 422.
    """

    @model_validator(mode="after")
    def _values_fit(self) -> Self:
        # Raised as domain errors (not ValueError) so they name the field with their own
        # status: 413 for a text's size; 422 for a value that could be stored but not read
        # back (json_values: NUL, lone surrogates, inf, huge ints, deep nesting, year 0).
        for alias, value in wire_items(self).items():
            if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
                raise PayloadTooLarge(f"{alias} is longer than {MAX_TEXT_CHARS} characters")
            problem = first_problem(value)
            if problem is not None:
                path, message = problem
                raise Invalid.field(path_name(alias, path), message)
        return self

    def changes(self) -> dict[str, Any]:
        """Only the fields the client sent, by Python name."""
        return self.model_dump(include=self.model_fields_set)


# The column holding a product id is 200 characters wide.
ProductId = Annotated[str, Field(max_length=200)]


class ApiOut(BaseModel):
    """A response shape for the OpenAPI document: responses are built by the resource's `Shape`
    (resources/shapes.py), and tests/server/test_contract.py keeps the two in step.

    A field without a default is a key of the object (its shape has it, every answer sends
    it); a field with a default is answer-only (a signal create's `jobId`), never stored.
    """

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
