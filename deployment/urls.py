app_name = "deployment"
urlpatterns: list = []
