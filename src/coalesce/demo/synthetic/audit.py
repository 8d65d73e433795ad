"""The synthetic coalition's past audit events, appended to the one hash chain."""

import random

from django.utils import timezone

from coalesce.audit import log
from coalesce.audit.models import AuditEvent
from coalesce.demo.synthetic.sizes import Sizes


def history(rng: random.Random, sizes: Sizes, world: dict) -> None:
    """Past audit events of the coalition (contact reads, status changes, exports),
    appended to the keyed hash chain by ``audit.log.append``, as ``record`` does."""
    coalition, users = world["coalition"], world["users"]
    staff = [users["admin"], users["custodian"], users["steering"]]
    memberships = world["memberships"]
    now = timezone.now()
    events = []
    for n in range(sizes.audit_events):
        actor = rng.choice(staff)
        kind = rng.random()
        if kind < 0.6:
            action, obj_type, fields = "membership.view_contacts", "membership", ["contact_email"]
            obj_id = rng.choice(memberships).id
        elif kind < 0.9:
            action, obj_type, fields = "membership.status", "membership", ["status"]
            obj_id = rng.choice(memberships).id
        else:
            action, obj_type, fields = "members.export", "coalition", []
            obj_id = coalition.id
        events.append(
            AuditEvent(
                at=now - (sizes.audit_events - n) * timezone.timedelta(seconds=1),
                actor=actor,
                actor_ref=actor.pk,
                coalition=coalition,
                coalition_ref=coalition.pk,
                action=action,
                object_type=obj_type,
                object_id=str(obj_id),
                fields=sorted(fields),
            )
        )
    log.append(events)
