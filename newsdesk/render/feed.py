"""The RSS 2.0 feed of the latest articles (docs/feed.xml)."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime
from xml.sax.saxutils import escape

from ..records import Corpus, Page
from ..slugs import article_path, html_path
from .indexes import by_date

FEED = "feed.xml"
FEED_ITEMS = 50


def render_feed(corpus: Corpus, site_name: str, description: str, site_url: str | None) -> Page:
    """Links are absolute when the site's URL is known (``site_url`` in mkdocs.yml, set
    by the Pages workflow), else relative to the feed, which local readers resolve."""
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    items = []
    for article in by_date(corpus.articles)[:FEED_ITEMS]:
        url = base + html_path(article_path(article.slug))
        parts = [
            "  <item>",
            f"   <title>{escape(article.title.value)}</title>",
            f"   <link>{escape(url)}</link>",
            f'   <guid isPermaLink="false">{article.sha256}</guid>',
            f"   <description>{escape(article.summary)}</description>",
        ]
        if article.source.value:
            parts.append(f"   <source url=\"{escape(base + FEED)}\">{escape(article.source.value)}</source>")
        published = article.published.value
        if published and len(published) == 10:  # RSS dates are days; a month alone is left out
            day = dt.datetime.fromisoformat(published).replace(hour=12, tzinfo=dt.timezone.utc)
            parts.append(f"   <pubDate>{format_datetime(day)}</pubDate>")
        parts.append("  </item>")
        items.append("\n".join(parts))
    text = "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0">',
        " <channel>",
        f"  <title>{escape(site_name)}</title>",
        f"  <link>{escape(base or 'index.html')}</link>",
        f"  <description>{escape(description or site_name)}</description>",
        "  <generator>newsdesk</generator>",
        *items,
        " </channel>",
        "</rss>",
        "",
    ])
    return Page(FEED, text)
