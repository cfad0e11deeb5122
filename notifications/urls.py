"""Public alert pages and feeds; included inside i18n_patterns, so each exists under /en/ and /zh-hant/."""

from django.urls import path

from notifications import feeds, views

urlpatterns = [
    path("alerts/", views.subscribe, name="alerts_subscribe"),
    path("alerts/check-your-inbox/", views.requested, name="alerts_requested"),
    path("alerts/confirm/<str:token>/", views.confirm, name="alerts_confirm"),
    path("alerts/manage/<str:token>/", views.manage, name="alerts_manage"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="alerts_unsubscribe"),
    path("alerts/feeds/wishes.rss", feeds.WishFeed(), name="alerts_feed_rss"),
    path("alerts/feeds/wishes.atom", feeds.AtomWishFeed(), name="alerts_feed_atom"),
    path("alerts/feeds/wishes/<slug:category>.rss", feeds.WishFeed(), name="alerts_category_feed_rss"),
    path("alerts/feeds/wishes/<slug:category>.atom", feeds.AtomWishFeed(), name="alerts_category_feed_atom"),
]
