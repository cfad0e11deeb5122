"""gunicorn's settings for one of the portal's app servers (deploy/README.md):

    gunicorn -c deploy/gunicorn.conf.py --bind 127.0.0.1:8001

with DJANGO_SETTINGS_MODULE=innoportal.settings.production and its environment. Tuned by:
  GUNICORN_WORKERS   worker processes (default 2 per CPU core, plus 1)
  GUNICORN_THREADS   threads per worker (default 1: sync workers; more: gthread)
  GUNICORN_TIMEOUT   seconds a request may take before its worker is replaced (default 60)
The access log goes to standard output without the health probes (/healthz, /readyz), which the
caching proxy and supervisors send every second or so; errors to standard error.
"""

import multiprocessing
import os

from gunicorn.glogging import Logger

wsgi_app = "innoportal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS") or 2 * multiprocessing.cpu_count() + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)
graceful_timeout = 30  # on SIGTERM (a deploy, `supervisorctl stop`): requests in progress may finish
keepalive = 5
# A worker is replaced after this many requests (spread out), so that slow leaks never add up.
max_requests = 5000
max_requests_jitter = 500
# Only the proxy on this machine may say which scheme and address the visitor used (gunicorn's own
# reading of X-Forwarded-*; Django's is SECURE_PROXY_SSL_HEADER and TRUSTED_PROXY_COUNT).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No control socket: supervisor (or systemd) controls the server, and two servers on one machine would
# share its default path.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The visitor's address as the proxy wrote it, the request, status, size, time in microseconds.
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(B)s %(D)sus "%(a)s"'


class QuietProbes(Logger):
    """gunicorn's logger, without the access lines of the health probes."""

    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO", "").rstrip("/") in ("/healthz", "/readyz"):
            return
        super().access(resp, req, environ, request_time)


logger_class = QuietProbes
