"""Health-check services: waves, anonymous answers, withholding, concerns; bad input is
refused with its field and changes nothing."""

import pytest
from django.db import connection

from coalesce.audit.models import AuditEvent
from coalesce.core.errors import Conflict, DomainError, Forbidden
from coalesce.decisions.models import Conflict as ConflictItem
from coalesce.goals.models import Task
from coalesce.health import selectors, services
from coalesce.health.models import Answer, Participation, Response, SealedResponse, Wave
from tests.health.helpers import actor, answer_all, answerers, open_wave, scores, soon
from tests.support.authz import database_snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def test_nothing_in_a_response_or_answer_points_at_a_person_or_a_time(world):
    """Every field of Response and Answer: no link to a person, membership or account,
    no time, and keys that are random (no sequence to line up with participations)."""
    allowed = {
        Response: {"id", "wave", "is_steering", "size", "answers"},
        Answer: {"id", "response", "item", "score"},
    }
    for model, names in allowed.items():
        fields = model._meta.get_fields()
        assert {field.name for field in fields} == names, model
        for field in fields:
            assert field.get_internal_type() not in ("DateTimeField", "DateField", "TimeField")
            related = getattr(field, "related_model", None)
            assert related in (None, Wave, Response, Answer), (model, field.name)
        assert model._meta.pk.get_internal_type() == "UUIDField"
    assert {f.name for f in Participation._meta.get_fields()} == {"id", "wave", "person"}
    assert {f.name for f in SealedResponse._meta.get_fields()} == {"id", "wave", "sealed"}
    wave = open_wave(world)
    services.answer(actor(world, "member"), wave.pk, scores=scores(3), size="small")
    services.close_wave(actor(world, "steering"), wave.pk)  # releases the sealed answer
    tables = {
        Response: ["id", "is_steering", "size", "wave_id"],
        Answer: ["id", "item", "response_id", "score"],
        Participation: ["id", "person_id", "wave_id"],
    }
    for model, expected in tables.items():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")
            columns = [c[0] for c in cursor.description]
            rows = cursor.fetchall()
        assert sorted(columns) == expected, model
        assert rows, model
    person_id = Participation.objects.get().person_id
    response_row = Response.objects.values().get()
    assert person_id not in {v for k, v in response_row.items() if k != "wave_id"}
    event = AuditEvent.objects.get(action="health.answer")
    assert str(event.object_id) == str(wave.pk) and event.object_type.endswith("wave")
    response = Response.objects.get()
    assert str(response.pk) not in str(AuditEvent.objects.values())


def test_an_answer_is_counted_once_and_groups_come_from_the_actor(world):
    wave = open_wave(world)
    services.answer(actor(world, "steering"), wave.pk, scores=scores(5), size="large")
    with pytest.raises(Conflict):
        services.answer(actor(world, "steering"), wave.pk, scores=scores(5), size="large")
    services.close_wave(actor(world, "steering"), wave.pk)
    response = Response.objects.get()
    assert response.is_steering and response.size == "large"
    assert Answer.objects.filter(response=response).count() == 14
    assert Participation.objects.count() == 1


@pytest.mark.parametrize(
    "change,field",
    [
        ({"scores": scores(6)}, "equity_voice"),
        ({"scores": scores(0)}, "equity_voice"),
        ({"scores": {**scores(), "nonsense": 3}}, "scores"),
        ({"scores": {k: v for k, v in scores().items() if k != "benefit_fair"}}, "benefit_fair"),
        ({"scores": scores(True)}, "equity_voice"),
        ({"size": "huge"}, "size"),
    ],
)
def test_bad_answers_name_their_field_and_change_nothing(world, change, field):
    wave = open_wave(world)
    before = database_snapshot()
    with pytest.raises(DomainError) as error:
        services.answer(
            actor(world, "member"), wave.pk, **{"scores": scores(), "size": "small", **change}
        )
    assert error.value.status == 400 and error.value.field == field
    assert database_snapshot() == before


def test_no_answer_after_closing_nor_by_someone_not_an_active_members_person(world):
    wave = open_wave(world)
    for role in ("admin", "custodian", "outsider", "applicant"):
        with pytest.raises(Forbidden):
            services.answer(actor(world, role), wave.pk, scores=scores(), size="small")
    services.close_wave(actor(world, "steering"), wave.pk)
    before = database_snapshot()
    with pytest.raises(Conflict):
        services.answer(actor(world, "member"), wave.pk, scores=scores(), size="small")
    assert database_snapshot() == before


def test_one_open_wave_at_a_time_and_a_closing_date_after_today(world):
    steering = actor(world, "steering")
    with pytest.raises(DomainError) as error:
        services.open_wave(steering, title="Past", closes_on="2020-01-01")
    assert error.value.field == "closes_on"
    wave = open_wave(world)
    before = database_snapshot()
    with pytest.raises(Conflict):
        services.open_wave(steering, title="Second", closes_on=soon())
    assert database_snapshot() == before
    services.close_wave(steering, wave.pk)
    with pytest.raises(Conflict):
        services.close_wave(steering, wave.pk)
    assert services.open_wave(steering, title="Second", closes_on=soon()).is_open
    with pytest.raises(Forbidden):
        services.open_wave(actor(world, "member"), title="No", closes_on=soon())


def test_results_wait_for_the_close_and_withhold_small_groups(world):
    wave = open_wave(world)
    extra = answerers(world, 3)
    answer_all(wave, [actor(world, r) for r in ("member", "chair")] + extra, value=2)
    assert selectors.wave_view(actor(world, "member"), wave.pk).results == []
    services.close_wave(actor(world, "steering"), wave.pk)
    view = selectors.wave_view(actor(world, "member"), wave.pk)
    equity = view.results[0]
    assert equity.score.value == 2 and equity.score.answers == 5
    assert equity.concern
    # all five are "others" and "small": the other group of each breakdown is empty
    assert equity.groups["others"].value == 2 and equity.groups["steering"].withheld
    assert equity.gaps["role"].withheld


def test_four_answers_are_withheld_everywhere(world):
    wave = open_wave(world)
    answer_all(wave, answerers(world, 4), value=1)
    services.close_wave(actor(world, "steering"), wave.pk)
    view = selectors.wave_view(actor(world, "member"), wave.pk)
    assert all(r.score.withheld and not r.concern for r in view.results)
    assert all(s.withheld for r in view.results for s in r.groups.values())


def test_a_theme_of_concern_opens_a_conflict_item_or_a_task_once(world):
    wave = open_wave(world)
    answer_all(wave, answerers(world, 5), value=4, equity_voice=1, equity_roles=2)
    steering = actor(world, "steering")
    with pytest.raises(Conflict):  # still open: no results yet
        services.open_concern(steering, wave.pk, theme="equity", kind="conflict")
    services.close_wave(steering, wave.pk)
    with pytest.raises(Conflict):  # transparency scored 4: no concern
        services.open_concern(steering, wave.pk, theme="transparency", kind="conflict")
    concern = services.open_concern(steering, wave.pk, theme="equity", kind="conflict")
    item = ConflictItem.objects.get(pk=concern.conflict_id)
    assert "Equity" in item.title and "1.50" in item.description
    with pytest.raises(Conflict):
        services.open_concern(steering, wave.pk, theme="equity", kind="conflict")
    with pytest.raises(DomainError) as error:
        services.open_concern(steering, wave.pk, theme="equity", kind="task")
    assert error.value.field == "committee_id"
    concern = services.open_concern(
        steering, wave.pk, theme="equity", kind="task", committee=world.committee.pk
    )
    assert Task.objects.get(pk=concern.task_id).committee == world.committee
    with pytest.raises(Forbidden):
        services.open_concern(actor(world, "member"), wave.pk, theme="equity", kind="task")
