from allauth.account.adapter import DefaultAccountAdapter

from innoportal.ratelimit import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """The address allauth's rate limits count by: the one every other limit of the site uses
        (TRUSTED_PROXY_COUNT, in innoportal.ratelimit)."""
        return client_address(request) or super().get_client_ip(request)
