"""A number beyond the database's integers in a request is bad input, answered 400.

Django checks the range of a value looked up on an integer field, but not through a relation
(Django ticket #27397): on SQLite, an id beyond 64 bits in a filter on a related record (the
admin's owner, content type, user or site filters of Wagtail's page explorer, page history,
page-type usage and workflow listings) raised OverflowError from the driver, a server error.
Our own forms refuse such ids with a message at the field (kpss_pages/admin_guards.py); this
is the net under every view we do not own, so that no request can turn one into a 500.
"""

from django.views.defaults import bad_request


class OutOfRangeAsBadRequest:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            # The request's transaction has been rolled back by then (ATOMIC_REQUESTS).
            return bad_request(request, exception)
        return None
