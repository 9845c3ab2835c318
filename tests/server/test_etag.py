"""Lost updates: an ETag on every single-object answer, If-Match honoured on PATCH and DELETE.

Runs against the live SQLite server and against a server on PostgreSQL (a schema of its own).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import ServerHandle
from tests.server.conftest import create, error_of, settled

RESOURCES = ["signals", "insights", "opportunities", "ideas"]
NewClient = Callable[[], httpx.Client]


def _key(base_url: str, admin_token: str) -> str:
    response = httpx.post(
        f"{base_url}/admin/v1/keys",
        json={"workspace": f"etag-{uuid.uuid4().hex[:12]}"},
        headers={"Authorization": f"Bearer {admin_token}"},
        timeout=10.0,
    )
    response.raise_for_status()
    return str(response.json()["key"])


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_client(request: pytest.FixtureRequest) -> Iterator[NewClient]:
    """`new_client()`: another PM's client on the same fresh workspace."""
    server: ServerHandle = request.getfixturevalue(
        "live_server" if request.param == "sqlite" else "pg_server"
    )
    key = _key(server.base_url, server.admin_token)
    opened: list[httpx.Client] = []

    def make() -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"}
        opened.append(httpx.Client(base_url=server.base_url, headers=headers, timeout=30.0))
        return opened[-1]

    yield make
    for client in opened:
        client.close()


@pytest.fixture
def api(new_client: NewClient) -> httpx.Client:
    return new_client()


def _made(api: httpx.Client, resource: str) -> dict[str, Any]:
    """A created object, settled if it is a signal (so only its PMs change it from here)."""
    made = create(api, resource)
    return settled(api, made) if resource == "signals" else made


def _read(api: httpx.Client, resource: str, object_id: str) -> tuple[dict[str, Any], str]:
    response = api.get(f"/external/v1/{resource}/{object_id}")
    assert response.status_code == 200, response.text
    return response.json(), response.headers["ETag"]


def _patch(
    api: httpx.Client, resource: str, object_id: str, if_match: str | None, **body: Any
) -> httpx.Response:
    headers = {"If-Match": if_match} if if_match is not None else {}
    return api.patch(f"/external/v1/{resource}/{object_id}", json=body, headers=headers)


def _opened_then_changed_by_another(
    new_client: NewClient, resource: str
) -> tuple[httpx.Client, str, str]:
    """(my client, the object's path, the ETag I read) after another PM renamed it."""
    me, other = new_client(), new_client()
    made = _made(me, resource)
    _, opened = _read(me, resource, made["id"])
    assert _patch(other, resource, made["id"], None, name="Their name").status_code == 200
    return me, f"/external/v1/{resource}/{made['id']}", opened


def _assert_stale(response: httpx.Response) -> None:
    assert response.status_code == 412, response.text
    error = error_of(response)
    assert error["code"] == "precondition_failed"
    assert "changed since you read it" in error["message"]


class TestETag:
    @pytest.mark.parametrize("resource", ["insights", "opportunities", "ideas"])
    def test_create_answers_the_etag_a_get_gives(self, api: httpx.Client, resource: str) -> None:
        response = api.post(f"/external/v1/{resource}", json={"name": "Exports are slow"})
        assert response.status_code == 201
        _, tag = _read(api, resource, response.json()["id"])
        assert response.headers["ETag"] == tag

    @pytest.mark.parametrize("resource", RESOURCES)
    def test_is_stable_across_gets_and_changes_with_a_patch(
        self, api: httpx.Client, resource: str
    ) -> None:
        made = _made(api, resource)
        _, first = _read(api, resource, made["id"])
        assert first.startswith('"') and first.endswith('"')
        assert _read(api, resource, made["id"])[1] == first
        patched = _patch(api, resource, made["id"], None, name="Renamed")
        assert patched.status_code == 200
        assert patched.headers["ETag"] != first
        assert _read(api, resource, made["id"]) == (patched.json(), patched.headers["ETag"])

    def test_lists_carry_no_etag(self, api: httpx.Client) -> None:
        create(api, "ideas")
        assert "ETag" not in api.get("/external/v1/ideas").headers

    def test_changes_when_a_link_is_set_from_the_other_side(self, api: httpx.Client) -> None:
        opportunity = create(api, "opportunities")
        _, before = _read(api, "opportunities", opportunity["id"])
        create(api, "insights", opportunityIds=[opportunity["id"]])
        linked, after = _read(api, "opportunities", opportunity["id"])
        assert linked["insightIds"] and after != before
        stale = _patch(api, "opportunities", opportunity["id"], before, insightIds=[])
        _assert_stale(stale)
        assert _read(api, "opportunities", opportunity["id"])[0]["insightIds"]


class TestIfMatch:
    @pytest.mark.parametrize("resource", RESOURCES)
    def test_stale_patch_is_412_and_changes_nothing(
        self, new_client: NewClient, resource: str
    ) -> None:
        me, path, opened = _opened_then_changed_by_another(new_client, resource)
        _assert_stale(me.patch(path, json={"name": "My name"}, headers={"If-Match": opened}))
        assert me.get(path).json()["name"] == "Their name"

    @pytest.mark.parametrize("resource", RESOURCES)
    def test_stale_delete_is_412_and_deletes_nothing(
        self, new_client: NewClient, resource: str
    ) -> None:
        me, path, opened = _opened_then_changed_by_another(new_client, resource)
        _assert_stale(me.delete(path, headers={"If-Match": opened}))
        assert me.get(path).json()["name"] == "Their name"

    def test_current_version_is_200_and_answers_the_next_one(self, api: httpx.Client) -> None:
        insight = create(api, "insights")
        _, opened = _read(api, "insights", insight["id"])
        first = _patch(api, "insights", insight["id"], opened, name="Once")
        assert first.status_code == 200 and first.json()["name"] == "Once"
        second = _patch(api, "insights", insight["id"], first.headers["ETag"], name="Twice")
        assert second.status_code == 200 and second.json()["name"] == "Twice"

    def test_any_of_a_list_or_star_matches(self, api: httpx.Client) -> None:
        insight = create(api, "insights")
        _, opened = _read(api, "insights", insight["id"])
        listed = _patch(api, "insights", insight["id"], f'"old", {opened}', name="Listed")
        assert listed.status_code == 200
        assert _patch(api, "insights", insight["id"], "*", name="Star").status_code == 200
        path = f"/external/v1/insights/{insight['id']}"
        assert api.delete(path, headers={"If-Match": "*"}).status_code == 200
        assert api.delete(path, headers={"If-Match": "*"}).status_code == 404

    def test_matching_delete_deletes(self, api: httpx.Client) -> None:
        idea = create(api, "ideas")
        _, opened = _read(api, "ideas", idea["id"])
        path = f"/external/v1/ideas/{idea['id']}"
        assert api.delete(path, headers={"If-Match": opened}).status_code == 200
        assert api.get(path).status_code == 404

    def test_two_pms_saving_the_same_version_at_once_one_wins(self, new_client: NewClient) -> None:
        pms = [new_client(), new_client()]
        for round_ in range(5):
            insight = create(pms[0], "insights")
            _, opened = _read(pms[0], "insights", insight["id"])
            answers = _at_once(pms, insight["id"], opened)
            statuses = sorted(answer.status_code for answer in answers)
            assert statuses == [200, 412], (round_, statuses)
            winner = next(answer for answer in answers if answer.status_code == 200)
            assert _read(pms[0], "insights", insight["id"])[0]["name"] == winner.json()["name"]


def _at_once(pms: list[httpx.Client], insight_id: str, opened: str) -> list[httpx.Response]:
    """Each PM saves their own name for version `opened` of the insight, all released together."""
    start = threading.Barrier(len(pms))
    answers: dict[int, httpx.Response] = {}

    def save(pm: int) -> None:
        start.wait()
        answers[pm] = _patch(pms[pm], "insights", insight_id, opened, name=f"PM {pm}")

    threads = [threading.Thread(target=save, args=(pm,)) for pm in range(len(pms))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return list(answers.values())
