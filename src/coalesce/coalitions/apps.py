from django.apps import AppConfig


class CoalitionsConfig(AppConfig):
    name = "coalesce.coalitions"
    label = "coalitions"

    def ready(self):
        # Models are loaded only now: what coalitions add to accounts registers here.
        from coalesce.coalitions import accounts_hooks, awaiting, selectors

        accounts_hooks.register()
        awaiting.register(
            "applications", selectors.applications_to_review, selectors.applications_url
        )
