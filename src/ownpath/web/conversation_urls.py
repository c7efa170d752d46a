"""Routes of career conversations (registered in web/urls.py with one line)."""

from __future__ import annotations

from django.urls import path

from ownpath.web.views import conversations

urlpatterns = [
    path("conversations/", conversations.conversation_list, name="conversations"),
    path("conversations/new/", conversations.conversation_open, name="conversation_open"),
    path("conversations/<int:conversation_id>/", conversations.conversation_page, name="conversation"),
    path("conversations/<int:conversation_id>/status/", conversations.conversation_status, name="conversation_status"),
    path("conversations/<int:conversation_id>/cadence/", conversations.conversation_cadence,
         name="conversation_cadence"),
    path("conversations/<int:conversation_id>/agenda/", conversations.agenda_add, name="conversation_agenda_add"),
    path("conversations/<int:conversation_id>/answers/<int:item_id>/", conversations.answer_save,
         name="conversation_answer"),
    path("conversations/<int:conversation_id>/notes/", conversations.note_add, name="conversation_note_add"),
    path("conversations/<int:conversation_id>/agreements/", conversations.agreement_add,
         name="conversation_agreement_add"),
    path("conversations/<int:conversation_id>/export/<str:file_format>/", conversations.conversation_export,
         name="conversation_export"),
    path("agreements/<int:agreement_id>/status/", conversations.agreement_status, name="agreement_status"),
    path("agreements/<int:agreement_id>/review-share/", conversations.agreement_review_share,
         name="agreement_review_share"),
    path("demo/act-as/", conversations.demo_act_as, name="demo_act_as"),
]
