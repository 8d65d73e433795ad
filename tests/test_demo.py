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


def test_demo_decisions_show_every_state(db):
    from coalesce.accounts.models import User
    from coalesce.coalitions.policy import actor_for
    from coalesce.decisions import selectors
    from coalesce.decisions.models import Comment, Conflict, Elector, Proposal, Rule

    call_command("load_demo")
    call_command("load_demo")
    coalition = Coalition.objects.get(slug="safer-communities")
    proposals = Proposal.objects.filter(coalition=coalition)
    assert proposals.count() == 7  # loaded once

    categories = set(coalition.decision_categories.values_list("slug", flat=True))
    assert {"joint-statements", "new-members", "budget", "day-to-day", "charter"} <= categories
    assert not Rule.objects.filter(category__coalition=coalition, category__rules=None).exists()

    consensus = proposals.get(category__name="Joint statements", status="closed")
    assert consensus.rule.method == "consensus"
    assert consensus.outcome == "adopted"
    assert consensus.result["counts"]["stand_aside"] == 1
    assert consensus.result["counts"]["block"] == 0
    assert consensus.ballots.get(position="stand_aside").reason

    failed = proposals.get(outcome="no_quorum")
    assert failed.status == "closed" and not failed.result["quorum_met"]
    assert failed.rule.version == 1  # decided under the Budget rule before it changed

    secret = proposals.get(status="open", rule__secret=True)
    steering = actor_for(User.objects.get(email="steering@demo.coalesce.test"), coalition)
    mine = selectors.my_elector(steering, secret)
    assert mine is not None and not mine.has_voted
    assert Elector.objects.filter(proposal=secret, has_voted=True).exists()

    blocked = proposals.get(status="open", rule__method="consensus")
    assert blocked.ballots.get(position="block").reason
    assert not blocked.ballots.filter(elector=selectors.my_elector(steering, blocked)).exists()

    draft = proposals.get(status="draft")
    assert Comment.objects.filter(proposal=draft).count() >= 2

    change = proposals.get(category__slug="charter")
    assert change.outcome == "adopted"
    budget_rule = Rule.objects.get(adopted_by=change)
    assert budget_rule.category.name == "Budget" and budget_rule.version == 2
    assert budget_rule.quorum_percent == 40

    conflicts = Conflict.objects.filter(coalition=coalition)
    assert conflicts.count() == 3
    assert conflicts.filter(raised_by__isnull=True).count() == 1
    assert conflicts.exclude(mediator="").count() == 1
    resolved = conflicts.get(status="resolved")
    assert resolved.proposals.filter(outcome="adopted").exists()
