from django.apps import AppConfig


class UpdatesConfig(AppConfig):
    name = "coalesce.updates"
    verbose_name = "Updates"

    def ready(self):
        from coalesce.coalitions import awaiting
        from coalesce.updates import selectors

        awaiting.register("acknowledge", selectors.to_acknowledge, selectors.update_url)
