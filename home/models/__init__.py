from .contact import ContactPage, EnquiryField
from .footer import FooterText
from .pages import HomeFeaturedItem, HomePage, PartnersPage, StandardPage

__all__ = ["ContactPage", "EnquiryField", "FooterText", "HomeFeaturedItem", "HomePage", "PartnersPage", "StandardPage"]
