from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "coalesce.decisions"
    label = "decisions"

    def ready(self):
        # Imported here: these modules use the models, which are loaded only now.
        from coalesce.coalitions import awaiting, charter_sections
        from coalesce.core import schedule
        from coalesce.decisions import selectors, tasks

        schedule.register(tasks.schedule_closing)
        charter_sections.register(selectors.charter_section)
        awaiting.register("vote", selectors.awaiting_my_vote, selectors.proposal_url)
