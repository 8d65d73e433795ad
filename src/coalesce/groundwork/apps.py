from django.apps import AppConfig


class GroundworkConfig(AppConfig):
    name = "coalesce.groundwork"
    verbose_name = "Groundwork"

    def ready(self):
        from coalesce.goals.hooks import register_goal_links
        from coalesce.groundwork.selectors import challenges_of_goals

        register_goal_links(challenges_of_goals)
