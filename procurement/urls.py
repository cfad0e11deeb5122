from django.urls import path

from procurement import finder, views

urlpatterns = [
    path("checker/", views.checker, name="procurement_checker"),
    path("scoring/", views.scoring, name="procurement_scoring"),
    path("solutions/", finder.solutions, name="procurement_solutions"),
]
