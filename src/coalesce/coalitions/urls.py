from coalesce.coalitions.web import members, roster, structure

app_name = "coalitions"
urlpatterns = structure.urlpatterns + members.urlpatterns + roster.urlpatterns
