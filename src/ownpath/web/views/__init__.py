"""Views: thin entry points that parse a request, call a service and render a template."""
