app_name = "api-deployment"
urlpatterns: list = []
