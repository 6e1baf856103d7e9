"""The web pages. URL kwargs name the object they identify (client_id, bpo_id, ...): the isolation tests rely on it."""

from django.urls import path

from handoff.interfaces.web.views import auth, clients, engagements, home, switcher, tokens

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth.login_view, name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("account/password/", auth.password_change, name="password_change"),
    path("account/tokens/", tokens.token_list, name="token_list"),
    path("account/tokens/new/", tokens.token_create, name="token_create"),
    path("account/tokens/<int:token_id>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("switch-client/", switcher.switch_client, name="switch_client"),
    path("clients/", clients.client_list, name="client_list"),
    path("clients/new/", clients.client_create, name="client_create"),
    path("clients/<int:client_id>/", clients.client_detail, name="client_detail"),
    path("clients/<int:client_id>/edit/", clients.client_edit, name="client_edit"),
    path("clients/<int:client_id>/team/", clients.account_team_assign, name="account_team_assign"),
    path(
        "clients/<int:client_id>/team/<int:user_id>/remove/",
        clients.account_team_unassign,
        name="account_team_unassign",
    ),
    path("engagements/", engagements.engagement_list, name="engagement_list"),
    path("engagements/bpo/new/", engagements.bpo_create, name="bpo_create"),
    path("engagements/bpo/<int:bpo_id>/", engagements.bpo_detail, name="bpo_detail"),
    path("engagements/bpo/<int:bpo_id>/edit/", engagements.bpo_edit, name="bpo_edit"),
    path("engagements/rpo/new/", engagements.rpo_create, name="rpo_create"),
    path("engagements/rpo/<int:rpo_id>/", engagements.rpo_detail, name="rpo_detail"),
    path("engagements/rpo/<int:rpo_id>/edit/", engagements.rpo_edit, name="rpo_edit"),
    path("delivery-centers/", engagements.delivery_center_list, name="delivery_center_list"),
]
