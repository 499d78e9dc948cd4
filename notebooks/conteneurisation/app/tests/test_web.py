from horaires.web import application


def appeler(chemin, requete=""):
    statuts = []
    corps = application({"PATH_INFO": chemin, "QUERY_STRING": requete},
                        lambda statut, entetes: statuts.append(statut))
    return statuts[0], b"".join(corps)


def test_sante():
    assert appeler("/health")[0] == "200 OK"


def test_horaires_paris():
    statut, corps = appeler("/horaires", "prefecture=75")
    assert statut == "200 OK" and b"9h-16h" in corps
