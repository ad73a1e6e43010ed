from django.urls import path

from campaigns.views import campaigns, clusters, from_plan, scoring

app_name = "campaigns"
urlpatterns = [
    path("campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("campaigns/new/", campaigns.campaign_create, name="campaign_create"),
    path("campaigns/propose/", campaigns.campaign_propose, name="campaign_propose"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/launch/", campaigns.campaign_launch, name="campaign_launch"),
    path(
        "campaigns/<int:pk>/documents/",
        campaigns.campaign_document_upload,
        name="campaign_document_upload",
    ),
    path(
        "campaigns/documents/<int:pk>/",
        campaigns.campaign_document_download,
        name="campaign_document_download",
    ),
    path("plans/<int:plan_pk>/campaigns/", from_plan.from_plan, name="from_plan"),
    path("clusters/", clusters.cluster_list, name="cluster_list"),
    path("clusters/new/", clusters.cluster_create, name="cluster_create"),
    path("clusters/<int:pk>/", clusters.cluster_detail, name="cluster_detail"),
    path("clusters/<int:pk>/edit/", clusters.cluster_edit, name="cluster_edit"),
    path(
        "clusters/<int:pk>/documents/",
        clusters.cluster_document_upload,
        name="cluster_document_upload",
    ),
    path(
        "clusters/documents/<int:pk>/",
        clusters.cluster_document_download,
        name="cluster_document_download",
    ),
    path("clusters/<int:pk>/election/", clusters.cluster_election, name="cluster_election"),
    path("clusters/<int:pk>/scoring/", scoring.scoring_overview, name="scoring_overview"),
    path("clusters/<int:pk>/scoring/scale/", scoring.scoring_scale, name="scoring_scale"),
    path("clusters/<int:pk>/scoring/assign/", scoring.scoring_assign, name="scoring_assign"),
    path("clusters/<int:pk>/scoring/close/", scoring.scoring_close, name="scoring_close"),
    path("clusters/sheets/<int:pk>/", scoring.sheet_fill, name="sheet_fill"),
    path("clusters/<int:pk>/acclamation/", scoring.acclamation, name="acclamation"),
]
