from coalesce.coalitions import policy
from coalesce.coalitions.policy import Role


def test_roles_are_worked_out_from_memberships_seats_and_staff(world):
    c = world.coalition
    expected = {
        "member": {Role.MEMBER},
        "chair": {Role.MEMBER, Role.CHAIR},
        "steering": {Role.MEMBER, Role.STEERING, Role.CHAIR},
        "admin": {Role.ADMIN},
        "custodian": {Role.CUSTODIAN},
        "applicant": {Role.APPLICANT},
        "outsider": {Role.OUTSIDER},
    }
    for role, roles in expected.items():
        assert set(policy.actor_for(world.users[role], c).roles) == roles, role


def test_healthz_answers_when_the_database_does(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
