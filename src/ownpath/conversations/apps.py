from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "ownpath.conversations"
    label = "conversations"
    verbose_name = "Career conversations"
