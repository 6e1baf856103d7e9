"""The interview pages (included in the web URLconf, under its ``web`` namespace)."""

from django.urls import path

from handoff.interfaces.web.views import interviews

urlpatterns = [
    path("interviews/", interviews.my_interviews, name="my_interviews"),
    path("interviews/availability/", interviews.my_availability, name="my_availability"),
    path("interviews/pick/<str:slot_token>/", interviews.interview_pick, name="interview_pick"),
    path("interviews/<int:interview_id>/reschedule/", interviews.interview_reschedule, name="interview_reschedule"),
    path("interviews/<int:interview_id>/cancel/", interviews.interview_cancel, name="interview_cancel"),
    path("interviews/<int:interview_id>/scorecard/", interviews.scorecard, name="scorecard"),
    path("interviews/<int:interview_id>/summary/", interviews.scorecard_summary, name="scorecard_summary"),
    path("interviews/<int:interview_id>/round/", interviews.round_comparison, name="round_comparison"),
    path(
        "interviews/requisitions/<int:requisition_id>/plan/",
        interviews.interview_plan,
        name="interview_plan",
    ),
    path(
        "interviews/applications/<int:application_id>/",
        interviews.interview_schedule,
        name="interview_schedule",
    ),
    path(
        "interviews/applications/<int:application_id>/book/",
        interviews.interview_book,
        name="interview_book",
    ),
    path(
        "interviews/applications/<int:application_id>/offer/",
        interviews.interview_offer,
        name="interview_offer",
    ),
]
