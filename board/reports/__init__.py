"""Report documents: charts as shapes, HTML (Jinja, autoescaped), CSV and PDF renderings."""
