from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "coalesce.statements"
    verbose_name = "Statements"

    def ready(self):
        # Imported here: the services use the models, which are loaded only now.
        from coalesce.decisions import outcomes
        from coalesce.statements import services

        outcomes.register(services.proposal_decided)
