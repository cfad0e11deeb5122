"""Where uploaded media (images, documents) are kept: MEDIA_ROOT on a folder every app server shares
(default), or object storage through the S3 API with MEDIA_STORAGE=s3 (django-storages).

With MEDIA_STORAGE=s3 the environment says (AWS's own names, as boto3 and django-storages use them):
  AWS_STORAGE_BUCKET_NAME   the bucket (required)
  AWS_S3_ENDPOINT_URL       an S3-compatible server's address (unset: Amazon S3 itself)
  AWS_S3_REGION_NAME        its region (default us-east-1)
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY   read by boto3 itself (unset: its other sources, e.g. a role)
  AWS_S3_CUSTOM_DOMAIN      the public host the bucket is read through (a CDN, a public-read bucket):
                            plain URLs on it; unset: each file's URL is signed, valid AWS_QUERYSTRING_EXPIRE
                            seconds (default 3600)
Set MEDIA_URL_ORIGIN to that origin too, so that the pages' security policy lets images come from it.
"""

from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "storages.backends.s3.S3Storage"


def s3_storage(env):
    """STORAGES["default"] for a bucket on Amazon S3 or an S3-compatible server, from `env(name, default)`."""
    bucket = env("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME (innoportal/settings/storage.py)")
    endpoint = env("AWS_S3_ENDPOINT_URL")
    domain = env("AWS_S3_CUSTOM_DOMAIN")
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": env("AWS_S3_REGION_NAME", "us-east-1"),
        "signature_version": "s3v4",
        # S3-compatible servers answer at one address, the bucket in the path.
        "addressing_style": env("AWS_S3_ADDRESSING_STYLE", "path" if endpoint else "auto"),
        # Wagtail names each upload and rendition itself: never write over an existing file.
        "file_overwrite": False,
        "custom_domain": domain,
        "querystring_auth": not domain,
        "querystring_expire": int(env("AWS_QUERYSTRING_EXPIRE", "3600")),
        # Browsers may keep a file a day: an image replaced in the admin gets a new name.
        "object_parameters": {"CacheControl": "public, max-age=86400"},
    }
    return {"BACKEND": S3_BACKEND, "OPTIONS": {name: value for name, value in options.items() if value is not None}}


def media_storage(env):
    """STORAGES["default"] as MEDIA_STORAGE says: "files" (MEDIA_ROOT, default) or "s3"."""
    kind = env("MEDIA_STORAGE", "files")
    if kind == "files":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind == "s3":
        return s3_storage(env)
    raise ImproperlyConfigured(f"MEDIA_STORAGE is files or s3, not {kind!r}")
