from django.shortcuts import render

def home(request):
    return render(request, "core/base.html")

plan_list = plan_detail = item_detail = search = home
