from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = "Catalogue: wishes, solutions, trials"

    def ready(self):
        from wagtail.models import ReferenceIndex
        from wagtail.signals import page_published

        from catalogue import numbering, report_fonts  # noqa: F401 (report_fonts registers its check)
        from catalogue.models import Solution, SolutionPage, Trial, TrialPage, Wish, WishPage

        # An organisation's or a category's "Usage" in the admin lists the items whose facts name it.
        for model in (Wish, Solution, Trial):
            ReferenceIndex.register_model(model)
        for page_model in (WishPage, SolutionPage, TrialPage):
            page_published.connect(
                numbering.page_published, sender=page_model, weak=False, dispatch_uid=f"number-{page_model.__name__}"
            )
