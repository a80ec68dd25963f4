from django.urls import re_path

from consultation import exports

urlpatterns = [
    re_path(
        r"^(?P<path>(?:[\w\-]+/)*[\w\-]+)/vyporadani\.(?P<extension>csv|xlsx)$",
        exports.export,
        name="consultation_settlement_export",
    ),
]
