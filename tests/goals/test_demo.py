"""The demo's values, goals and tasks, built through the services (demo.goals)."""

import pytest

from coalesce.accounts.models import User
from coalesce.audit.models import AuditEvent
from coalesce.coalitions.models import Coalition
from coalesce.coalitions.policy import actor_for
from coalesce.demo.goals import LONG_TERM, SHORT_TERM, VALUES
from coalesce.goals import selectors
from tests.demo.test_loaded_demo import load_once
from tests.support.module_data import module_rows


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    yield from module_rows(django_db_blocker, load_once)


@pytest.mark.django_db
def test_the_demo_has_values_goals_updates_tasks_and_a_linked_challenge(loaded):
    coalition = Coalition.objects.get(pk=loaded[0].pk)
    member = actor_for(User.objects.get(email="member@demo.coalesce.test"), coalition)
    assert [v.text for v in selectors.values(member)] == VALUES
    rows = {row.goal.title: row for row in selectors.goals(member)}
    assert set(rows) == {LONG_TERM, SHORT_TERM}
    forums = rows[SHORT_TERM]
    assert [i.indicator.kind for i in forums.indicators] == ["number", "percentage"]
    # 4 of 18 meetings (only the approved update counts); no district approved yet
    assert forums.progress.formula == "(1×2/9 + 2×0) / 3 = 7.4 %"
    view = selectors.goal_view(member, forums.goal.pk)
    assert sorted(r.update.status for r in view.updates) == ["approved", "pending"]
    assert len(view.tasks) == 1 and len(selectors.tasks(member)) == 3
    law = selectors.goal_view(member, rows[LONG_TERM].goal.pk)
    assert len(law.linked) == 1
    assert AuditEvent.objects.filter(action="goals.update_approve").count() == 1
