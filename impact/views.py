def study_list(r):
    pass


study_create = study_detail = study_evaluate = study_list
