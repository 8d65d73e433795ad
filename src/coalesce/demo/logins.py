"""Who can sign in to the demo: one login for every role, all with the same password."""

DEMO_PASSWORD = "coalesce-demo-2026"

LOGINS = {
    "admin": ("admin@demo.coalesce.test", "Amina Okello"),
    "steering": ("steering@demo.coalesce.test", "Grace Wanjiru"),
    "chair": ("chair@demo.coalesce.test", "Joseph Mutua"),
    "member": ("member@demo.coalesce.test", "Fatuma Hassan"),
    "custodian": ("custodian@demo.coalesce.test", "Esther Nakato"),
    "applicant": ("applicant@demo.coalesce.test", "Daniel Otieno"),
    "outsider": ("outsider@demo.coalesce.test", "Samuel Kiptoo"),
}
