"""Generate the site's Markdown pages from the framework model."""
