"""Health endpoints for load balancers, process supervisors and deployments.

`/healthz`: the process is alive and answers (200 "ok"), touching nothing else: no database, cache or
session. `/readyz`: the parts a request or a task needs answer (database, cache, search engine, task
queue): 200 with each part "ok", or 503 naming the failing parts. Both are answered by
health.middleware, first in the middleware stack, so that no host check, HTTPS redirect, page cache,
session or language redirect applies to them and nothing keeps them.
"""
