"""Pages for decisions, decision rules and the conflict register."""

urlpatterns = []
