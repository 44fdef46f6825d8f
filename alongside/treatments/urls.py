from django.urls import path

from alongside.treatments import views

app_name = "treatments"
urlpatterns = [
    path("treatments/", views.treatment_list, name="list"),
    path("treatments/check/", views.checker, name="check"),
    path("treatments/search/", views.search_suggestions, name="search"),
    path("treatments/mine/", views.my_treatments, name="mine"),
    path("treatments/mine/add/", views.entry_add_search, name="add"),
    path("treatments/mine/add/<slug:slug>/", views.entry_add, name="add_treatment"),
    path("treatments/mine/<int:pk>/", views.entry_edit, name="edit"),
    path("treatments/mine/<int:pk>/delete/", views.entry_delete, name="delete"),
    path("treatments/<slug:slug>/", views.treatment_detail, name="detail"),
]
