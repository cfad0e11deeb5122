# Varnish 7 in front of the portal's app servers (deploy/README.md). The stack (bin/stack) runs it as is;
# a production site changes the backends' addresses (and the ACLs) and keeps the rest.
#
# - Round robin over the app servers; each is probed on /healthz and left out while it fails (tried
#   anyway when every one looks sick: a burst, more likely than all dead). A GET or HEAD whose fetch
#   fails (the server died before the probes noticed) is sent again to the other server, twice at
#   most; so is an InnoDay registration's POST, which the app makes safe to repeat (one registration
#   per email address and InnoDay: a repeat is told it is registered already). Other POSTs are not
#   repeated: one that reached a server before it died could be applied twice.
# - Only what the app marks shareable is kept: a 200 with Cache-Control "public" and a positive
#   s-maxage/max-age, no Set-Cookie, as long as it says (the page cache's pages say a day: the app
#   purges them when they change); its Vary is respected. Search, the APIs and the feeds say
#   s-maxage=0 and pass. Uploaded media (/media/, without Cache-Control) is kept a day.
# - Never looked up: anything but GET and HEAD, visitors with a session or a pending message
#   (sessionid, messages cookies), the admin, accounts, My InnoPortal and personal links, /healthz.
# - PURGE from the purgers ACL (the app servers) is answered 200 and bans every stored answer for that
#   path: any host, any query string, any variant. Wagtail's frontend-cache HTTPBackend sends it
#   (FRONTEND_CACHE_PURGE_URL) with the page's own host and path; with "X-Purge-Scope: everything"
#   it bans every stored answer (the footer changed: pagecache/proxies.py).
# - /readyz is passed to the app only from the monitors ACL; others get 404.
vcl 4.1;

import directors;
import std;

probe healthz {
    .url = "/healthz";
    .expected_response = 200;
    .timeout = 4s;     # a busy server (a registration rush queues requests) answers late, not never
    .interval = 1s;
    .window = 5;
    .threshold = 2;    # healthy while 2 of the last 5 probes answered: out 4 s after a server dies
    .initial = 2;      # healthy at start
}

backend app1 {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;    # gunicorn's own worker timeout is 60 s
    .between_bytes_timeout = 30s;
}

backend app2 {
    .host = "127.0.0.1";
    .port = "8002";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
}

# The same servers without probes: tried when every probed one looks sick (sub vcl_recv).
backend app1_anyway {
    .host = "127.0.0.1";
    .port = "8001";
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
}

backend app2_anyway {
    .host = "127.0.0.1";
    .port = "8002";
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

acl monitors {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new apps = directors.round_robin();
    apps.add_backend(app1);
    apps.add_backend(app2);
    new anyway = directors.round_robin();
    anyway.add_backend(app1_anyway);
    anyway.add_backend(app2_anyway);
}

sub vcl_recv {
    unset req.http.X-Retry-Body;    # set below only
    set req.backend_hint = apps.backend();
    # Every server sick at once is far more often every server too busy to answer its probe in time
    # (a burst) than every server dead: try them anyway rather than refuse everyone with a 503.
    if (!std.healthy(req.backend_hint)) {
        set req.backend_hint = anyway.backend();
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE not allowed"));
        }
        # Something on every page changed (the footer): the portal says so (pagecache/proxies.py).
        if (req.http.X-Purge-Scope == "everything") {
            if (std.ban("obj.http.x-path ~ ^/")) {
                return (synth(200, "Purged everything"));
            }
            return (synth(400, std.ban_error()));
        }
        # Bans, not a purge of one hash: every host, query string and Vary variant of the path goes.
        if (std.ban("obj.http.x-path == " + regsub(req.url, "\?.*$", ""))) {
            return (synth(200, "Purged"));
        }
        return (synth(400, std.ban_error()));
    }

    if (req.url ~ "^/healthz/?$") {
        return (pass);
    }
    if (req.url ~ "^/readyz/?$") {
        if (client.ip !~ monitors) {
            return (synth(404, "Not Found"));
        }
        return (pass);
    }

    if (req.method != "GET" && req.method != "HEAD") {
        # Kept (a small form) so that it can be sent again (sub vcl_backend_error).
        if (req.method == "POST" && req.url ~ "^/[a-z-]+/innodays/register/" && std.cache_req_body(64KB)) {
            set req.http.X-Retry-Body = "1";
        }
        return (pass);
    }
    if (req.http.Authorization
        || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)="
        || req.url ~ "^/(admin|django-admin)/"
        || req.url ~ "^/[a-z-]+/(accounts|my)/"
        || req.url ~ "^/[a-z-]+/(alerts/confirm|alerts/manage|innodays/cancel)/") {
        return (pass);
    }
    # Anonymous: looked up whatever other cookies it has (a form's csrftoken): the app's page cache
    # serves such a visitor the same answer, and says "private" where a page holds a form.
    return (hash);
}

sub vcl_backend_fetch {
    if (bereq.retries > 0) {
        set bereq.http.X-Varnish-Retry = bereq.retries;
        # The other server, not the round's next: under load that is as likely the dead one again.
        # (A site with more servers lists them here in turn.)
        if (bereq.http.X-Failed-Backend ~ "^app1") {
            set bereq.backend = app2_anyway;
        } elsif (bereq.http.X-Failed-Backend ~ "^app2") {
            set bereq.backend = app1_anyway;
        }
        unset bereq.http.X-Failed-Backend;
    }
}

sub vcl_backend_response {
    # The path, for bans (lurker-friendly: obj.http only).
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");

    if (bereq.uncacheable) {
        return (deliver);
    }
    if (bereq.url ~ "^/media/" && beresp.status == 200 && !beresp.http.Cache-Control) {
        # Uploaded files: their names change when they do (Wagtail names uploads and renditions).
        set beresp.ttl = 1d;
        return (deliver);
    }
    if (beresp.status != 200
        || beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "public"
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.ttl <= 0s) {
        # Not shareable: remember that for a while, so that requests for it are not queued behind
        # one another (hit-for-miss), and fetch it each time.
        set beresp.ttl = 60s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # An anonymous page is the same for every anonymous visitor (see vcl_recv): not one copy per cookie.
    if (beresp.http.Vary ~ "(?i)\bcookie\b") {
        set beresp.http.Vary = regsuball(regsuball(beresp.http.Vary, "(?i)(^|,)\s*cookie\s*(?=,|$)", ""), "^,\s*", "");
        if (beresp.http.Vary == "") {
            unset beresp.http.Vary;
        }
    }
    # Served a while after it expires while a fresh copy is fetched (or while no server answers).
    set beresp.grace = 10m;
    return (deliver);
}

sub vcl_backend_error {
    # A server that died before the probes noticed: try again on the other one (sub vcl_backend_fetch),
    # twice at most, what is safe to repeat (the header comment).
    if (bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD" || bereq.http.X-Retry-Body)) {
        set bereq.http.X-Failed-Backend = beresp.backend.name;
        return (retry);
    }
}

sub vcl_deliver {
    unset resp.http.x-path;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
