/* test-limits.c: every defensive limit of signet-limits.h (and of the
 * module headers) is hit, and answers with its own error or warning.
 *
 * Inputs are built here: certificates, CRLs and CMS objects with GnuTLS
 * (ECDSA P-256 keys, made per test run), DER and MIME by hand. Inputs over
 * the size limits are anonymous mappings that are never touched (the size
 * check comes before any read), so they cost no memory.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gnutls/abstract.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>

#include "signet-certs-only.h"
#include "signet-cms.h"
#include "signet-crl.h"
#include "signet-error.h"
#include "signet-init.h"
#include "signet-limits.h"
#include "signet-mime-scanner.h"
#include "signet-path.h"
#include "signet-verifier.h"
#include "signet-warning.h"

#define TEST_TIME 1893456000  /* 2030-01-01T00:00:00Z */
#define NOT_BEFORE 1577836800 /* 2020-01-01 */
#define NOT_AFTER 2366841600  /* 2045-01-01 */

/* ---- helpers ------------------------------------------------------- */

typedef struct
{
  gpointer map;
  gsize len;
} Mapping;

static void
mapping_free (gpointer p)
{
  Mapping *m = p;

  munmap (m->map, m->len);
  g_free (m);
}

/* A GBytes of @len bytes that occupies no memory until read. */
static GBytes *
huge_bytes (gsize len)
{
  Mapping *m = g_new0 (Mapping, 1);

  m->len = len;
  m->map = mmap (NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  g_assert_true (m->map != MAP_FAILED);
  return g_bytes_new_with_free_func (m->map, len, mapping_free, m);
}

static void
append_length (GByteArray *out, gsize len)
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

/* Appends tag + length + @len bytes of @content to @out. */
static void
append_tlv (GByteArray *out, guint8 tag, const guint8 *content, gsize len)
{
  g_byte_array_append (out, &tag, 1);
  append_length (out, len);
  if (len > 0)
    g_byte_array_append (out, content, (guint) len);
}

static void
append_tlv_array (GByteArray *out, guint8 tag, GByteArray *content)
{
  append_tlv (out, tag, content->data, content->len);
}

static gnutls_x509_privkey_t
new_key (void)
{
  gnutls_x509_privkey_t key;

  g_assert_cmpint (gnutls_x509_privkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (
                       key, GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
                   ==, 0);
  return key;
}

/* A certificate for @key named @dn, issued by @issuer_crt with @issuer_key
 * (self-signed when both are NULL): a CA (keyCertSign, cRLSign) or, with
 * @email, an S/MIME end-entity certificate. */
static gnutls_x509_crt_t
new_crt (const char *dn,
         gnutls_x509_privkey_t key,
         gnutls_x509_crt_t issuer_crt,
         gnutls_x509_privkey_t issuer_key,
         guint serial,
         const char *email)
{
  gnutls_x509_crt_t crt;
  gnutls_privkey_t signer;
  guint8 serial_bytes[4] = { 0x01, (guint8) (serial >> 16), (guint8) (serial >> 8),
                             (guint8) serial };
  guint8 id[64];
  size_t id_len = sizeof id;
  const char *err = NULL;

  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_version (crt, 3), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_dn (crt, dn, &err), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key (crt, key), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_serial (crt, serial_bytes, sizeof serial_bytes), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_activation_time (crt, NOT_BEFORE), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_expiration_time (crt, NOT_AFTER), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_get_key_id (crt, GNUTLS_KEYID_USE_SHA1, id, &id_len), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_subject_key_id (crt, id, id_len), ==, 0);
  if (email != NULL)
    {
      g_assert_cmpint (gnutls_x509_crt_set_basic_constraints (crt, 0, -1), ==, 0);
      g_assert_cmpint (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE), ==, 0);
      g_assert_cmpint (gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_EMAIL_PROTECTION, 0), ==,
                       0);
      g_assert_cmpint (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_RFC822NAME, email,
                                                             (unsigned) strlen (email),
                                                             GNUTLS_FSAN_SET),
                       ==, 0);
    }
  else
    {
      g_assert_cmpint (gnutls_x509_crt_set_basic_constraints (crt, 1, -1), ==, 0);
      g_assert_cmpint (
          gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN), ==,
          0);
    }
  if (issuer_crt != NULL)
    {
      id_len = sizeof id;
      if (gnutls_x509_crt_get_subject_key_id (issuer_crt, id, &id_len, NULL) == 0)
        g_assert_cmpint (gnutls_x509_crt_set_authority_key_id (crt, id, id_len), ==, 0);
    }
  g_assert_cmpint (gnutls_privkey_init (&signer), ==, 0);
  g_assert_cmpint (gnutls_privkey_import_x509 (signer, issuer_key ? issuer_key : key, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_privkey_sign (crt, issuer_crt ? issuer_crt : crt, signer,
                                                 GNUTLS_DIG_SHA256, 0),
                   ==, 0);
  gnutls_privkey_deinit (signer);
  return crt;
}

static SignetCertificate *
to_certificate (gnutls_x509_crt_t crt)
{
  gnutls_datum_t der = { NULL, 0 };
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  SignetCertificate *cert;

  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der), ==, 0);
  bytes = g_bytes_new (der.data, der.size);
  gnutls_free (der.data);
  cert = signet_certificate_new_from_der (bytes, &error);
  g_assert_no_error (error);
  return cert;
}

static GBytes *
export_pkcs7 (gnutls_pkcs7_t p7)
{
  gnutls_datum_t der = { NULL, 0 };
  GBytes *bytes;

  g_assert_cmpint (gnutls_pkcs7_export2 (p7, GNUTLS_X509_FMT_DER, &der), ==, 0);
  bytes = g_bytes_new (der.data, der.size);
  gnutls_free (der.data);
  return bytes;
}

static char *
base64_lines (GBytes *bytes)
{
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  GString *s = g_string_new (NULL);
  gsize len = strlen (b64);

  for (gsize i = 0; i < len; i += 76)
    {
      g_string_append_len (s, b64 + i, MIN (76, len - i));
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* A certs-only p7c holding one fresh certificate. */
static GBytes *
small_p7c (void)
{
  gnutls_x509_privkey_t key = new_key ();
  gnutls_x509_crt_t crt = new_crt ("CN=Limits CA", key, NULL, NULL, 1, NULL);
  g_autoptr (SignetCertificate) cert = to_certificate (crt);
  g_autoptr (GPtrArray) list = g_ptr_array_new ();
  GBytes *p7c;

  g_ptr_array_add (list, cert);
  p7c = signet_certs_only_build_p7c (list, NULL);
  g_assert_nonnull (p7c);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);
  return p7c;
}

static void
append_certs_only_part (GString *msg, const char *b64)
{
  g_string_append (msg,
                   "Content-Type: application/pkcs7-mime; smime-type=certs-only; name=smime.p7c\n"
                   "Content-Transfer-Encoding: base64\n\n");
  g_string_append (msg, b64);
}

static GBytes *
string_bytes (GString *s)
{
  gsize len = s->len;

  return g_bytes_new_take (g_string_free (s, FALSE), len);
}

static guint
count_kind (GPtrArray *parts, SignetPartKind kind)
{
  guint n = 0;

  for (guint i = 0; i < parts->len; i++)
    if (signet_smime_part_get_kind (g_ptr_array_index (parts, i)) == kind)
      n++;
  return n;
}

static SignetSmimePart *
find_problem (GPtrArray *parts, const char *needle)
{
  for (guint i = 0; i < parts->len; i++)
    {
      SignetSmimePart *p = g_ptr_array_index (parts, i);
      const char *problem = signet_smime_part_get_problem (p);

      if (signet_smime_part_get_kind (p) == SIGNET_PART_KIND_MALFORMED && problem != NULL &&
          strstr (problem, needle) != NULL)
        return p;
    }
  return NULL;
}

static SignetWarning *
find_warning (GPtrArray *warnings, const char *code, const char *reason)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      SignetWarning *w = g_ptr_array_index (warnings, i);

      if (g_str_equal (signet_warning_get_code (w), code) &&
          (reason == NULL ||
           g_strcmp0 (signet_warning_get_detail_string (w, "reason"), reason) == 0))
        return w;
    }
  return NULL;
}

/* ---- MIME ------------------------------------------------------------ */

static void
test_message_size (void)
{
  g_autoptr (GBytes) huge = huge_bytes ((gsize) SIGNET_MAX_MESSAGE_SIZE + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (SignetVerifier) v = signet_verifier_new ();
  g_autoptr (SignetReport) report = NULL;

  parts = signet_mime_scan (huge, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT);
  g_assert_null (parts);
  g_clear_error (&error);

  signet_verifier_set_use_system_trust (v, FALSE);
  signet_verifier_set_offline (v, TRUE);
  report = signet_verifier_verify_bytes (v, huge, NULL, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT);
  g_assert_null (report);
}

/* A sparse file one byte over the limit: verify_file stops reading there. */
static void
test_message_file_size (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetVerifier) v = signet_verifier_new ();
  g_autoptr (SignetReport) report = NULL;
  int fd;

  fd = g_file_open_tmp ("signet-limits-XXXXXX.eml", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ftruncate (fd, (off_t) SIGNET_MAX_MESSAGE_SIZE + 1), ==, 0);
  close (fd);

  signet_verifier_set_use_system_trust (v, FALSE);
  signet_verifier_set_offline (v, TRUE);
  report = signet_verifier_verify_file (v, path, NULL, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT);
  g_assert_null (report);
  g_unlink (path);
}

/* @levels multiparts nested in each other, a certs-only part innermost. */
static GBytes *
nested_message (guint levels, const char *b64)
{
  GString *msg = g_string_new ("From: a@example.org\nMIME-Version: 1.0\n");

  for (guint i = 0; i < levels; i++)
    g_string_append_printf (msg, "Content-Type: multipart/mixed; boundary=\"b%u\"\n\n--b%u\n", i,
                            i);
  append_certs_only_part (msg, b64);
  for (guint i = levels; i > 0; i--)
    g_string_append_printf (msg, "\n--b%u--\n", i - 1);
  return string_bytes (msg);
}

static void
test_mime_depth (void)
{
  g_autoptr (GBytes) p7c = small_p7c ();
  g_autofree char *b64 = base64_lines (p7c);
  guint deepest_ok = 0;

  /* Find how deep a part may be and still be examined: the limit must
   * be SIGNET_MAX_MIME_DEPTH levels of nesting, and one more is reported
   * as a MALFORMED part saying why. */
  for (guint levels = 0; levels <= SIGNET_MAX_MIME_DEPTH + 2; levels++)
    {
      g_autoptr (GBytes) msg = nested_message (levels, b64);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) parts = signet_mime_scan (msg, &error);

      g_assert_no_error (error);
      if (count_kind (parts, SIGNET_PART_KIND_CERTS_ONLY) == 1)
        {
          g_assert_null (find_problem (parts, "nesting"));
          deepest_ok = levels;
        }
      else
        {
          g_assert_nonnull (find_problem (parts, "nesting"));
        }
    }
  g_assert_cmpuint (deepest_ok, ==, SIGNET_MAX_MIME_DEPTH);
}

/* Far deeper than the limit (GMime itself builds the whole tree before
 * Signet walks it): must neither crash nor take long. */
static void
test_mime_depth_huge (void)
{
  g_autoptr (GBytes) p7c = small_p7c ();
  g_autofree char *b64 = base64_lines (p7c);
  g_autoptr (GBytes) msg = nested_message (4000, b64);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  gint64 start = g_get_monotonic_time ();

  parts = signet_mime_scan (msg, &error);
  if (parts != NULL)
    {
      g_assert_cmpuint (count_kind (parts, SIGNET_PART_KIND_CERTS_ONLY), ==, 0);
      g_assert_nonnull (find_problem (parts, "nesting"));
    }
  else
    {
      g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT);
    }
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
}

static GBytes *
many_parts_message (guint n)
{
  GString *msg = g_string_new ("From: a@example.org\nMIME-Version: 1.0\n"
                               "Content-Type: multipart/mixed; boundary=\"b\"\n\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (msg, "--b\nContent-Type: text/plain\n\npart %u\n", i);
  g_string_append (msg, "--b--\n");
  return string_bytes (msg);
}

static void
test_mime_parts (void)
{
  /* The multipart itself is an entity too. */
  g_autoptr (GBytes) ok = many_parts_message (SIGNET_MAX_MIME_PARTS - 1);
  g_autoptr (GBytes) over = many_parts_message (SIGNET_MAX_MIME_PARTS);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parts = NULL;

  parts = signet_mime_scan (ok, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parts);
  g_clear_pointer (&parts, g_ptr_array_unref);

  parts = signet_mime_scan (over, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT);
  g_assert_null (parts);
}

static GBytes *
many_smime_message (guint n, const char *b64)
{
  GString *msg = g_string_new ("From: a@example.org\nMIME-Version: 1.0\n"
                               "Content-Type: multipart/mixed; boundary=\"b\"\n\n");

  for (guint i = 0; i < n; i++)
    {
      g_string_append (msg, "--b\n");
      append_certs_only_part (msg, b64);
    }
  g_string_append (msg, "--b--\n");
  return string_bytes (msg);
}

static void
test_smime_parts (void)
{
  g_autoptr (GBytes) p7c = small_p7c ();
  g_autofree char *b64 = base64_lines (p7c);
  g_autoptr (GBytes) ok = many_smime_message (SIGNET_MAX_SMIME_PARTS, b64);
  g_autoptr (GBytes) over = many_smime_message (SIGNET_MAX_SMIME_PARTS + 5, b64);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parts = NULL;

  parts = signet_mime_scan (ok, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parts->len, ==, SIGNET_MAX_SMIME_PARTS);
  g_assert_cmpuint (count_kind (parts, SIGNET_PART_KIND_CERTS_ONLY), ==, SIGNET_MAX_SMIME_PARTS);
  g_clear_pointer (&parts, g_ptr_array_unref);

  parts = signet_mime_scan (over, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind (parts, SIGNET_PART_KIND_CERTS_ONLY), ==, SIGNET_MAX_SMIME_PARTS);
  g_assert_cmpuint (parts->len, ==, SIGNET_MAX_SMIME_PARTS + 1);
  g_assert_nonnull (find_problem (parts, "too many S/MIME objects"));
}

static void
test_message_addresses (void)
{
  g_autoptr (GBytes) p7c = small_p7c ();
  g_autofree char *b64 = base64_lines (p7c);
  GString *msg = g_string_new ("From: ");
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (GError) error = NULL;
  const char *const *from;

  for (guint i = 0; i < SIGNET_MAX_MESSAGE_ADDRESSES + 44; i++)
    g_string_append_printf (msg, "%su%u@example.org", i ? ",\n " : "", i);
  g_string_append (msg, "\nMIME-Version: 1.0\n");
  append_certs_only_part (msg, b64);
  bytes = string_bytes (msg);

  parts = signet_mime_scan (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parts->len, ==, 1);
  from = signet_smime_part_get_from (g_ptr_array_index (parts, 0));
  g_assert_nonnull (from);
  g_assert_cmpuint (g_strv_length ((char **) from), ==, SIGNET_MAX_MESSAGE_ADDRESSES);
  g_assert_cmpstr (from[0], ==, "u0@example.org");
}

/* ---- CMS ------------------------------------------------------------- */

static void
test_cms_size (void)
{
  g_autoptr (GBytes) huge = huge_bytes ((gsize) SIGNET_MAX_CMS_SIZE + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCms) cms = signet_cms_new (huge, &error);

  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT);
  g_assert_null (cms);
}

static void
test_cms_signers (void)
{
  gnutls_x509_privkey_t key = new_key ();
  gnutls_x509_crt_t crt = new_crt ("CN=Signer", key, NULL, NULL, 1, "signer@example.org");
  gnutls_privkey_t signer;
  gnutls_pkcs7_t p7;
  gnutls_datum_t data = { (unsigned char *) "hello\r\n", 7 };
  g_autoptr (GBytes) der = NULL;
  g_autoptr (SignetCms) cms = NULL;
  g_autoptr (SignetCertificate) cert = to_certificate (crt);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) content = g_bytes_new_static ("hello\r\n", 7);

  g_assert_cmpint (gnutls_privkey_init (&signer), ==, 0);
  g_assert_cmpint (gnutls_privkey_import_x509 (signer, key, 0), ==, 0);
  g_assert_cmpint (gnutls_pkcs7_init (&p7), ==, 0);
  for (guint i = 0; i < SIGNET_MAX_CMS_SIGNERS + 1; i++)
    g_assert_cmpint (gnutls_pkcs7_sign (p7, crt, signer, &data, NULL, NULL, GNUTLS_DIG_SHA256,
                                        GNUTLS_PKCS7_INCLUDE_TIME),
                     ==, 0);
  g_assert_cmpint (gnutls_pkcs7_get_signature_count (p7), ==, SIGNET_MAX_CMS_SIGNERS + 1);
  der = export_pkcs7 (p7);

  cms = signet_cms_new (der, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signet_cms_get_signers (cms)->len, ==, SIGNET_MAX_CMS_SIGNERS);
  g_assert_true (signet_cms_get_signers_truncated (cms));
  /* The ones taken still verify. */
  g_assert_cmpint (signet_cms_verify_signer (cms, SIGNET_MAX_CMS_SIGNERS - 1, cert, content), ==,
                   SIGNET_CMS_VERIFY_OK);

  gnutls_pkcs7_deinit (p7);
  gnutls_privkey_deinit (signer);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);
}

static void
test_cms_certificates (void)
{
  gnutls_x509_privkey_t key = new_key ();
  gnutls_pkcs7_t p7;
  g_autoptr (GBytes) der = NULL;
  g_autoptr (SignetCms) cms = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (gnutls_pkcs7_init (&p7), ==, 0);
  for (guint i = 0; i < SIGNET_MAX_CMS_CERTIFICATES + 3; i++)
    {
      g_autofree char *dn = g_strdup_printf ("CN=Bag %u", i);
      gnutls_x509_crt_t crt = new_crt (dn, key, NULL, NULL, i + 1, NULL);

      g_assert_cmpint (gnutls_pkcs7_set_crt (p7, crt), ==, 0);
      gnutls_x509_crt_deinit (crt);
    }
  der = export_pkcs7 (p7);
  cms = signet_cms_new (der, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signet_cms_get_certificates (cms)->len, ==, SIGNET_MAX_CMS_CERTIFICATES);
  g_assert_true (signet_cms_get_certificates_truncated (cms));
  g_assert_false (signet_cms_get_crls_truncated (cms));

  gnutls_pkcs7_deinit (p7);
  gnutls_x509_privkey_deinit (key);
}

static void
test_cms_crls (void)
{
  gnutls_x509_privkey_t key = new_key ();
  gnutls_x509_crt_t ca = new_crt ("CN=CRL CA", key, NULL, NULL, 1, NULL);
  gnutls_privkey_t signer;
  gnutls_pkcs7_t p7;
  g_autoptr (GBytes) der = NULL;
  g_autoptr (SignetCms) cms = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (gnutls_privkey_init (&signer), ==, 0);
  g_assert_cmpint (gnutls_privkey_import_x509 (signer, key, 0), ==, 0);
  g_assert_cmpint (gnutls_pkcs7_init (&p7), ==, 0);
  for (guint i = 0; i < SIGNET_MAX_CMS_CRLS + 3; i++)
    {
      gnutls_x509_crl_t crl;
      guint8 number = (guint8) (i + 1);

      g_assert_cmpint (gnutls_x509_crl_init (&crl), ==, 0);
      g_assert_cmpint (gnutls_x509_crl_set_version (crl, 2), ==, 0);
      g_assert_cmpint (gnutls_x509_crl_set_this_update (crl, TEST_TIME - 86400), ==, 0);
      g_assert_cmpint (gnutls_x509_crl_set_next_update (crl, TEST_TIME + 86400), ==, 0);
      g_assert_cmpint (gnutls_x509_crl_set_number (crl, &number, 1), ==, 0);
      g_assert_cmpint (gnutls_x509_crl_privkey_sign (crl, ca, signer, GNUTLS_DIG_SHA256, 0), ==, 0);
      g_assert_cmpint (gnutls_pkcs7_set_crl (p7, crl), ==, 0);
      gnutls_x509_crl_deinit (crl);
    }
  der = export_pkcs7 (p7);
  cms = signet_cms_new (der, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signet_cms_get_crls (cms)->len, ==, SIGNET_MAX_CMS_CRLS);
  g_assert_true (signet_cms_get_crls_truncated (cms));

  gnutls_pkcs7_deinit (p7);
  gnutls_privkey_deinit (signer);
  gnutls_x509_crt_deinit (ca);
  gnutls_x509_privkey_deinit (key);
}

/* ---- certificates and paths ----------------------------------------- */

static void
test_certificate_size (void)
{
  gnutls_x509_privkey_t key = new_key ();
  gnutls_x509_crt_t crt;
  gnutls_privkey_t signer;
  gnutls_datum_t der = { NULL, 0 };
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCertificate) cert = NULL;
  g_autofree guint8 *blob = g_malloc (SIGNET_MAX_CERTIFICATE_SIZE + 16);
  g_autoptr (GByteArray) value = g_byte_array_new ();

  /* A real, well-signed certificate, made big by a non-critical extension. */
  memset (blob, 'x', SIGNET_MAX_CERTIFICATE_SIZE + 16);
  append_tlv (value, 0x04, blob, SIGNET_MAX_CERTIFICATE_SIZE + 16);
  crt = new_crt ("CN=Big", key, NULL, NULL, 1, NULL);
  g_assert_cmpint (
      gnutls_x509_crt_set_extension_by_oid (crt, "1.3.6.1.4.1.55555.2", value->data, value->len, 0),
      ==, 0);
  g_assert_cmpint (gnutls_privkey_init (&signer), ==, 0);
  g_assert_cmpint (gnutls_privkey_import_x509 (signer, key, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_privkey_sign (crt, crt, signer, GNUTLS_DIG_SHA256, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der), ==, 0);
  g_assert_cmpuint (der.size, >, SIGNET_MAX_CERTIFICATE_SIZE);
  bytes = g_bytes_new (der.data, der.size);
  gnutls_free (der.data);

  cert = signet_certificate_new_from_der (bytes, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT);
  g_assert_null (cert);

  gnutls_privkey_deinit (signer);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);
}

/* A root, @n_intermediates CAs each under the previous, a leaf: returns
 * the path result for the leaf (anchor: the root). */
static SignetPathResult *
validate_chain (guint n_intermediates)
{
  g_autoptr (GPtrArray) keys =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gnutls_x509_privkey_deinit);
  g_autoptr (GPtrArray) crts =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gnutls_x509_crt_deinit);
  g_autoptr (GPtrArray) intermediates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) anchors = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (SignetCertificate) leaf = NULL;
  SignetPathOptions options;

  g_ptr_array_add (keys, new_key ());
  g_ptr_array_add (crts, new_crt ("CN=Chain Root", keys->pdata[0], NULL, NULL, 1, NULL));
  g_ptr_array_add (anchors, to_certificate (crts->pdata[0]));
  for (guint i = 1; i <= n_intermediates + 1; i++)
    {
      g_autofree char *dn =
          i <= n_intermediates ? g_strdup_printf ("CN=Chain CA %u", i) : g_strdup ("CN=Chain Leaf");

      g_ptr_array_add (keys, new_key ());
      g_ptr_array_add (crts, new_crt (dn, keys->pdata[i], crts->pdata[i - 1], keys->pdata[i - 1],
                                      i + 1, i <= n_intermediates ? NULL : "leaf@example.org"));
      if (i <= n_intermediates)
        g_ptr_array_add (intermediates, to_certificate (crts->pdata[i]));
      else
        leaf = to_certificate (crts->pdata[i]);
    }

  signet_path_options_init (&options, TEST_TIME);
  options.check_revocation = FALSE;
  return signet_path_validate (leaf, intermediates, anchors, NULL, &options);
}

static void
test_path_length (void)
{
  /* leaf + intermediates + anchor = SIGNET_MAX_PATH_LENGTH: valid. */
  g_autoptr (SignetPathResult) ok = validate_chain (SIGNET_MAX_PATH_LENGTH - 2);
  g_autoptr (SignetPathResult) over = validate_chain (SIGNET_MAX_PATH_LENGTH - 1);

  g_assert_true (signet_path_result_get_path_valid (ok));
  g_assert_cmpuint (signet_path_result_get_chain (ok)->len, ==, SIGNET_MAX_PATH_LENGTH);

  g_assert_false (signet_path_result_get_path_valid (over));
  g_assert_false (signet_path_result_get_anchored (over));
  g_assert_cmpuint (signet_path_result_get_chain (over)->len, <=, SIGNET_MAX_PATH_LENGTH);
  g_assert_nonnull (find_warning (signet_path_result_get_warnings (over),
                                  SIGNET_WARNING_INVALID_CHAIN, "too-long"));
}

static void
test_path_candidates (void)
{
  gnutls_x509_privkey_t key = new_key ();
  gnutls_x509_privkey_t root_key = new_key ();
  gnutls_x509_privkey_t leaf_key = new_key ();
  gnutls_x509_crt_t root = new_crt ("CN=Candidates Root", root_key, NULL, NULL, 1, NULL);
  gnutls_x509_crt_t first = NULL;
  g_autoptr (GPtrArray) intermediates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) anchors = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (SignetCertificate) leaf = NULL;
  g_autoptr (SignetPathResult) result = NULL;
  SignetPathOptions options;
  gnutls_x509_crt_t leaf_crt;
  gint64 start;

  /* Many certificates named "CN=Issuer" with the leaf's issuer key, each
   * self-signed and none an anchor: every one is a candidate and a dead
   * end, so that building must give up after SIGNET_MAX_PATH_CANDIDATES. */
  for (guint i = 0; i < SIGNET_MAX_PATH_CANDIDATES + 16; i++)
    {
      gnutls_x509_crt_t crt = new_crt ("CN=Issuer", key, NULL, NULL, 100 + i, NULL);

      g_ptr_array_add (intermediates, to_certificate (crt));
      if (first == NULL)
        first = crt;
      else
        gnutls_x509_crt_deinit (crt);
    }
  leaf_crt = new_crt ("CN=Leaf", leaf_key, first, key, 7, "leaf@example.org");
  leaf = to_certificate (leaf_crt);
  g_ptr_array_add (anchors, to_certificate (root));

  signet_path_options_init (&options, TEST_TIME);
  options.check_revocation = FALSE;
  start = g_get_monotonic_time ();
  result = signet_path_validate (leaf, intermediates, anchors, NULL, &options);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_false (signet_path_result_get_path_valid (result));
  g_assert_nonnull (find_warning (signet_path_result_get_warnings (result),
                                  SIGNET_WARNING_INVALID_CHAIN, "too-long"));

  gnutls_x509_crt_deinit (leaf_crt);
  gnutls_x509_crt_deinit (first);
  gnutls_x509_crt_deinit (root);
  gnutls_x509_privkey_deinit (key);
  gnutls_x509_privkey_deinit (root_key);
  gnutls_x509_privkey_deinit (leaf_key);
}

/* ---- CRLs ------------------------------------------------------------ */

/* A CertificateList whose revokedCertificates are @entries (their DER,
 * concatenated). The signature is garbage: parsing does not check it. */
static GBytes *
build_crl (const guint8 *entries, gsize entries_len)
{
  static const guint8 version[] = { 0x02, 0x01, 0x01 };
  static const guint8 alg[] = { 0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86,
                                0x48, 0xce, 0x3d, 0x04, 0x03, 0x02 };
  static const guint8 issuer[] = { 0x30, 0x10, 0x31, 0x0e, 0x30, 0x0c, 0x06, 0x03, 0x55,
                                   0x04, 0x03, 0x0c, 0x05, 'L',  'i',  'm',  'i',  't' };
  static const char this_update[] = "290101000000Z";
  static const guint8 sig[] = { 0x00, 0x30, 0x00 };
  g_autoptr (GByteArray) tbs = g_byte_array_new ();
  g_autoptr (GByteArray) tbs_tlv = g_byte_array_new ();
  GByteArray *crl = g_byte_array_new ();
  g_autoptr (GByteArray) body = g_byte_array_new ();

  g_byte_array_append (tbs, version, sizeof version);
  g_byte_array_append (tbs, alg, sizeof alg);
  g_byte_array_append (tbs, issuer, sizeof issuer);
  append_tlv (tbs, 0x17, (const guint8 *) this_update, 13);
  if (entries != NULL)
    append_tlv (tbs, 0x30, entries, entries_len);
  append_tlv_array (body, 0x30, tbs);
  g_byte_array_append (body, alg, sizeof alg);
  append_tlv (body, 0x03, sig, sizeof sig);
  append_tlv_array (crl, 0x30, body);
  return g_byte_array_free_to_bytes (crl);
}

static void
test_crl_size (void)
{
  g_autoptr (GBytes) huge = huge_bytes ((gsize) SIGNET_MAX_CRL_SIZE + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCrl) crl = signet_crl_new_from_der (huge, &error);
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *path = NULL;
  int fd;

  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT);
  g_assert_null (crl);
  g_clear_error (&error);

  /* The same for a file (sparse: no disk is used). */
  fd = g_file_open_tmp ("signet-limits-XXXXXX.crl", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ftruncate (fd, (off_t) SIGNET_MAX_CRL_SIZE + 1), ==, 0);
  close (fd);
  list = signet_crl_list_from_file (path, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT);
  g_assert_null (list);
  g_unlink (path);
}

static void
test_crl_entries (void)
{
  /* Entries are counted before they are read, so empty SEQUENCEs (two
   * octets each) are enough to pass the count. */
  gsize n = (gsize) SIGNET_MAX_CRL_ENTRIES + 1;
  g_autofree guint8 *entries = g_malloc (2 * n);
  g_autoptr (GBytes) der = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCrl) crl = NULL;

  for (gsize i = 0; i < n; i++)
    {
      entries[2 * i] = 0x30;
      entries[2 * i + 1] = 0x00;
    }
  der = build_crl (entries, 2 * n);
  g_clear_pointer (&entries, g_free);
  crl = signet_crl_new_from_der (der, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT);
  g_assert_null (crl);
}

static GBytes *
crl_with_serial (gsize serial_len)
{
  static const char date[] = "240101000000Z";
  g_autofree guint8 *serial = g_malloc (serial_len);
  g_autoptr (GByteArray) entry = g_byte_array_new ();
  g_autoptr (GByteArray) seq = g_byte_array_new ();

  memset (serial, 0x5a, serial_len);
  append_tlv (entry, 0x02, serial, serial_len);
  append_tlv (entry, 0x17, (const guint8 *) date, 13);
  append_tlv_array (seq, 0x30, entry);
  return build_crl (seq->data, seq->len);
}

static void
test_crl_serial_size (void)
{
  g_autoptr (GBytes) ok = crl_with_serial (SIGNET_CRL_MAX_SERIAL_SIZE);
  g_autoptr (GBytes) over = crl_with_serial (SIGNET_CRL_MAX_SERIAL_SIZE + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCrl) crl = NULL;
  g_autofree guint8 *serial = g_malloc (SIGNET_CRL_MAX_SERIAL_SIZE);
  g_autoptr (GBytes) serial_bytes = NULL;

  memset (serial, 0x5a, SIGNET_CRL_MAX_SERIAL_SIZE);
  serial_bytes = g_bytes_new (serial, SIGNET_CRL_MAX_SERIAL_SIZE);
  crl = signet_crl_new_from_der (ok, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signet_crl_get_entry_count (crl), ==, 1);
  g_assert_true (signet_crl_lookup (crl, serial_bytes, NULL, NULL));
  g_clear_object (&crl);

  crl = signet_crl_new_from_der (over, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
  g_assert_null (crl);
}

/* A cRLDistributionPoints value with one point of @n fullName URIs. */
static GBytes *
distribution_points (guint n)
{
  g_autoptr (GByteArray) names = g_byte_array_new ();
  g_autoptr (GByteArray) full = g_byte_array_new ();
  g_autoptr (GByteArray) dpname = g_byte_array_new ();
  g_autoptr (GByteArray) point = g_byte_array_new ();
  GByteArray *points = g_byte_array_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *uri = g_strdup_printf ("http://crl.example.org/%u.crl", i);

      append_tlv (names, 0x86, (const guint8 *) uri, strlen (uri));
    }
  append_tlv_array (full, 0xa0, names);  /* fullName [0] */
  append_tlv_array (dpname, 0xa0, full); /* distributionPoint [0] */
  append_tlv_array (point, 0x30, dpname);
  {
    g_autoptr (GByteArray) seq = g_byte_array_new ();

    g_byte_array_append (seq, point->data, point->len);
    append_tlv_array (points, 0x30, seq);
  }
  return g_byte_array_free_to_bytes (points);
}

static void
test_crl_names (void)
{
  g_autoptr (GBytes) ok = distribution_points (SIGNET_CRL_MAX_NAMES);
  g_autoptr (GBytes) over = distribution_points (SIGNET_CRL_MAX_NAMES + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) points = NULL;

  points = signet_crl_parse_distribution_points (ok, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 1);
  g_assert_cmpuint (g_strv_length (((SignetCrlDistributionPoint *) points->pdata[0])->uris), ==,
                    SIGNET_CRL_MAX_NAMES);
  g_clear_pointer (&points, g_ptr_array_unref);

  points = signet_crl_parse_distribution_points (over, NULL, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
  g_assert_null (points);
}

static void
test_crl_pem_blocks (void)
{
  g_autoptr (GBytes) der = build_crl (NULL, 0);
  g_autofree char *b64 = base64_lines (der);
  GString *pem = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;

  for (guint i = 0; i < SIGNET_CRL_MAX_PEM_BLOCKS + 4; i++)
    g_string_append_printf (pem, "-----BEGIN X509 CRL-----\n%s-----END X509 CRL-----\n", b64);
  {
    int fd = g_file_open_tmp ("signet-limits-XXXXXX.pem", &path, &error);

    g_assert_no_error (error);
    close (fd);
  }
  g_assert_true (g_file_set_contents (path, pem->str, (gssize) pem->len, &error));
  g_string_free (pem, TRUE);

  list = signet_crl_list_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, SIGNET_CRL_MAX_PEM_BLOCKS);
  g_unlink (path);
}

/* ---- certs-only import ---------------------------------------------- */

static void
test_certs_only_file_size (void)
{
  g_autoptr (GBytes) huge = huge_bytes ((gsize) SIGNET_CERTS_ONLY_MAX_FILE_SIZE + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCertsOnlyContents) contents = signet_certs_only_parse (huge, &error);

  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT);
  g_assert_null (contents);
}

static gboolean
has_refusal (SignetCertsOnlyContents *contents, SignetRefusalReason reason)
{
  for (guint i = 0; i < contents->refused->len; i++)
    if (((SignetRefusal *) contents->refused->pdata[i])->reason == reason)
      return TRUE;
  return FALSE;
}

static void
test_certs_only_items (void)
{
  gnutls_x509_privkey_t key = new_key ();
  gnutls_x509_crt_t crt = new_crt ("CN=Many", key, NULL, NULL, 1, NULL);
  gnutls_datum_t pem = { NULL, 0 };
  GString *file = g_string_new (NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCertsOnlyContents) contents = NULL;

  /* One certificate, then PEM blocks that are refused cheaply (private
   * keys are never taken) and a few duplicates; refusals count as items. */
  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &pem), ==, 0);
  g_string_append_len (file, (const char *) pem.data, pem.size);
  g_string_append_len (file, (const char *) pem.data, pem.size);
  for (guint i = 0; i < SIGNET_CERTS_ONLY_MAX_ITEMS + 10; i++)
    g_string_append (file, "-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n");
  g_string_append_len (file, (const char *) pem.data, pem.size);
  gnutls_free (pem.data);
  bytes = string_bytes (file);

  contents = signet_certs_only_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contents->certificates->len, ==, 1);
  g_assert_true (has_refusal (contents, SIGNET_REFUSAL_DUPLICATE));
  g_assert_true (has_refusal (contents, SIGNET_REFUSAL_NOT_A_CERTIFICATE));
  g_assert_true (has_refusal (contents, SIGNET_REFUSAL_TOO_MANY));
  g_assert_cmpuint (contents->certificates->len + contents->crls->len + contents->refused->len, <=,
                    SIGNET_CERTS_ONLY_MAX_ITEMS + 1);

  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);
}

static void
test_certs_only_depth (void)
{
  g_autoptr (GBytes) p7c = small_p7c ();
  guint deepest_ok = 0;

  /* A certs-only part whose content is a message with a certs-only part
   * whose content is ... and the p7c innermost: each MIME part read counts
   * one level (the file itself is level 0). */
  for (guint levels = 1; levels <= SIGNET_CERTS_ONLY_MAX_DEPTH + 2; levels++)
    {
      g_autoptr (GBytes) bytes = g_bytes_ref (p7c);
      g_autoptr (GError) error = NULL;
      g_autoptr (SignetCertsOnlyContents) contents = NULL;

      for (guint i = 0; i < levels; i++)
        {
          g_autofree char *b64 = base64_lines (bytes);
          GString *msg = g_string_new ("From: a@example.org\nMIME-Version: 1.0\n");

          append_certs_only_part (msg, b64);
          g_bytes_unref (bytes);
          bytes = string_bytes (msg);
        }
      contents = signet_certs_only_parse (bytes, &error);
      g_assert_no_error (error);
      if (contents->certificates->len == 1)
        {
          deepest_ok = levels;
        }
      else
        {
          g_assert_cmpuint (contents->certificates->len, ==, 0);
          g_assert_true (has_refusal (contents, SIGNET_REFUSAL_TOO_MANY));
        }
    }
  g_assert_cmpuint (deepest_ok, ==, SIGNET_CERTS_ONLY_MAX_DEPTH);
}

/* ---- SignerInfo ------------------------------------------------------ */

static void
test_cms_attributes (void)
{
  gnutls_x509_privkey_t key = new_key ();
  gnutls_x509_crt_t crt = new_crt ("CN=Attrs", key, NULL, NULL, 1, "attrs@example.org");
  g_autoptr (SignetCertificate) cert = to_certificate (crt);
  gnutls_privkey_t signer;
  gnutls_datum_t data = { (unsigned char *) "hello\r\n", 7 };
  g_autoptr (GBytes) content = g_bytes_new_static ("hello\r\n", 7);
  static const guint8 null_value[] = { 0x05, 0x00 };
  gnutls_datum_t value = { (unsigned char *) null_value, sizeof null_value };

  g_assert_cmpint (gnutls_privkey_init (&signer), ==, 0);
  g_assert_cmpint (gnutls_privkey_import_x509 (signer, key, 0), ==, 0);

  for (guint round = 0; round < 2; round++)
    {
      /* Round 0: just under the limit with the three attributes GnuTLS
       * adds (contentType, messageDigest, signingTime); round 1: over it. */
      guint extra = round == 0 ? SIGNET_MAX_CMS_ATTRIBUTES - 4 : SIGNET_MAX_CMS_ATTRIBUTES + 1;
      gnutls_pkcs7_attrs_t attrs = NULL;
      gnutls_pkcs7_t p7;
      g_autoptr (GBytes) der = NULL;
      g_autoptr (SignetCms) cms = NULL;
      g_autoptr (GError) error = NULL;
      SignetCmsVerifyResult r;

      for (guint i = 0; i < extra; i++)
        {
          g_autofree char *oid = g_strdup_printf ("1.3.6.1.4.1.55555.3.%u", i);

          g_assert_cmpint (gnutls_pkcs7_add_attr (&attrs, oid, &value, 0), ==, 0);
        }
      g_assert_cmpint (gnutls_pkcs7_init (&p7), ==, 0);
      g_assert_cmpint (gnutls_pkcs7_sign (p7, crt, signer, &data, attrs, NULL, GNUTLS_DIG_SHA256,
                                          GNUTLS_PKCS7_INCLUDE_TIME),
                       ==, 0);
      der = export_pkcs7 (p7);
      gnutls_pkcs7_attrs_deinit (attrs);
      gnutls_pkcs7_deinit (p7);

      cms = signet_cms_new (der, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (signet_cms_get_signers (cms)->len, ==, 1);
      r = signet_cms_verify_signer (cms, 0, cert, content);
      if (round == 0)
        g_assert_cmpint (r, ==, SIGNET_CMS_VERIFY_OK);
      else
        g_assert_cmpint (r, ==, SIGNET_CMS_VERIFY_MALFORMED);
    }

  gnutls_privkey_deinit (signer);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signet_init ();

  g_test_add_func ("/signet/limits/message-size", test_message_size);
  g_test_add_func ("/signet/limits/message-file-size", test_message_file_size);
  g_test_add_func ("/signet/limits/mime-depth", test_mime_depth);
  g_test_add_func ("/signet/limits/mime-depth-huge", test_mime_depth_huge);
  g_test_add_func ("/signet/limits/mime-parts", test_mime_parts);
  g_test_add_func ("/signet/limits/smime-parts", test_smime_parts);
  g_test_add_func ("/signet/limits/message-addresses", test_message_addresses);
  g_test_add_func ("/signet/limits/cms-size", test_cms_size);
  g_test_add_func ("/signet/limits/cms-signers", test_cms_signers);
  g_test_add_func ("/signet/limits/cms-certificates", test_cms_certificates);
  g_test_add_func ("/signet/limits/cms-crls", test_cms_crls);
  g_test_add_func ("/signet/limits/cms-attributes", test_cms_attributes);
  g_test_add_func ("/signet/limits/certificate-size", test_certificate_size);
  g_test_add_func ("/signet/limits/path-length", test_path_length);
  g_test_add_func ("/signet/limits/path-candidates", test_path_candidates);
  g_test_add_func ("/signet/limits/crl-size", test_crl_size);
  g_test_add_func ("/signet/limits/crl-entries", test_crl_entries);
  g_test_add_func ("/signet/limits/crl-serial-size", test_crl_serial_size);
  g_test_add_func ("/signet/limits/crl-names", test_crl_names);
  g_test_add_func ("/signet/limits/crl-pem-blocks", test_crl_pem_blocks);
  g_test_add_func ("/signet/limits/certs-only-file-size", test_certs_only_file_size);
  g_test_add_func ("/signet/limits/certs-only-items", test_certs_only_items);
  g_test_add_func ("/signet/limits/certs-only-depth", test_certs_only_depth);
  return g_test_run ();
}
