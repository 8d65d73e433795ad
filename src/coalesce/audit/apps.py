from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "coalesce.audit"
    label = "audit"
