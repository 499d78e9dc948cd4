# language: fr
Fonctionnalité: Les conditions de l'accompagnement Cloud Pi Native
  En tant que chargé d'adoption Cloud Pi Native
  Je veux savoir ce qui manque à un dossier de préqualification
  Afin d'orienter le porteur du projet vers les bonnes actions

  Contexte:
    Soit un porteur de projet public, sans but lucratif, qui a suivi les tutoriels

  Plan du scénario: chaque réponse manquante devient une condition
    Étant donné que le financement est "<financement>"
    Et que le sponsor est informé : "<sponsor>"
    Et que l'équipe compte <etp> ETP dédiés
    Et que le CCT a été lu : "<cct>"
    Quand le dossier est évalué
    Alors la décision est "<decision>"
    Et le nombre de conditions est <conditions>

    Exemples:
      | financement | sponsor | etp | cct | decision                 | conditions |
      | acquis      | oui     | 3   | oui | eligible                 | 0          |
      | aucun       | oui     | 3   | oui | eligible_sous_conditions | 1          |
      | acquis      | non     | 2   | oui | eligible_sous_conditions | 1          |
      | demande     | oui     | 1.5 | non | eligible_sous_conditions | 2          |
      | aucun       | non     | 0.5 | non | eligible_sous_conditions | 4          |
