from django.urls import path

from marketplace.web.hotline import views

app_name = "hotline"
urlpatterns = [
    path("", views.MyRequestsView.as_view(), name="mine"),
    path("new/", views.RequestCreateView.as_view(), name="new"),
    path("board/", views.BoardView.as_view(), name="board"),
    path("<int:pk>/", views.RequestDetailView.as_view(), name="detail"),
    path("<int:pk>/photos/<int:photo_pk>/", views.RequestPhotoView.as_view(), name="photo"),
]
