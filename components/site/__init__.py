"""The static edition: the same data as HTML pages, files and feeds that any web server or CDN can serve."""
