from django_tasks import task

from search import documents


@task()
def update_documents(translation_keys):
    """Bring the search documents of these items (translation keys) up to date with their live pages."""
    documents.update(translation_keys)
