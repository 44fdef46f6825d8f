from django.urls import path

from alongside.journal import views

app_name = "journal"
urlpatterns = [
    path("journal/", views.mine, name="mine"),
    path("journal/questions/save/", views.question_save_from_page, name="question_save"),
    path("journal/carers/accept/<str:token>/", views.carer_accept, name="carer_accept"),
    path("shared/summary/<str:token>/", views.shared, name="shared"),
    path("journal/<uuid:jid>/", views.home, name="home"),
    path("journal/<uuid:jid>/day/<str:day>/", views.checkin, name="checkin"),
    path("journal/<uuid:jid>/symptoms/", views.symptoms, name="symptoms"),
    path("journal/<uuid:jid>/relapses/", views.relapses, name="relapses"),
    path("journal/<uuid:jid>/relapses/new/", views.relapse_edit, name="relapse_new"),
    path("journal/<uuid:jid>/relapses/<int:pk>/", views.relapse_edit, name="relapse_edit"),
    path(
        "journal/<uuid:jid>/relapses/<int:pk>/delete/",
        views.relapse_delete,
        name="relapse_delete",
    ),
    path("journal/<uuid:jid>/trends/", views.trends, name="trends"),
    path("journal/<uuid:jid>/questionnaires/", views.questionnaires, name="questionnaires"),
    path(
        "journal/<uuid:jid>/questionnaires/<slug:code>/",
        views.questionnaire_take,
        name="questionnaire",
    ),
    path("journal/<uuid:jid>/questions/", views.questions, name="questions"),
    path("journal/<uuid:jid>/questions/<int:pk>/", views.question_update, name="question_update"),
    path("journal/<uuid:jid>/summaries/", views.summaries, name="summaries"),
    path("journal/<uuid:jid>/summaries/<int:pk>/", views.summary, name="summary"),
    path("journal/<uuid:jid>/summaries/<int:pk>/pdf/", views.summary_pdf, name="summary_pdf"),
    path("journal/<uuid:jid>/summaries/<int:pk>/share/", views.summary_share, name="summary_share"),
    path("journal/<uuid:jid>/links/<int:pk>/revoke/", views.link_revoke, name="link_revoke"),
    path("journal/<uuid:jid>/carers/", views.carers, name="carers"),
    path("journal/<uuid:jid>/carers/<int:pk>/", views.carer_change, name="carer_change"),
    path("journal/<uuid:jid>/activity/", views.activity, name="activity"),
    path("journal/<uuid:jid>/settings/", views.journal_settings, name="settings"),
]
