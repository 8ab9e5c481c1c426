//! AutoMTLS: a self-signed server certificate for `localhost`, and a client-certificate check that
//! trusts exactly the certificate Terraform passed in `PLUGIN_CLIENT_CERT` (Terraform's keys are
//! ECDSA P-521, which rustls' ring backend cannot verify, so P-521 signatures are checked here).

use std::sync::Arc;

use p521::ecdsa::signature::Verifier;
use rustls::client::danger::HandshakeSignatureValid;
use rustls::crypto::{ring as provider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{DigitallySignedStruct, DistinguishedName, Error as TlsError, SignatureScheme};

#[derive(Debug, thiserror::Error)]
pub enum TlsSetupError {
    #[error("PLUGIN_CLIENT_CERT holds no PEM certificate")]
    NoClientCert,
    #[error("could not make the server certificate")]
    Cert(#[from] rcgen::Error),
    #[error("could not configure TLS")]
    Rustls(#[from] TlsError),
}

/// The server's certificate (DER, for the handshake line) and its TLS configuration.
pub struct ServerTls {
    pub cert_der: Vec<u8>,
    pub config: Arc<rustls::ServerConfig>,
}

/// Decodes the PEM certificate(s) Terraform passes in `PLUGIN_CLIENT_CERT`.
fn pem_certs(pem: &str) -> Vec<Vec<u8>> {
    use base64::Engine as _;
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    for line in pem.lines().map(str::trim) {
        if line.starts_with("-----BEGIN CERTIFICATE") {
            cur = Some(String::new());
        } else if line.starts_with("-----END CERTIFICATE") {
            if let Some(b64) = cur.take() {
                if let Ok(der) = base64::engine::general_purpose::STANDARD.decode(b64) {
                    out.push(der);
                }
            }
        } else if let Some(c) = cur.as_mut() {
            c.push_str(line);
        }
    }
    out
}

pub fn server_tls(client_cert_pem: &str) -> Result<ServerTls, TlsSetupError> {
    let trusted = pem_certs(client_cert_pem);
    if trusted.is_empty() {
        return Err(TlsSetupError::NoClientCert);
    }
    let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?;
    let mut params = rcgen::CertificateParams::new(vec!["localhost".to_string()])?;
    params.distinguished_name.push(rcgen::DnType::OrganizationName, "HashiCorp");
    params.distinguished_name.push(rcgen::DnType::CommonName, "localhost");
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.key_usages =
        vec![rcgen::KeyUsagePurpose::DigitalSignature, rcgen::KeyUsagePurpose::KeyEncipherment, rcgen::KeyUsagePurpose::KeyCertSign];
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth, rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    params.not_before = time_now_minus_30s();
    params.not_after = params.not_before + std::time::Duration::from_secs(60 * 60 * 24 * 365);
    let cert = params.self_signed(&key)?;
    let cert_der = cert.der().to_vec();
    let key_der = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));

    let verifier = Arc::new(PinnedClientCert { trusted, algorithms: provider::default_provider().signature_verification_algorithms });
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(provider::default_provider()))
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])?
        .with_client_cert_verifier(verifier)
        .with_single_cert(vec![CertificateDer::from(cert_der.clone())], key_der)?;
    let mut config = config;
    config.alpn_protocols = vec![b"h2".to_vec()];
    Ok(ServerTls { cert_der, config: Arc::new(config) })
}

fn time_now_minus_30s() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc() - time::Duration::seconds(30)
}

/// Accepts exactly the pinned client certificate(s), and checks handshake signatures made with
/// their keys (P-521 included).
#[derive(Debug)]
struct PinnedClientCert {
    trusted: Vec<Vec<u8>>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl PinnedClientCert {
    fn verify(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
        tls13: bool,
    ) -> Result<HandshakeSignatureValid, TlsError> {
        if dss.scheme == SignatureScheme::ECDSA_NISTP521_SHA512 {
            let (_, parsed) = x509_parser::parse_x509_certificate(cert.as_ref())
                .map_err(|_| TlsError::InvalidCertificate(rustls::CertificateError::BadEncoding))?;
            let point = parsed.public_key().subject_public_key.data.to_vec();
            let key = p521::ecdsa::VerifyingKey::from_sec1_bytes(&point)
                .map_err(|_| TlsError::InvalidCertificate(rustls::CertificateError::BadEncoding))?;
            let sig = p521::ecdsa::Signature::from_der(dss.signature())
                .map_err(|_| TlsError::InvalidCertificate(rustls::CertificateError::BadSignature))?;
            return key
                .verify(message, &sig)
                .map(|_| HandshakeSignatureValid::assertion())
                .map_err(|_| TlsError::InvalidCertificate(rustls::CertificateError::BadSignature));
        }
        if tls13 {
            rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
        } else {
            rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
        }
    }
}

impl ClientCertVerifier for PinnedClientCert {
    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &[]
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _now: UnixTime,
    ) -> Result<ClientCertVerified, TlsError> {
        if self.trusted.iter().any(|t| t.as_slice() == end_entity.as_ref()) {
            Ok(ClientCertVerified::assertion())
        } else {
            Err(TlsError::InvalidCertificate(rustls::CertificateError::UnknownIssuer))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, TlsError> {
        self.verify(message, cert, dss, false)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, TlsError> {
        self.verify(message, cert, dss, true)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        let mut s = self.algorithms.supported_schemes();
        s.push(SignatureScheme::ECDSA_NISTP521_SHA512);
        s
    }

    fn client_auth_mandatory(&self) -> bool {
        true
    }
}
