from django.urls import path

from . import views

urlpatterns = [
    path("meldingen/", views.inbox, name="notification_inbox"),
    path("meldingen/<int:pk>/gelezen/", views.mark_read, name="notification_read"),
    path("meldingen/alles-gelezen/", views.mark_all_read, name="notification_read_all"),
    path("meldingen/instellingen/", views.preferences, name="notification_preferences"),
]
