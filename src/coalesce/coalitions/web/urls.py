from coalesce.coalitions.web import applications, diversity, members, roster, structure

app_name = "coalitions"
urlpatterns = (
    structure.urlpatterns
    + members.urlpatterns
    + applications.urlpatterns
    + diversity.urlpatterns
    + roster.urlpatterns
)
