/* mkcms.c: makes a CMS SignedData with GnuTLS, for the test fixtures that
 * `openssl cms` cannot make (CRLs in the `crls` field).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage:
 *   mkcms -signer CERT.pem -key KEY.pem -in CONTENT -out SIG.der
 *         [-cert EXTRA.pem]... [-crl LIST.crl]... [-embed] [-nocert]
 *         [-md sha256|sha384|sha512|sha1]
 *   mkcms -verify SIG.der -signer CERT.pem [-in CONTENT]
 *
 * The content is signed as is (give it CRLF-canonical MIME).  The signature
 * is detached unless -embed is given.  The SignerInfo carries the contentType,
 * messageDigest and signingTime signed attributes; the digest is SHA-256
 * unless -md says otherwise (Ed25519 needs sha512).
 * -cert adds certificates (PEM, one or more per file) and -crl adds CRLs
 * (DER or PEM) to the SignedData, in the order given.
 *
 * -verify checks SIG.der (detached over CONTENT, or with embedded content)
 * with gnutls_pkcs7_verify_direct () against CERT.pem: the cryptographic
 * check only, no chain and no time checks.  Exit status 0 means that one of
 * its SignerInfos verifies.  (openssl 3.0 cannot check Ed25519 CMS.)
 *
 * Built and run by tests/data/generate.sh only; never installed.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>

#define MAX_ITEMS 16

static void
check (int rc, const char *what)
{
  if (rc < 0)
    {
      fprintf (stderr, "mkcms: %s: %s\n", what, gnutls_strerror (rc));
      exit (1);
    }
}

static gnutls_datum_t
load (const char *path)
{
  gnutls_datum_t d = { NULL, 0 };

  check (gnutls_load_file (path, &d), path);
  return d;
}

static int
is_pem (const gnutls_datum_t *d)
{
  return d->size > 10 && memmem (d->data, d->size, "-----BEGIN", 10) != NULL;
}

static int
verify (const char *sig_path, const char *signer_path, const char *in_path)
{
  gnutls_pkcs7_t p7;
  gnutls_x509_crt_t signer;
  gnutls_datum_t d, content = { NULL, 0 };
  int n, rc = -1;

  check (gnutls_global_init (), "gnutls_global_init");
  d = load (sig_path);
  check (gnutls_pkcs7_init (&p7), "pkcs7_init");
  check (gnutls_pkcs7_import (p7, &d, is_pem (&d) ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER), sig_path);
  gnutls_free (d.data);
  d = load (signer_path);
  check (gnutls_x509_crt_init (&signer), "crt_init");
  check (gnutls_x509_crt_import (signer, &d, is_pem (&d) ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER),
         signer_path);
  gnutls_free (d.data);
  if (in_path != NULL)
    content = load (in_path);

  n = gnutls_pkcs7_get_signature_count (p7);
  for (int i = 0; i < n && rc != 0; i++)
    rc = gnutls_pkcs7_verify_direct (p7, signer, i, in_path != NULL ? &content : NULL,
                                     GNUTLS_VERIFY_DISABLE_TIME_CHECKS |
                                     GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS);
  /* GnuTLS checks the signature first and then, if the certificate has a
   * keyUsage without digitalSignature, returns this *positive* status
   * (e.g. keyEncipherment-only or nonRepudiation-only certificates): the
   * signature itself is good. */
  if (rc == GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE)
    rc = 0;
  if (rc != 0)
    fprintf (stderr, "mkcms: %s: verification failed (%d: %s)\n", sig_path, rc,
             rc < 0 ? gnutls_strerror (rc) : "status bits");
  gnutls_free (content.data);
  gnutls_x509_crt_deinit (signer);
  gnutls_pkcs7_deinit (p7);
  gnutls_global_deinit ();
  return rc == 0 ? 0 : 1;
}

static void
usage (void)
{
  fputs ("usage: mkcms -signer CERT -key KEY -in CONTENT -out SIG.der "
         "[-cert PEM]... [-crl CRL]... [-embed] [-nocert] [-md DIGEST]\n"
         "       mkcms -verify SIG.der -signer CERT [-in CONTENT]\n",
         stderr);
  exit (2);
}

int
main (int argc, char **argv)
{
  const char *verify_path = NULL, *signer_path = NULL, *key_path = NULL, *in_path = NULL, *out_path = NULL;
  const char *certs[MAX_ITEMS], *crls[MAX_ITEMS];
  int n_certs = 0, n_crls = 0;
  unsigned flags = GNUTLS_PKCS7_INCLUDE_TIME | GNUTLS_PKCS7_INCLUDE_CERT;
  gnutls_digest_algorithm_t dig = GNUTLS_DIG_SHA256;
  gnutls_pkcs7_t p7;
  gnutls_x509_crt_t signer;
  gnutls_privkey_t key;
  gnutls_datum_t d, content, out;
  FILE *f;

  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      const char *v = i + 1 < argc ? argv[i + 1] : NULL;

      if (strcmp (a, "-embed") == 0)
        flags |= GNUTLS_PKCS7_EMBED_DATA;
      else if (strcmp (a, "-nocert") == 0)
        flags &= ~GNUTLS_PKCS7_INCLUDE_CERT;
      else if (v == NULL)
        usage ();
      else if (strcmp (a, "-verify") == 0)
        verify_path = v, i++;
      else if (strcmp (a, "-signer") == 0)
        signer_path = v, i++;
      else if (strcmp (a, "-key") == 0)
        key_path = v, i++;
      else if (strcmp (a, "-in") == 0)
        in_path = v, i++;
      else if (strcmp (a, "-out") == 0)
        out_path = v, i++;
      else if (strcmp (a, "-md") == 0)
        {
          dig = gnutls_digest_get_id (v);
          if (dig == GNUTLS_DIG_UNKNOWN)
            usage ();
          i++;
        }
      else if (strcmp (a, "-cert") == 0 && n_certs < MAX_ITEMS)
        certs[n_certs++] = v, i++;
      else if (strcmp (a, "-crl") == 0 && n_crls < MAX_ITEMS)
        crls[n_crls++] = v, i++;
      else
        usage ();
    }
  if (verify_path != NULL && signer_path != NULL)
    return verify (verify_path, signer_path, in_path);
  if (signer_path == NULL || key_path == NULL || in_path == NULL || out_path == NULL)
    usage ();

  check (gnutls_global_init (), "gnutls_global_init");

  d = load (signer_path);
  check (gnutls_x509_crt_init (&signer), "crt_init");
  check (gnutls_x509_crt_import (signer, &d, is_pem (&d) ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER),
         signer_path);
  gnutls_free (d.data);

  d = load (key_path);
  check (gnutls_privkey_init (&key), "privkey_init");
  check (gnutls_privkey_import_x509_raw (key, &d, is_pem (&d) ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER,
                                         NULL, 0),
         key_path);
  gnutls_free (d.data);

  content = load (in_path);

  /* The CRLs and extra certificates go in first: once gnutls_pkcs7_sign ()
   * has encoded the SignedData without `crls`, libtasn1 refuses to add that
   * optional field again ("Element was not found"). */
  check (gnutls_pkcs7_init (&p7), "pkcs7_init");

  for (int i = 0; i < n_certs; i++)
    {
      gnutls_x509_crt_t *list = NULL;
      unsigned n = 0;

      d = load (certs[i]);
      check (gnutls_x509_crt_list_import2 (&list, &n, &d,
                                           is_pem (&d) ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER, 0),
             certs[i]);
      for (unsigned j = 0; j < n; j++)
        {
          check (gnutls_pkcs7_set_crt (p7, list[j]), "pkcs7_set_crt");
          gnutls_x509_crt_deinit (list[j]);
        }
      gnutls_free (list);
      gnutls_free (d.data);
    }

  for (int i = 0; i < n_crls; i++)
    {
      gnutls_x509_crl_t crl;
      gnutls_datum_t der;

      d = load (crls[i]);
      check (gnutls_x509_crl_init (&crl), "crl_init");
      check (gnutls_x509_crl_import (crl, &d, is_pem (&d) ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER),
             crls[i]);
      check (gnutls_x509_crl_export2 (crl, GNUTLS_X509_FMT_DER, &der), "crl_export2");
      check (gnutls_pkcs7_set_crl_raw (p7, &der), "pkcs7_set_crl_raw");
      gnutls_free (der.data);
      gnutls_x509_crl_deinit (crl);
      gnutls_free (d.data);
    }

  check (gnutls_pkcs7_sign (p7, signer, key, &content, NULL, NULL, dig, flags),
         "gnutls_pkcs7_sign");

  check (gnutls_pkcs7_export2 (p7, GNUTLS_X509_FMT_DER, &out), "pkcs7_export2");
  f = fopen (out_path, "wb");
  if (f == NULL || fwrite (out.data, 1, out.size, f) != out.size || fclose (f) != 0)
    {
      perror (out_path);
      return 1;
    }

  gnutls_free (out.data);
  gnutls_free (content.data);
  gnutls_pkcs7_deinit (p7);
  gnutls_privkey_deinit (key);
  gnutls_x509_crt_deinit (signer);
  gnutls_global_deinit ();
  return 0;
}
