"""The open data page and dictionary, under each language's prefix (`pages`), and the files, at one
address for every language (`files`): innoportal.urls includes each where it belongs."""

from django.urls import path

from . import views

pages = [
    path("", views.index, name="opendata"),
    path("dictionary/", views.dictionary, name="opendata_dictionary"),
]
files = [
    path("<str:name>", views.download, name="opendata_file"),
]
