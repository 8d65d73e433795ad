"""Account pages that belong to one coalition (invitations), served under /c/<slug>/."""

app_name = "coalition_accounts"
urlpatterns = []
