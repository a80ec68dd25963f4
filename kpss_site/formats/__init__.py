"""Date formats of the site's languages (settings.FORMAT_MODULE_PATH); what a module leaves out
comes from Django's own formats for the language."""
