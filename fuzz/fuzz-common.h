/* fuzz-common.h: what every libFuzzer harness of Signet shares.
 *
 * Each harness includes this header once. It installs a GLib log writer
 * that aborts on a critical or an error (a g_return_if_fail() that fires
 * on hostile input is a bug) and drops everything else, so the fuzzer's
 * output stays readable and fast.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <stdint.h>
#include <stdlib.h>

#include <glib.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>

#include "signet-certificate.h"
#include "signet-crl.h"
#include "signet-init.h"

/* The validation time of the test fixtures (2030-01-01T00:00:00Z) and of
 * NIST PKITS (2011-04-15T00:00:00Z). */
#define FUZZ_TIME 1893456000
#define FUZZ_PKITS_TIME 1302825600

#ifndef SIGNET_FUZZ_DATA_DIR
#error "SIGNET_FUZZ_DATA_DIR must name tests/data"
#endif

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static G_GNUC_UNUSED GLogWriterOutput
fuzz_log_writer (GLogLevelFlags log_level,
                 const GLogField *fields,
                 gsize n_fields,
                 gpointer user_data)
{
  if (log_level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

static G_GNUC_UNUSED void
fuzz_init (void)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  signet_init ();
}

/* A fixture of tests/data ("pki/root-ca.pem"); aborts if it is missing. */
static G_GNUC_UNUSED char *
fuzz_data_path (const char *relative)
{
  return g_build_filename (SIGNET_FUZZ_DATA_DIR, relative, NULL);
}

static G_GNUC_UNUSED SignetCertificate *
fuzz_load_certificate (const char *relative)
{
  g_autofree char *path = fuzz_data_path (relative);
  g_autofree char *contents = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  SignetCertificate *cert;

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s", error->message);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  cert = signet_certificate_new_from_bytes (bytes, &error);
  if (cert == NULL)
    g_error ("%s: %s", path, error->message);
  return cert;
}

static G_GNUC_UNUSED SignetCrl *
fuzz_load_crl (const char *relative)
{
  g_autofree char *path = fuzz_data_path (relative);
  g_autofree char *contents = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  SignetCrl *crl;

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s", error->message);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  crl = signet_crl_new_from_bytes (bytes, &error);
  if (crl == NULL)
    g_error ("%s: %s", path, error->message);
  return crl;
}

/* A heap copy of the input of exactly @size bytes, so that AddressSanitizer
 * sees any read past its end, and so that nothing can keep a pointer into
 * the fuzzer's own buffer. */
static G_GNUC_UNUSED GBytes *
fuzz_bytes (const uint8_t *data, size_t size)
{
  return g_bytes_new (data, size);
}

/* A private key of the test PKI ("pki/inter-ca.key"). */
static G_GNUC_UNUSED gnutls_privkey_t
fuzz_load_key (const char *relative)
{
  g_autofree char *path = fuzz_data_path (relative);
  g_autofree char *contents = NULL;
  gsize len = 0;
  gnutls_datum_t d;
  gnutls_privkey_t key = NULL;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    g_error ("cannot read %s", path);
  d.data = (unsigned char *) contents;
  d.size = (unsigned int) len;
  if (gnutls_privkey_init (&key) != 0 ||
      gnutls_privkey_import_x509_raw (key, &d, GNUTLS_X509_FMT_PEM, NULL, 0) != 0)
    g_error ("cannot import %s", path);
  return key;
}

static G_GNUC_UNUSED void
fuzz_append_der_length (GByteArray *out, gsize len)
{
  guint8 buf[9];
  guint n = 0;

  if (len < 0x80)
    {
      buf[0] = (guint8) len;
      g_byte_array_append (out, buf, 1);
      return;
    }
  for (gsize l = len; l > 0; l >>= 8)
    n++;
  buf[0] = (guint8) (0x80 | n);
  for (guint i = 0; i < n; i++)
    buf[1 + i] = (guint8) (len >> (8 * (n - 1 - i)));
  g_byte_array_append (out, buf, n + 1);
}

/* Wraps a to-be-signed structure (TBSCertificate or TBSCertList, any
 * bytes really) into SEQUENCE { tbs, sha256WithRSAEncryption, signature }
 * signed with @key, so that the fuzzer's certificates and CRLs carry
 * signatures that verify and the code behind the signature checks is
 * reached. */
static G_GNUC_UNUSED GBytes *
fuzz_sign_tbs (gnutls_privkey_t key, const guint8 *tbs, gsize tbs_len)
{
  static const guint8 sha256_rsa[] = {
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
  };
  gnutls_datum_t in = { (unsigned char *) tbs, (unsigned int) tbs_len };
  gnutls_datum_t sig = { NULL, 0 };
  g_autoptr (GByteArray) body = g_byte_array_new ();
  GByteArray *out;
  guint8 tag;

  if (gnutls_privkey_sign_data2 (key, GNUTLS_SIGN_RSA_SHA256, 0, &in, &sig) != 0)
    return NULL;
  g_byte_array_append (body, tbs, (guint) tbs_len);
  g_byte_array_append (body, sha256_rsa, sizeof sha256_rsa);
  tag = 0x03;
  g_byte_array_append (body, &tag, 1);
  fuzz_append_der_length (body, sig.size + 1);
  tag = 0x00;
  g_byte_array_append (body, &tag, 1);
  g_byte_array_append (body, sig.data, sig.size);
  gnutls_free (sig.data);

  out = g_byte_array_new ();
  tag = 0x30;
  g_byte_array_append (out, &tag, 1);
  fuzz_append_der_length (out, body->len);
  g_byte_array_append (out, body->data, body->len);
  return g_byte_array_free_to_bytes (out);
}
