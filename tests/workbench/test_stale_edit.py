"""An edit form saved after someone else changed the object: told, shown, nothing overwritten."""

from __future__ import annotations

from tests.workbench.conftest import Workbench, button, problems, select_rows, texts


class TestStaleInsightEdit:
    def test_save_after_another_change_says_so_and_shows_the_current_values(
        self, workbench: Workbench
    ) -> None:
        insight = workbench.client.insights.create(name="Exports are slow", description="Old")
        at = workbench.open("triage")
        select_rows(at, "triage_table", [0])
        at.run()
        assert next(t for t in at.text_input if t.label == "Name").value == "Exports are slow"

        workbench.client.insights.update(insight.id, name="Exports time out", description="Theirs")
        name = next(t for t in at.text_input if t.label == "Name")
        name.input("Exports are too slow")
        next(t for t in at.text_area if t.label == "Description").input("Mine")
        button(at, "Save").click()
        at.run()

        assert any("Someone else changed this insight" in e for e in problems(at))
        assert next(t for t in at.text_input if t.label == "Name").value == "Exports time out"
        assert next(t for t in at.text_area if t.label == "Description").value == "Theirs"
        assert "Name: Exports are too slow" in texts(at)
        assert "Description: Mine" in texts(at)
        stored = workbench.client.insights.get(insight.id)
        assert (stored.name, stored.description) == ("Exports time out", "Theirs")

    def test_saving_again_from_the_reopened_form_saves(self, workbench: Workbench) -> None:
        insight = workbench.client.insights.create(name="Exports are slow")
        at = workbench.open("triage")
        select_rows(at, "triage_table", [0])
        at.run()
        workbench.client.insights.update(insight.id, name="Exports time out")
        button(at, "Save").click()
        at.run()
        next(t for t in at.text_input if t.label == "Name").input("Exports are too slow")
        button(at, "Save").click()
        at.run()
        assert problems(at) == []
        assert workbench.client.insights.get(insight.id).name == "Exports are too slow"


class TestStaleOpportunityEdit:
    def test_score_saved_after_another_change_is_refused_and_reloaded(
        self, workbench: Workbench
    ) -> None:
        opportunity = workbench.client.opportunities.create(name="Exports", score=10)
        at = workbench.open("opportunities")
        select_rows(at, "opp_table", [0])
        at.run()
        workbench.client.opportunities.update(opportunity.id, score=70)
        at.number_input(key=f"opp_score:{opportunity.id}").set_value(20)
        button(at, "Save changes").click()
        at.run()

        assert any("Someone else changed this opportunity" in e for e in problems(at))
        assert at.number_input(key=f"opp_score:{opportunity.id}").value == 70
        assert "Score: 20" in texts(at)
        assert workbench.client.opportunities.get(opportunity.id).score == 70
