"""The demo coalition's groundwork: prospective partners on the stakeholder map, one of
them invited, and a few challenges — written through the services, like a steering
committee would. Names are invented."""

from coalesce.groundwork import services

# description, kind of organisation, influence, interest (1 low … 3 high), relationship
PARTNERS = [
    ("Association of Women Lawyers", "professional_association", 3, 3, "some"),
    ("National Police Service, Gender Desk", "oversight", 3, 2, "some"),
    ("Parliamentary Committee on Security", "oversight", 3, 1, "none"),
    ("Council of Religious Leaders", "faith_based", 2, 3, "strong"),
    ("Market Women Traders' Association", "cso", 1, 3, "strong"),
    ("Regional Journalists' Network", "media", 2, 2, "none"),
]

CHALLENGES = [
    (
        "Members fear being seen with the police",
        "Meet on neutral ground; let pseudonymous members take part by phone",
        "National Police Service, Gender Desk",
    ),
    (
        "Credit for joint statements goes to the biggest organisations",
        "Name every co-signatory, in rotating order",
        "",
    ),
]


def load(actor) -> None:
    """``actor`` keeps the register (steering committee or admin)."""
    for description, actor_type, influence, interest, relationship in PARTNERS:
        partner = services.add_partner(actor, description=description, actor_type=actor_type)
        services.update_partner(
            actor,
            partner.id,
            influence=influence,
            interest=interest,
            relationship=relationship,
        )
    lawyers = actor.coalition.prospective_partners.get(description=PARTNERS[0][0])
    services.invite_partner(
        actor,
        lawyers.id,
        email="lawyers@example.org",
        link_for=lambda raw: f"/accounts/invitation/{raw}/",
    )
    for challenge, strategy, partner in CHALLENGES:
        services.add_challenge(actor, challenge=challenge, strategy=strategy, partner=partner)
