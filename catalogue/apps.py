from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = "Catalogue: wishes, solutions, trials"

    def ready(self):
        from wagtail.models import ReferenceIndex

        from catalogue.models import Solution, Trial, Wish

        # An organisation's or a category's "Usage" in the admin lists the items whose facts name it.
        for model in (Wish, Solution, Trial):
            ReferenceIndex.register_model(model)
