from django.urls import path

from monitoring import open_data

urlpatterns = [
    path("otevrena-data/monitoring.json", open_data.monitoring_json, name="monitoring_json"),
    path("otevrena-data/monitoring.csv", open_data.monitoring_csv, name="monitoring_csv"),
]
