# Configuration nbgrader du cours Cloud Pi Native, écrite par « cpn course build ».
# Les délais, les squelettes de réponse et les délimiteurs sont de la configuration, pas du code.
c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.course_id = "cloud-pi-native"

# Délai par cellule : les attentes des exercices sont bornées à 90 s au plus (wait_for) ;
# le démarrage du noyau et la lecture du cluster restent bien en dessous de 180 s.
c.Execute.timeout = 180
c.Execute.interrupt_on_timeout = True
c.Execute.startup_timeout = 120

# Squelettes que voit l'apprenant à la place des solutions.
c.ClearSolutions.code_stub = {"python": "# VOTRE CODE ICI\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "VOTRE RÉPONSE ICI"

# Les tests cachés sont évalués par le correcteur, hors du noyau de l'apprenant
# (graders.trusted) : le noyau exécute les réponses, jamais les cellules notées.
from nbgrader.converters.autograde import Autograde  # noqa: E402
from nbgrader.preprocessors import Execute  # noqa: E402

from graders.trusted.executor import TrustedExecute  # noqa: E402

c.Autograde.autograde_preprocessors = [
    TrustedExecute if step is Execute else step
    for step in Autograde.class_traits()["autograde_preprocessors"].default()]
