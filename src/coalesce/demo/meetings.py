"""The demo coalition's meetings: its venues (the police station's conference room among
them, which a member working with women held at police stations has privately marked),
a general meeting still finding a time, and a steering committee meeting scheduled
online — written through the services, like members would. Everything is invented."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from coalesce.accounts.models import User
from coalesce.coalitions.models import Coalition, Committee, CommitteeKind
from coalesce.coalitions.policy import actor_for
from coalesce.demo.logins import LOGINS
from coalesce.meetings import services

ZONE = "Africa/Nairobi"
VENUES = [
    ("Central police station, conference room", "Harambee Avenue, Nairobi", False, 40),
    ("Women's centre hall", "Biashara Street, Nairobi", False, 60),
    ("University seminar room", "University Way, Nairobi", False, 25),
    ("Video call", "The link is sent to those invited", True, None),
]
GENERAL_MEETING = "General meeting: our priorities for the policing bill"


def _at(days: int, hour: int):
    local = timezone.now().astimezone(ZoneInfo(ZONE)) + timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def load(coalition: Coalition) -> None:
    actors = {
        role: actor_for(User.objects.get(email=LOGINS[role][0]), coalition)
        for role in ("steering", "chair", "member")
    }
    steering = actors["steering"]
    venues = [
        services.add_venue(steering, name=name, address=address, online=online, capacity=size)
        for name, address, online, size in VENUES
    ]
    police, centre, _university, online = venues
    services.set_unsafe_venues(actors["member"], venue_ids=[police.id])
    general = services.create_meeting(
        steering,
        title=GENERAL_MEETING,
        description="Agree the coalition's three priorities before the public hearing.",
        time_zone=ZONE,
        duration_minutes=120,
        times=[_at(10, 10), _at(12, 14), _at(14, 10)],
        venue_ids=[police.id, centre.id],
        poll_closes_at=_at(8, 18),
    )
    answers = {"steering": "yes", "chair": "if_need_be", "member": "yes"}
    times = list(general.times.all())
    for role, answer in answers.items():
        given = {t.id: answer if i != 1 else "no" for i, t in enumerate(times)}
        services.answer_poll(actors[role], general.id, answers=given, time_zone=ZONE)
    _steering_meeting(coalition, steering, online)


def _steering_meeting(coalition, steering, online) -> None:
    committee = Committee.objects.get(coalition=coalition, kind=CommitteeKind.STEERING)
    meeting = services.create_meeting(
        steering,
        title="Steering committee: budget review",
        time_zone=ZONE,
        duration_minutes=60,
        times=[_at(5, 17)],
        venue_ids=[online.id],
        committee_id=committee.id,
        remote_allowed=True,
    )
    time = meeting.times.get()
    services.answer_poll(steering, meeting.id, answers={time.id: "yes"}, time_zone=ZONE)
    services.schedule_meeting(steering, meeting.id, time_id=time.id, venue_id=online.id)
