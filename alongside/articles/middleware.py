class AdminCSPMiddleware:
    """The Wagtail admin writes inline <script> tags (date choosers, widgets) and style
    attributes (the rich-text editor, StreamField), so under /admin/ only, script-src and
    style-src allow inline code instead of requiring the nonce. The public site is unchanged.
    Place it after csp.middleware.CSPMiddleware.
    """

    RELAXED = {
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/admin/"):
            response._csp_replace = {
                **(getattr(response, "_csp_replace", None) or {}),
                **self.RELAXED,
            }
        return response
