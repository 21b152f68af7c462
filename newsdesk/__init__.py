"""newsdesk: a folder of raw news articles in, a cross-linked, searchable MkDocs site out."""

__version__ = "0.1.0"
