# Lancé au démarrage du serveur de l'apprenant (before-notebook.d des images Jupyter) :
# copie ou met à jour ~/cpn-formation depuis la version apprenant de l'image, sans écraser un
# fichier que l'apprenant a modifié (la nouvelle version est écrite à côté).
cpn workspace build --from /opt/cpn-kit/espace ||
  echo "Attention : l'espace de travail n'a pas pu être mis à jour." >&2
