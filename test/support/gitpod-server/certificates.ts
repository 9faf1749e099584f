/**
 * Certificates for the local Gitpod test server, made at test time with the `selfsigned`
 * package (pure Node WebCrypto: works on a clean machine with npm alone). Each is self-signed,
 * and the test trusts it by passing it as the client's only CA, so nothing else on the machine
 * ever trusts it.
 */
import { generate } from 'selfsigned';

/**
 * - `trusted`: for 127.0.0.1, valid now; the test passes it as CA.
 * - `wrong-host`: valid now, trusted, but for another name (ERR_TLS_CERT_ALTNAME_INVALID).
 * - `expired`: for 127.0.0.1, trusted, but its validity ended yesterday (CERT_HAS_EXPIRED).
 * - `untrusted`: like `trusted`, but the test is handed a different certificate as CA, as a
 *   client that does not know the server's would be (DEPTH_ZERO_SELF_SIGNED_CERT).
 */
export type CertificateMode = 'trusted' | 'wrong-host' | 'expired' | 'untrusted';

export interface TestCertificate {
  readonly key: string;
  readonly cert: string;
  /** What the client should trust: the server's own certificate, or for `untrusted` another one. */
  readonly ca: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

async function selfSigned(names: { dns?: string; ip?: string }, notBefore: Date, notAfter: Date) {
  const altNames: Array<{ type: 2; value: string } | { type: 7; ip: string }> = [];
  if (names.dns !== undefined) altNames.push({ type: 2, value: names.dns });
  if (names.ip !== undefined) altNames.push({ type: 7, ip: names.ip });
  return generate([{ name: 'commonName', value: names.dns ?? names.ip ?? 'test' }], {
    // EC keys are made in milliseconds; RSA-2048 would slow every test file down.
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
}

export async function makeCertificate(mode: CertificateMode, ip = '127.0.0.1'): Promise<TestCertificate> {
  const now = Date.now();
  const validFrom = new Date(now - DAY_MS);
  const validTo = new Date(now + 7 * DAY_MS);
  switch (mode) {
    case 'trusted': {
      const made = await selfSigned({ ip }, validFrom, validTo);
      return { key: made.private, cert: made.cert, ca: made.cert };
    }
    case 'wrong-host': {
      const made = await selfSigned({ dns: 'wrong-host.example.test' }, validFrom, validTo);
      return { key: made.private, cert: made.cert, ca: made.cert };
    }
    case 'expired': {
      const made = await selfSigned({ ip }, new Date(now - 30 * DAY_MS), new Date(now - DAY_MS));
      return { key: made.private, cert: made.cert, ca: made.cert };
    }
    case 'untrusted': {
      const [made, other] = await Promise.all([
        selfSigned({ ip }, validFrom, validTo),
        // Another subject too: with the same one, OpenSSL would take it for the issuer and
        // report a bad signature instead of an unknown self-signed certificate.
        selfSigned({ dns: 'some-other-ca.example.test' }, validFrom, validTo),
      ]);
      return { key: made.private, cert: made.cert, ca: other.cert };
    }
  }
}
