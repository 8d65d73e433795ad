from coalesce.coalitions.web import members, structure

app_name = "coalitions"
urlpatterns = structure.urlpatterns + members.urlpatterns
