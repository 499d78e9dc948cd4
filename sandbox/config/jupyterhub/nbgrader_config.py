# Configuration nbgrader des serveurs des apprenants et du formateur sur JupyterHub.
c = get_config()  # noqa: F821 (provided by nbgrader)
c.CourseDirectory.course_id = "cloud-pi-native"
# Échange partagé (volume ReadWriteMany « nbgrader-echange », monté par values.yaml).
c.Exchange.root = "/srv/nbgrader/exchange"
c.Exchange.path_includes_course = True
