"""A SAML 2.0 sign-in through allauth and python3-saml: the response is signed with xmlsec as an identity
provider signs it, and checked by the app against the provider's certificate, audience, time and request."""

from __future__ import annotations

import base64
import datetime as dt
import json
import zlib
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.test import Client
from onelogin.saml2.constants import OneLogin_Saml2_Constants as C
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from assessments.audit.models import ACCOUNT_CHAIN, AuditEntry
from assessments.models import Membership
from assessments.sso.models import DomainRule
from caio import sso as config
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HOST = "caio.example.com"  # python3-saml wants host names with a dot in its URLs
IDP = "https://idp.corp.example/saml"


def _key_and_cert() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.corp.example")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(1).not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()  # fmt: skip
    return key_pem, cert.public_bytes(serialization.Encoding.PEM).decode()


def _response(*, request_id: str, acs: str, audience: str, email: str, key: str, cert: str) -> str:
    def stamp(delta: int = 0) -> str:
        return (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=delta)).strftime("%Y-%m-%dT%H:%M:%SZ")

    xml = f"""<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"
 xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r{request_id[1:]}" Version="2.0" IssueInstant="{stamp()}"
 Destination="{acs}" InResponseTo="{request_id}"><saml:Issuer>{IDP}</saml:Issuer>
<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
<saml:Assertion ID="_a{request_id[1:]}" Version="2.0" IssueInstant="{stamp()}"><saml:Issuer>{IDP}</saml:Issuer>
<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">{email}</saml:NameID>
<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData
 NotOnOrAfter="{stamp(5)}" Recipient="{acs}" InResponseTo="{request_id}"/></saml:SubjectConfirmation></saml:Subject>
<saml:Conditions NotBefore="{stamp(-1)}" NotOnOrAfter="{stamp(5)}"><saml:AudienceRestriction>
<saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>
<saml:AuthnStatement AuthnInstant="{stamp()}" SessionIndex="_s1"><saml:AuthnContext><saml:AuthnContextClassRef>
urn:oasis:names:tc:SAML:2.0:ac:classes:Password</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>
<saml:AttributeStatement>
<saml:Attribute Name="urn:oasis:names:tc:SAML:attribute:subject-id"><saml:AttributeValue>sam-1</saml:AttributeValue></saml:Attribute>
<saml:Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"><saml:AttributeValue>{email}</saml:AttributeValue></saml:Attribute>
<saml:Attribute Name="http://schemas.auth0.com/email_verified"><saml:AttributeValue>true</saml:AttributeValue></saml:Attribute>
</saml:AttributeStatement></saml:Assertion></samlp:Response>"""
    signed = OneLogin_Saml2_Utils.add_sign(
        xml, key, cert, sign_algorithm=C.RSA_SHA256, digest_algorithm=C.SHA256
    )
    return base64.b64encode(signed).decode()


@pytest.fixture
def saml(settings):
    key, cert = _key_and_cert()
    settings.ALLOWED_HOSTS = [HOST]
    settings.SOCIALACCOUNT_PROVIDERS = config.providers(
        {
            "SAML_IDP_ENTITY_ID": IDP,
            "SAML_IDP_SSO_URL": f"{IDP}/sso",
            "SAML_IDP_X509_CERT": cert,
            "SAML_NAME": "Corp SAML",
            "SAML_ID": "corp",
        }  # fmt: skip
    )
    return key, cert


def _start(client: Client) -> str:
    """Press "Sign in with Corp SAML"; returns the id of the request sent to the identity provider."""
    response = client.post("/sso/saml/corp/login/", {"process": "login"})
    assert response.status_code == 302 and response["Location"].startswith(f"{IDP}/sso?")
    request_xml = zlib.decompress(
        base64.b64decode(parse_qs(urlsplit(response["Location"]).query)["SAMLRequest"][0]), -15
    ).decode()
    return request_xml.split(' ID="', 1)[1].split('"', 1)[0]


def _post_response(client: Client, saml_response: str) -> object:
    response = client.post("/sso/saml/corp/acs/", {"SAMLResponse": saml_response})
    assert response.status_code == 302
    return client.get(response["Location"])


def test_a_signed_response_signs_the_person_in_joins_by_domain_and_is_audited(saml):
    key, cert = saml
    organisation = OrganisationFactory(name="Corp")
    DomainRule.objects.create(organisation=organisation, domain="corp.example", role="editor")
    client = Client(HTTP_HOST=HOST)
    request_id = _start(client)
    acs, audience = f"http://{HOST}/sso/saml/corp/acs/", f"http://{HOST}/sso/saml/corp/metadata/"
    finished = _post_response(
        client,
        _response(
            request_id=request_id, acs=acs, audience=audience, email="sam@corp.example", key=key, cert=cert
        ),  # fmt: skip
    )
    assert finished.status_code == 302 and finished["Location"] == "/organisations/"
    entry = AuditEntry.objects.get(chain=ACCOUNT_CHAIN, action="signed_in")
    assert json.loads(entry.changes)["method"][1] == f"single sign-on: Corp SAML ({IDP})"
    assert Membership.objects.get(organisation=organisation, user_id=entry.actor_id).role == "editor"


def test_a_response_signed_by_another_key_is_refused(saml):
    _key, cert = saml
    other_key, other_cert = _key_and_cert()
    client = Client(HTTP_HOST=HOST)
    request_id = _start(client)
    acs, audience = f"http://{HOST}/sso/saml/corp/acs/", f"http://{HOST}/sso/saml/corp/metadata/"
    finished = _post_response(
        client,
        _response(
            request_id=request_id,
            acs=acs,
            audience=audience,
            email="sam@corp.example",
            key=other_key,
            cert=other_cert,
        ),  # fmt: skip
    )
    assert finished.status_code == 401 and "_auth_user_id" not in client.session
    assert not AuditEntry.objects.filter(action="signed_in").exists()
