"""The whole journey once in French, in a browser whose preferred language is French; the header's switcher
changes the language without JavaScript, and the choice follows the person to their next log-in."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import Console, assert_accessible

PASSWORD = "une-phrase-de-passe-longue-et-soignée"


def html_lang(page: Any) -> str | None:
    return page.locator("html").get_attribute("lang")


def test_the_whole_journey_in_french(browser, live_server):
    base = live_server.url
    context = browser.new_context(locale="fr-FR")  # the browser asks for French (Accept-Language)
    page = context.new_page()
    console = Console()
    page.on("console", console)

    # First visit: the browser's language, with the page's lang attribute to match.
    page.goto(base)
    assert html_lang(page) == "fr"
    expect(page.get_by_role("heading", level=1)).to_contain_text("Avez-vous besoin d'un Chief AI Officer")
    assert_accessible(page)

    page.goto(f"{base}/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Nom d’utilisateur").fill("elise")
    page.get_by_label("Adresse e-mail").fill("elise@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Créer un compte").click()
    expect(page.get_by_text("Connecté en tant que elise")).to_be_visible()

    page.get_by_role("link", name="Créez votre première organisation").click()
    assert_accessible(page)
    page.locator("#id_name").fill("Northwind Logistique")
    page.get_by_label("Secteur").fill("Logistique")
    page.get_by_label("Employés").fill("1200")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_role("heading", name="Northwind Logistique")).to_be_visible()
    assert_accessible(page)

    # The questionnaire, with amounts written the French way.
    page.get_by_role("button", name="Commencer une évaluation").click()
    assert html_lang(page) == "fr"
    assert_accessible(page)
    spend = page.get_by_label("Combien l'entreprise dépense-t-elle chaque année en IA, en dollars américains")
    people = page.get_by_label("Combien de personnes travaillent sur des projets liés à l'IA")
    spend.fill("2 500 000")
    people.fill("-4")
    page.get_by_label("Combien de cas d'usage distincts de l'IA sont en service ou en développement").fill(
        "3"
    )
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page.get_by_text("Saisissez 0 ou plus.")).to_be_visible()  # the error, in French, by its field
    assert_accessible(page)
    people.fill("25")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page.get_by_role("heading", name="L'IA dans votre produit et la réglementation")).to_be_visible()

    page.get_by_label("Une fonctionnalité du produit").check()
    page.get_by_label("Modérée").check()
    page.locator("fieldset", has_text="l'attention dédiée d'un dirigeant").get_by_label("Non").check()
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page.get_by_role("heading", name="Capacité de la direction")).to_be_visible()
    page.get_by_label("Oui").check()
    page.get_by_role("button", name="Enregistrer et continuer").click()

    expect(page.get_by_role("heading", name="Relisez vos réponses")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("2 500 000 $")
    assert_accessible(page)
    page.get_by_role("button", name="Voir la recommandation").click()

    # The results, worded in French from the stored result.
    expect(
        page.get_by_text(
            "La lecture de l'article : vous avez probablement besoin d'un Chief AI Officer dédié."
        ).first
    ).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="Responsabilité").first).to_contain_text(
        "Gouvernance partagée"
    )
    expect(page.get_by_role("heading", name="Ce qui changerait la recommandation")).to_be_visible()
    # The article's sentences stay in English, with their translation beneath, marked as one.
    quote = page.locator("q[lang=en]", has_text="AI spending exceeds $5M annually.").first
    expect(quote).to_be_visible()
    expect(page.get_by_text("Traduction :").first).to_be_visible()
    # The report is offered in each language, whatever the page's.
    pdf = page.get_by_role("form", name="Rapport PDF")
    expect(pdf).to_have_attribute("action", re.compile(r"report\.pdf$"))
    expect(pdf.get_by_label("Langue").locator("option[value=de]")).to_have_text("Deutsch")
    assert html_lang(page) == "fr"
    assert_accessible(page)

    # The header's switcher: a plain form; the choice is kept on the profile and comes back at the next log-in.
    page.get_by_role("button", name="Deutsch").click()
    assert html_lang(page) == "de"
    expect(page.get_by_role("heading", name="Was die Empfehlung ändern würde")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Abmelden").click()
    page.goto(f"{base}/accounts/login/")
    assert html_lang(page) == "de"  # signed out, this browser keeps the choice (a cookie)
    context.clear_cookies()  # as if on another computer: the browser's language again until elise logs in
    page.goto(f"{base}/accounts/login/")
    assert html_lang(page) == "fr"
    page.get_by_label("Nom d’utilisateur").fill("elise")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    assert html_lang(page) == "de"  # signed in: the language elise chose
    page.get_by_role("button", name="Français").click()
    assert html_lang(page) == "fr"

    # The methodology, in French, with the article quoted in English.
    page.get_by_role("link", name="Méthode").first.click()
    expect(
        page.get_by_role(
            "heading", name="Signaux indiquant que vous avez probablement besoin d'un CAIO dédié"
        )
    ).to_be_visible()
    assert_accessible(page)
    assert console.errors == [], f"console errors (CSP violations included): {console.errors}"
    context.close()
