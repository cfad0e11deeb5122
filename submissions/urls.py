from django.urls import path

from submissions import views

urlpatterns = [
    path("", views.my_submissions, name="my_submissions"),
    path("new/<str:kind>/", views.new_submission, name="submission_new"),
    path("<int:pk>/", views.submission_detail, name="submission_detail"),
    path("<int:pk>/edit/", views.edit_submission, name="submission_edit"),
    path("<int:pk>/delete/", views.delete_draft, name="submission_delete"),
    path("<int:pk>/files/<int:attachment_pk>/", views.attachment, name="submission_attachment"),
]
