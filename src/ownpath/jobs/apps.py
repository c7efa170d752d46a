from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "ownpath.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
