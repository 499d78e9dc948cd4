#!/bin/sh
# Kit de formation Cloud Pi Native : installation, ouverture et tests.
#   ./kit.sh lab        installe tout, démarre le bac à sable, prépare votre espace de travail
#                       (~/cpn-formation, ou $CPN_WORKSPACE) et ouvre JupyterLab sur son accueil
#   ./kit.sh test       installe tout et lance toute la suite de tests
#   ./kit.sh formateur  (formateurs) ouvre JupyterLab sur les carnets sources, solutions comprises
set -eu
cd "$(dirname "$0")"

VENV=.venv
CPN_HOME=${CPN_HOME:-$HOME/.cpn-kit}
export CPN_HOME

say() {
  if [ -t 2 ]; then printf '\033[1m▶ %s\033[0m\n' "$*" >&2; else printf '▶ %s\n' "$*" >&2; fi
}
die() { printf 'Erreur : %s\n' "$*" >&2; exit 1; }

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  die "Python 3.11 ou plus récent est nécessaire (https://www.python.org/downloads/)."
}

# The virtual environment is (re)installed when pyproject.toml changes.
install_python() {
  name=$1 spec=$2
  stamp="$VENV/.installed-$name"
  wanted=$(cksum pyproject.toml | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then return 0; fi
  if [ ! -x "$VENV/bin/python" ]; then
    say "Création de l'environnement Python ($VENV)"
    "$(find_python)" -m venv "$VENV"
  fi
  say "Installation des dépendances Python"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e "$spec"
  echo "$wanted" > "$stamp"
}

cmd_lab() {
  install_python lab .
  say "Démarrage du bac à sable (la première fois : compilation ou téléchargement des binaires)"
  "$VENV/bin/cpn" sandbox up
  PATH="$CPN_HOME/bin:$PWD/$VENV/bin:$PATH"
  export PATH
  say "Espace de travail, puis JupyterLab sur le carnet d'accueil"
  exec "$VENV/bin/cpn" lab -- "$@"
}

cmd_trainer() {
  install_python lab .
  PATH="$CPN_HOME/bin:$PWD/$VENV/bin:$PATH"
  export PATH
  say "JupyterLab sur les carnets sources (solutions et tests cachés : pas pour les apprenants)"
  exec "$VENV/bin/cpn" course lab -- "$@"
}

# System packages of the tests: Debian's Chromium for the browser test (Playwright never
# downloads a browser here), bubblewrap for the grading cage.
# ensure_system PACKAGE FILE WHY: install a Debian package when FILE is missing (as root),
# otherwise say in French what is skipped and how to install it.
ensure_system() {
  if [ -x "$2" ]; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installation de $1 ($3)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
  else
    printf '%s\n' \
      "Attention : $1 est absent ($2), nécessaire pour : $3." \
      "Installez-le avec « sudo apt-get install $1 » (Debian, Ubuntu), puis relancez" \
      "./kit.sh test." >&2
  fi
}

cmd_test() {
  install_python test '.[test]'
  ensure_system chromium /usr/bin/chromium "test des questionnaires dans un vrai navigateur"
  ensure_system bubblewrap /usr/bin/bwrap "cage de correction des copies"
  PATH="$PWD/$VENV/bin:$PATH"
  export PATH
  say "Binaires du bac à sable léger"
  "$VENV/bin/cpn" sandbox install
  say "Suite de tests complète"
  exec "$VENV/bin/python" -m pytest -n 2 --dist loadfile "$@"
}

case "${1:-}" in
  lab) shift; cmd_lab "$@" ;;
  test) shift; cmd_test "$@" ;;
  formateur) shift; cmd_trainer "$@" ;;
  *) echo "Utilisation : ./kit.sh lab | ./kit.sh test (formateurs : ./kit.sh formateur)" >&2
     exit 2 ;;
esac
