"""Le guichet de prise de rendez-vous en préfecture : le code que ce module apprend à tester."""
