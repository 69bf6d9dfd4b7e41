/* store-writer.c: a helper of tests/test-store.c that writes batches of
 * synthetic certificates into a store, each batch in one transaction, and
 * prints "committed BATCH" after each commit.
 *
 * Usage: store-writer DIRECTORY TAG BATCHES PER-BATCH
 *
 * Certificate i of batch b has the address TAG-bbbbbb-iiiiii@example.org
 * (six digits each).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "signet-gnutls-private.h"
#include "signet-init.h"
#include "signet-store.h"


typedef struct
{
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t ca;
} Issuer;

static void
check (int rc, const char *what)
{
  if (rc < 0)
    {
      fprintf (stderr, "store-writer: %s: %s\n", what, gnutls_strerror (rc));
      exit (2);
    }
}

static void
issuer_init (Issuer *issuer)
{
  static const unsigned char serial[] = { 0x01 };

  check (gnutls_x509_privkey_init (&issuer->key), "privkey_init");
  check (gnutls_x509_privkey_generate (issuer->key, GNUTLS_PK_ECDSA,
                                       GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
         "generate");
  check (gnutls_x509_crt_init (&issuer->ca), "crt_init");
  check (gnutls_x509_crt_set_version (issuer->ca, 3), "set_version");
  check (gnutls_x509_crt_set_serial (issuer->ca, serial, sizeof serial), "set_serial");
  check (gnutls_x509_crt_set_dn (issuer->ca, "CN=Store Writer CA", NULL), "set_dn");
  check (gnutls_x509_crt_set_key (issuer->ca, issuer->key), "set_key");
  check (gnutls_x509_crt_set_activation_time (issuer->ca, 1577836800), "activation");
  check (gnutls_x509_crt_set_expiration_time (issuer->ca, 2366841600), "expiration");
  check (gnutls_x509_crt_set_basic_constraints (issuer->ca, 1, -1), "basic_constraints");
  check (gnutls_x509_crt_sign2 (issuer->ca, issuer->ca, issuer->key, GNUTLS_DIG_SHA256, 0), "sign");
}

/* One signed certificate with placeholders; the others are copies with
 * the placeholders overwritten. Their signatures no longer verify, which
 * does not matter to the store, and generating them costs nothing: the
 * writer spends its time in the store, where a kill should land. */
#define BATCH_MARK "BBBBBB"
#define INDEX_MARK "IIIIII"

static GBytes *
make_template (Issuer *issuer, const char *tag)
{
  g_auto (gnutls_x509_crt_t) crt = NULL;
  g_auto (gnutls_datum_t) der = { NULL, 0 };
  g_autofree char *dn = g_strdup_printf ("CN=%s " BATCH_MARK " " INDEX_MARK, tag);
  g_autofree char *email = g_strdup_printf ("%s-" BATCH_MARK "-" INDEX_MARK "@example.org", tag);
  static const unsigned char serial[] = { 0x01, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a };

  check (gnutls_x509_crt_init (&crt), "crt_init");
  check (gnutls_x509_crt_set_version (crt, 3), "set_version");
  check (gnutls_x509_crt_set_serial (crt, serial, sizeof serial), "set_serial");
  check (gnutls_x509_crt_set_dn (crt, dn, NULL), "set_dn");
  check (gnutls_x509_crt_set_key (crt, issuer->key), "set_key");
  check (gnutls_x509_crt_set_activation_time (crt, 1577836800), "activation");
  check (gnutls_x509_crt_set_expiration_time (crt, 2366841600), "expiration");
  check (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_RFC822NAME, email, strlen (email),
                                               GNUTLS_FSAN_SET),
         "san");
  check (gnutls_x509_crt_sign2 (crt, issuer->ca, issuer->key, GNUTLS_DIG_SHA256, 0), "sign");
  check (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der), "export");
  return _signet_bytes_from_datum (&der);
}

static void
replace_all (guint8 *data, gsize len, const void *mark, const void *value, gsize n)
{
  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, mark, n) == 0)
      memcpy (data + i, value, n);
}

static SignetCertificate *
make_certificate (GBytes *template, guint batch, guint index)
{
  static const unsigned char serial_mark[] = { 0x01, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a };
  gsize len;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (template), &len);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  char digits[8];
  unsigned char serial[9];
  guint64 n = ((guint64) batch << 20) | index;
  SignetCertificate *cert;

  serial[0] = 0x01;
  for (int i = 0; i < 8; i++)
    serial[1 + i] = (unsigned char) (n >> (56 - 8 * i));
  replace_all (data, len, serial_mark, serial, sizeof serial);
  g_snprintf (digits, sizeof digits, "%06u", batch);
  replace_all (data, len, BATCH_MARK, digits, 6);
  g_snprintf (digits, sizeof digits, "%06u", index);
  replace_all (data, len, INDEX_MARK, digits, 6);
  bytes = g_bytes_new_take (data, len);
  cert = signet_certificate_new_from_der (bytes, &error);
  if (cert == NULL)
    {
      fprintf (stderr, "store-writer: %s\n", error->message);
      exit (2);
    }
  return cert;
}

int
main (int argc, char **argv)
{
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (GError) error = NULL;
  Issuer issuer = { 0 };
  g_autoptr (GBytes) template = NULL;
  guint batches, per_batch;

  if (argc != 5)
    {
      fprintf (stderr, "Usage: store-writer DIRECTORY TAG BATCHES PER-BATCH\n");
      return 2;
    }
  signet_init ();
  batches = (guint) g_ascii_strtoull (argv[3], NULL, 10);
  per_batch = (guint) g_ascii_strtoull (argv[4], NULL, 10);
  issuer_init (&issuer);
  template = make_template (&issuer, argv[2]);

  store = signet_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "store-writer: %s\n", error->message);
      return 1;
    }
  for (guint b = 0; b < batches; b++)
    {
      g_autoptr (GPtrArray) certs = g_ptr_array_new_with_free_func (g_object_unref);
      guint added = 0;

      for (guint i = 0; i < per_batch; i++)
        g_ptr_array_add (certs, make_certificate (template, b, i));
      if (!signet_store_add_certificates (store, certs, "store-writer", 1893456000, &added, &error))
        {
          fprintf (stderr, "store-writer: %s\n", error->message);
          return 1;
        }
      printf ("committed %u %u\n", b, added);
      fflush (stdout);
    }
  gnutls_x509_crt_deinit (issuer.ca);
  gnutls_x509_privkey_deinit (issuer.key);
  return 0;
}
