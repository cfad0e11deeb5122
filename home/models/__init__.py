from .footer import FooterText
from .pages import HomeFeaturedItem, HomePage, PartnersPage, StandardPage

__all__ = ["FooterText", "HomeFeaturedItem", "HomePage", "PartnersPage", "StandardPage"]
