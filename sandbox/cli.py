"""`cpn sandbox …`: start, stop and inspect the sandbox."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from . import current_settings
from .binaries import cache_report, ensure_binaries
from .progress import Reporter
from .providers import PROVIDERS, Status, get_provider
from .settings import Settings


def _settings(args: argparse.Namespace) -> Settings:
    return current_settings().with_overrides(
        provider=args.provider, port=getattr(args, "port", None), name=args.name,
        api_address=getattr(args, "api_address", None))


def _show(status: Status) -> None:
    if not status.exists:
        print(f"Bac à sable « {status.name} » ({status.provider}) : arrêté.")
        return
    state = "prêt" if status.healthy else "démarré mais pas prêt"
    print(f"Bac à sable « {status.name} » ({status.provider}) : {state}")
    print(f"  API        : {status.server or 'ne répond pas'} ({status.version or '?'})")
    print(f"  nœuds      : {status.nodes_ready}/{status.nodes_total} prêts")
    print(f"  kubeconfig : {status.kubeconfig}")
    for component, alive in status.components.items():
        print(f"  {component:<24}: {'en marche' if alive else 'ARRÊTÉ'}")


def cmd_up(args: argparse.Namespace) -> int:
    provider = get_provider(_settings(args))
    if args.dry_run:
        for command in provider.plan():
            print(" ".join(command))
        return 0
    _show(provider.up(Reporter()))
    print(f"\nPour kubectl : export KUBECONFIG={provider.kubeconfig()}")
    return 0


def cmd_down(args: argparse.Namespace) -> int:
    provider = get_provider(_settings(args))
    stopped = provider.down(Reporter())
    print("Bac à sable arrêté." if stopped else "Aucun bac à sable ne tournait : rien à faire.")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    status = get_provider(_settings(args)).status()
    if args.json:
        print(json.dumps(asdict(status), default=str, indent=2))
    else:
        _show(status)
    if not status.healthy:
        print("→ Démarrez-le (ou réparez-le) : cpn sandbox up", file=sys.stderr)
    return 0 if status.healthy else 3


def cmd_reset(args: argparse.Namespace) -> int:
    _show(get_provider(_settings(args)).reset(Reporter()))
    return 0


def cmd_kubeconfig(args: argparse.Namespace) -> int:
    path = get_provider(_settings(args)).kubeconfig()
    print(f"export KUBECONFIG={path}" if args.export else path)
    return 0


def cmd_install(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.force:
        import shutil

        for key in cache_report(settings.cache_dir):
            shutil.rmtree(settings.cache_dir / key, ignore_errors=True)
    use_go = False if args.download else None
    paths = ensure_binaries(settings.cache_dir, Reporter(), use_go=use_go)
    for name, path in paths.items():
        print(f"{name:<24} {path}")
    return 0


def cmd_capabilities(args: argparse.Namespace) -> int:
    caps = get_provider(_settings(args)).capabilities()
    print(json.dumps(asdict(caps), indent=2) if args.json else caps.describe())
    return 0


def register(subparsers: argparse._SubParsersAction, formatter: type) -> None:
    parser = subparsers.add_parser(
        "sandbox", help="démarrer, arrêter et inspecter le bac à sable Kubernetes",
        description="Le bac à sable Kubernetes des exercices. Par défaut « light » : un vrai "
        "plan de contrôle avec des nœuds simulés par kwok, sans moteur de conteneurs.",
        formatter_class=formatter,
    )
    verbs = parser.add_subparsers(title="commandes", dest="verb", required=True,
                                  metavar="COMMANDE")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--provider", choices=list(PROVIDERS),
                        help="fournisseur : light (défaut), kind ou k3d (avec Docker)")
    common.add_argument("--name", metavar="NOM",
                        help="nom du bac à sable (défaut : cpn, ou CPN_SANDBOX_NAME)")

    def verb(name: str, handler, help_text: str, *extra_parents):
        sub = verbs.add_parser(name, help=help_text, description=help_text[0].upper()
                               + help_text[1:] + ".", parents=[common, *extra_parents],
                               formatter_class=formatter)
        sub.set_defaults(handler=handler)
        return sub

    up = verb("up", cmd_up, "démarrer le bac à sable (sans effet s'il tourne déjà)")
    up.add_argument("--port", type=int, help="port de l'API Kubernetes (défaut : 26443)")
    up.add_argument("--adresse-api", dest="api_address", metavar="ADRESSE",
                    help="adresse d'écoute de l'API du bac à sable léger : 127.0.0.1 (défaut, "
                    "cette machine seulement) ou 0.0.0.0 pour servir une cohorte depuis cette "
                    "machine (ou CPN_SANDBOX_API_ADDRESS) ; etcd et les autres composants "
                    "restent sur 127.0.0.1")
    up.add_argument("--dry-run", action="store_true",
                    help="afficher les commandes prévues sans rien lancer")
    verb("down", cmd_down, "arrêter et supprimer le bac à sable (sans effet s'il est arrêté)")
    status = verb("status", cmd_status, "afficher l'état du bac à sable")
    status.add_argument("--json", action="store_true", help="sortie JSON")
    verb("reset", cmd_reset, "repartir d'un bac à sable neuf (arrêt puis démarrage)")
    kube = verb("kubeconfig", cmd_kubeconfig, "afficher le chemin du kubeconfig du bac à sable")
    kube.add_argument("--export", action="store_true",
                      help="afficher la ligne « export KUBECONFIG=… » à copier dans un shell")
    install = verb("install", cmd_install,
                   "compiler (avec Go) ou télécharger les binaires du bac à sable léger")
    install.add_argument("--force", action="store_true", help="tout reconstruire")
    install.add_argument("--download", action="store_true",
                         help="télécharger les versions officielles même si Go est présent")
    caps = verb("capabilities", cmd_capabilities, "ce que le fournisseur sait faire")
    caps.add_argument("--json", action="store_true", help="sortie JSON")


if __name__ == "__main__":  # pragma: no cover
    sys.exit("Utilisez la commande « cpn sandbox ».")
