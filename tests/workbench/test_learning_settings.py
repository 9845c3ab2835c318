"""Settings shows what the workspace's model learned from triage, retrains it, and resets it
after asking; against a server without the model endpoints it shows nothing of it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.workbench.conftest import Workbench, button, problems, texts


def triage_three(workbench: Workbench) -> None:
    """Three decisions a PM makes in Triage: two publishes and an archive."""
    client = workbench.client
    for text, kind, status in [
        ("Export times out for long ranges", "bug", "published"),
        ("Please add a dark mode", "feature_request", "published"),
        ("Yes, loud and clear", "praise", "archived"),
    ]:
        suggestions = {"kind": kind, "evidence": [{"text": text}]}
        created = client.insights.create(name=text, ai_suggestions=suggestions)
        client.insights.update(created.id, status=status)


def test_settings_shows_the_decisions_and_retrains_on_them(workbench: Workbench) -> None:
    triage_three(workbench)
    at = workbench.open("settings")
    assert problems(at) == []
    assert "Learning from triage" in [h.value for h in at.subheader]
    assert "Not trained yet: 3 triage decisions recorded." in texts(at)

    button(at, "Retrain now").click()
    at.run()
    assert problems(at) == []
    shown = texts(at)
    assert "Retrained. Learned from 3 decisions, last trained " in shown
    assert "estimated F1" in shown
    assert "Not trained yet" not in shown


def test_reset_asks_first_then_forgets_the_model_and_its_decisions(
    workbench: Workbench,
) -> None:
    triage_three(workbench)
    at = workbench.open("settings")
    button(at, "Retrain now").click()
    at.run()

    button(at, "Reset…").click()
    at.run()
    assert "forgets the model and every triage decision" in "\n".join(w.value for w in at.warning)
    button(at, "Cancel").click()
    at.run()
    assert "Learned from 3 decisions" in texts(at)  # nothing forgotten without confirming

    button(at, "Reset…").click()
    at.run()
    button(at, "Reset").click()
    at.run()
    assert problems(at) == []
    assert "Not trained yet: 0 triage decisions recorded." in texts(at)
    assert button(at, "Reset…").disabled  # nothing left to forget


def test_no_section_against_a_server_without_the_endpoints() -> None:
    def settings_section() -> None:
        import httpx

        from zentrik_ui.client import AdminClient
        from zentrik_ui.workspace_model import show_workspace_model

        def not_found(request: httpx.Request) -> httpx.Response:
            return httpx.Response(404, json={"error": {"code": "not_found", "message": "-"}})

        admin = AdminClient("http://127.0.0.1:9", "t", transport=httpx.MockTransport(not_found))
        show_workspace_model(admin, "acme")

    at = AppTest.from_function(settings_section, default_timeout=30).run()
    assert problems(at) == []
    assert list(at.subheader) == [] and list(at.button) == []
