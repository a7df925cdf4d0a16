"""The URLconf the public schema is generated from: the police.uk-compatible API alone, at its real prefix,
so ``/api/police-uk/schema`` documents what anyone may call and none of the internal endpoints.
"""

from django.urls import include, path

urlpatterns = [path("api/police-uk/", include("policeuk.urls"))]
