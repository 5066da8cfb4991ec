from django.apps import AppConfig


class LoopbrugConfig(AppConfig):
    name = "loopbrug"
    verbose_name = "Loopbrug (gedeeld)"
