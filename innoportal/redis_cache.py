"""Django's Redis cache backend, with its client object made once per server and reused.

Django's RedisCacheClient builds a new redis.Redis object for every cache call (Django 5.2): its
response-callback table alone is 169 dictionary insertions, a third of the CPU time of serving a
cached page (210 µs, measured in bench/pages.py's setting). The object holds no connection of its
own (they come from the pool, which Django already keeps), so one per pool serves every call; a
cache object is per thread in Django, and so is this client.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _ReusedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient
