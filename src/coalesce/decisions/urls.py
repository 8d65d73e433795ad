from coalesce.decisions import web

app_name = "decisions"
urlpatterns = web.urlpatterns
