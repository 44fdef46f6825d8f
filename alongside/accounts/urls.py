from django.urls import path

from alongside.accounts import views

urlpatterns = [
    path("join/", views.join, name="join"),
    path("welcome/", views.onboarding, name="onboarding"),
    path("welcome/<slug:step>/", views.onboarding_step, name="onboarding_step"),
    path("members/<uuid:public_id>/", views.profile, name="profile"),
    path("members/<uuid:public_id>/picture/", views.profile_picture, name="profile_picture"),
    path("settings/profile/", views.settings_profile, name="settings_profile"),
    path("settings/privacy/", views.settings_privacy, name="settings_privacy"),
    path("settings/data/", views.settings_data, name="settings_data"),
    path("settings/devices/", views.settings_devices, name="settings_devices"),
    path("settings/data/export/", views.data_export, name="data_export"),
    path("settings/delete/", views.account_delete_view, name="account_delete"),
]
