from django.apps import AppConfig


class CoalitionsConfig(AppConfig):
    name = "coalesce.coalitions"
    label = "coalitions"

    def ready(self):
        # Models are loaded only now: what coalitions add to accounts registers here.
        from coalesce.coalitions import accounts_hooks

        accounts_hooks.register()
