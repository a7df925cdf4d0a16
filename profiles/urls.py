from django.urls import path

from profiles import views

app_name = "profiles"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/print/", views.print_view, name="print"),
    path("<int:pk>/export.json", views.export_json, name="export"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/as-at/", views.as_at, name="as-at"),
    path("<int:pk>/compare/", views.compare, name="compare"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/edit/<slug:category>/", views.section_edit, name="edit"),
    path("<int:pk>/edit/<slug:category>/<slug:kind>/add/", views.item_add, name="item-add"),
    path("<int:pk>/edit/<slug:category>/<slug:kind>/<int:item_pk>/", views.item_edit, name="item-edit"),
    path("<int:pk>/edit/<slug:category>/<slug:kind>/<int:item_pk>/remove/", views.item_remove, name="item-remove"),
]
