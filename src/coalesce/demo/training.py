"""Demo data for training: two plans of Module 12 and one finished live session, so the
results page, the record of the room and "into a real coalition" have something to
show. Built through the planning and live-session services, like a real room."""

import random

from coalesce.training import services
from coalesce.training.live import services as live

NAMES = ["Amina", "Grace", "Joseph", "Fatuma", "Wanjiru", "Peter", "Halima", "Esther", "Rose"]
# (q-12-1, q-12-2) choices, 0-based; the right answers are 2 and 3.
PRE = [(2, 0), (0, 3), (2, 3), (1, 0), (0, 2), (2, 0), (3, 3), (2, 1), (1, 3)]
POST = [(2, 3), (2, 3), (2, 3), (2, 0), (0, 3), (2, 3), (2, 3), None, (2, 3)]  # Esther left early
CARDS = [
    (0, "Together our voice carries more weight with the ministry", 0),
    (1, "Journalists listen when twenty groups sign, not one", 3),
    (2, "Nobody can single out one small group", 2),
    (3, "It takes much longer to agree on anything", 6),
    (4, "Big organisations may push their own agenda", 7),
    (5, "Hard to find a day when everyone can meet", 8),
    (6, "We learn from lawyers and from the police women", None),
]
RECORDS = [
    {
        "Partner type": "Faith-based women's groups",
        "Challenge": "Some insist on consensus for every decision",
        "Strategy": "Agree the decision rule before the first joint statement",
    },
    {
        "Partner type": "Women police officers' association",
        "Challenge": "Members fear being seen with critics of the police",
        "Strategy": "Let them join as a pseudonymous member at first",
    },
    {
        "Partner type": "University research centre",
        "Challenge": "Wants credit for the data in every publication",
        "Strategy": "Write a credit-sharing policy early",
    },
]


def load(facilitator):
    """Two plans of Module 12 for the admin, who also facilitates trainings, and a
    finished session of the second."""
    services.create_plan(
        facilitator,
        module_id="module-12",
        title="Ninety-minute session",
        available_minutes=90,
        breaks=[{"after_item": "strengths-weaknesses", "minutes": 5, "label": "Stretch break"}],
    )
    workshop = services.create_plan(
        facilitator,
        module_id="module-12",
        title="Three-hour workshop with role play",
        available_minutes=180,
    )
    load_finished_session(facilitator, workshop)


def load_finished_session(facilitator, plan):
    """A closed session of ``plan``: nine people, both tests, a board, three groups."""
    session = live.open_session(facilitator, plan.pk)
    people = [live.join(session.code, name)[0] for name in NAMES]
    questions = ("q-12-1", "q-12-2")

    live.set_quiz(facilitator, session.pk, "pre")
    for person, choices in zip(people, PRE, strict=True):
        live.answer_quiz(person, "pre", dict(zip(questions, choices, strict=True)))
    live.set_quiz(facilitator, session.pk, "")

    live.go_to(facilitator, session.pk, "strengths-weaknesses")
    for who, text, point in CARDS:
        card = live.post_card(people[who], "strengths-weaknesses", text)
        if point is not None:
            live.move_card(facilitator, session.pk, card.pk, point=point)
            live.check_point(facilitator, session.pk, "strengths-weaknesses", point)

    live.go_to(facilitator, session.pk, "challenges-activity")
    groups = live.make_groups(facilitator, session.pk, "challenges-activity", rng=random.Random(12))
    for group, record in zip(groups, RECORDS, strict=False):
        member = group.members.order_by("id").first()
        live.record_group(member, "challenges-activity", record)

    live.go_to(facilitator, session.pk, "takeaways")
    live.set_quiz(facilitator, session.pk, "post")
    for person, choices in zip(people, POST, strict=True):
        if choices is not None:
            live.answer_quiz(person, "post", dict(zip(questions, choices, strict=True)))
    live.close_session(facilitator, session.pk)
    return session
