from django.urls import path

from . import source_views, views
from .audit import urls as audit_urls
from .ingestion import views as ingestion

app_name = "sisetp"

urlpatterns = [
    path("dicionario/", views.data_dictionary, name="dictionary"),
    path("dicionario/datapackage.json", views.datapackage_json, name="datapackage"),
    path("importar/", ingestion.import_page, name="import"),
    path("importar/tarefa/<int:pk>/", ingestion.job_page, name="import-job"),
    path("importar/tarefa/<int:pk>/estado.json", ingestion.job_status, name="import-job-status"),
    path("importar/tarefa/<int:pk>/confirmar/", ingestion.job_confirm, name="import-job-confirm"),
    path("importar/tarefa/<int:pk>/cancelar/", ingestion.job_cancel, name="import-job-cancel"),
    path("importar/tarefa/<int:pk>/validar-novamente/", ingestion.job_retry, name="import-job-retry"),
    path("importar/lotes/", ingestion.batch_list, name="import-batches"),
    path("importar/lotes/<int:pk>/desfazer/", ingestion.batch_rollback, name="import-rollback"),
    path("fontes/", source_views.source_list, name="sources"),
    path("fontes/nova/", source_views.source_form, name="source-create"),
    path("fontes/<int:pk>/", source_views.source_form, name="source-edit"),
    path("fontes/<int:pk>/colunas/", source_views.source_mappings, name="source-mappings"),
    path("fontes/<int:pk>/colunas/editar/", source_views.source_mapping_edit, name="source-mapping-edit"),
    path("fontes/<int:pk>/colunas/remover/", source_views.source_mapping_delete, name="source-mapping-delete"),
    *audit_urls.urlpatterns,
]
