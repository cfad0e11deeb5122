from wagtail import hooks

from accounts.admin_views import claim_viewset


@hooks.register("register_admin_viewset")
def register_claim_viewset():
    return claim_viewset
