from django.apps import AppConfig


class DigestsConfig(AppConfig):
    name = "coalesce.digests"
    label = "digests"
    verbose_name = "Digests"

    def ready(self):
        # Imported here: these modules use the models, which are loaded only now.
        from coalesce.core import schedule
        from coalesce.digests import selectors, tasks
        from coalesce.updates import delivery

        schedule.register(tasks.schedule_digests)
        delivery.register_digest_readers(selectors.digest_readers)
