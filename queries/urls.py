from django.urls import path

from queries.views import officers, oversight, police, public

app_name = "queries"
urlpatterns = [
    # Public, no sign-in.
    path("contact/<int:pk>/", public.contact, name="contact"),
    path("sent/<str:token>/", public.sent, name="sent"),
    path("review/<str:token>/", public.review, name="review"),
    # Police (and partners, for what was passed to them).
    path("", police.queue, name="queue"),
    path("<int:pk>/", police.detail, name="detail"),
    path("<int:pk>/acknowledge/", police.acknowledge, name="acknowledge"),
    path("<int:pk>/reply/", police.reply, name="reply"),
    path("<int:pk>/reassign/", police.reassign, name="reassign"),
    path("<int:pk>/refer/", police.refer, name="refer"),
    path("<int:pk>/concern/", police.concern, name="concern"),
    path("<int:pk>/link/", police.link, name="link"),
    path("<int:pk>/close/", police.close, name="close"),
    path("measures/", police.measures, name="measures"),
    path("erasure/", police.erasure, name="erasure"),
    path("oversight/", oversight.oversight, name="oversight"),
    # A neighbourhood's named officers (its pk), kept by the team's sergeant; then one officer's entry.
    path("officers/<int:pk>/", officers.officers, name="officers"),
    path("officers/<int:pk>/add/", officers.officer_add, name="officer-add"),
    path("officers/entry/<int:pk>/", officers.officer_edit, name="officer-edit"),
    path("officers/entry/<int:pk>/remove/", officers.officer_remove, name="officer-remove"),
    path("officers/entry/<int:pk>/move/", officers.officer_move, name="officer-move"),
]
