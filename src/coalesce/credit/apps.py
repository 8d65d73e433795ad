from django.apps import AppConfig


class CreditConfig(AppConfig):
    name = "coalesce.credit"
    verbose_name = "Credit"

    def ready(self):
        # Imported here: the selectors use the models, which are loaded only now.
        from coalesce.coalitions import charter_sections
        from coalesce.credit import selectors

        charter_sections.register(selectors.charter_section)
