from django.core.management import call_command

from coalesce.coalitions.models import Application, Coalition, Committee, Membership, Organisation


def test_demo_loads_once_with_a_diverse_protected_coalition(db):
    call_command("load_demo")
    call_command("load_demo")
    coalition = Coalition.objects.get(slug="safer-communities")
    organisations = Organisation.objects.filter(coalition=coalition)
    assert organisations.count() >= 25
    assert organisations.values("actor_type").distinct().count() >= 8
    assert organisations.values("country").distinct().count() >= 4
    visibilities = set(
        Membership.objects.filter(coalition=coalition).values_list("visibility", flat=True)
    )
    assert {"steering", "pseudonymous", "public", "members"} <= visibilities
    assert Committee.objects.filter(coalition=coalition).count() == 5
    assert Application.objects.filter(coalition=coalition, status="pending").count() >= 2
    statuses = set(coalition.policies.values_list("status", flat=True))
    assert statuses == {"agreed", "draft", "missing"}
