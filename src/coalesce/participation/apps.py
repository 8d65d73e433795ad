from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "coalesce.participation"
    label = "participation"
    verbose_name = "Participation and accountability"

    def ready(self):
        # Imported here: the selectors use the models, which are loaded only now.
        from coalesce.coalitions import charter_sections
        from coalesce.participation import selectors

        charter_sections.register(selectors.charter_section)
