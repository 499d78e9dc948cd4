# Lu par start.sh de l'image (before-notebook.d) à chaque démarrage du serveur de l'apprenant :
# JupyterLab en français, sans les outils du formateur, la liste des devoirs si l'échange
# nbgrader est monté (cpnkit/lab.py).
if lab_env=$(python -m cpnkit.lab env --racine "${CPN_WORKSPACE:-$HOME/cpn-formation}" --accueil bienvenue.ipynb); then
  eval "$lab_env"
fi
