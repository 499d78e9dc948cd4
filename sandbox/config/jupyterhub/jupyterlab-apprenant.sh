# Lu par start.sh de l'image (before-notebook.d) à chaque démarrage du serveur de l'apprenant :
# JupyterLab en français, sans les outils du formateur, la liste des devoirs si l'échange
# nbgrader est monté (cpnkit/lab.py).
if lab_env=$(python -m cpnkit.lab env --accueil notebooks/bienvenue.ipynb); then
  eval "$lab_env"
fi
