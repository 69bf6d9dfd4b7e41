/* test-mime-scanner.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gmime/gmime.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>
#include <string.h>

#include "signet-error.h"
#include "signet-init.h"
#include "signet-limits.h"
#include "signet-mime-scanner.h"
#include "signet-test-util.h"

static GBytes *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "mime", name, NULL);
  g_autoptr (GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static GPtrArray *
scan_ok (GBytes *message)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *parts = signet_mime_scan (message, &error);

  g_assert_no_error (error);
  g_assert_nonnull (parts);
  return parts;
}

static GPtrArray *
scan_string (const char *message)
{
  g_autoptr (GBytes) bytes = g_bytes_new (message, strlen (message));

  return scan_ok (bytes);
}

static SignetSmimePart *
part_at (GPtrArray *parts, guint i)
{
  g_assert_cmpuint (i, <, parts->len);
  return parts->pdata[i];
}

/* TRUE when a certificate carried in @cms verifies SignerInfo 0 over
 * @content (NULL: the encapsulated content). Checks the messageDigest
 * attribute against the content and the signature; times are ignored. */
static gboolean
cms_verifies (GBytes *cms, GBytes *content)
{
  gnutls_pkcs7_t p7 = NULL;
  gnutls_datum_t d;
  gnutls_datum_t c;
  gboolean ok = FALSE;
  int n;

  g_assert_nonnull (cms);
  d.data = (unsigned char *) g_bytes_get_data (cms, NULL);
  d.size = (unsigned int) g_bytes_get_size (cms);
  g_assert_cmpint (gnutls_pkcs7_init (&p7), ==, 0);
  g_assert_cmpint (gnutls_pkcs7_import (p7, &d, GNUTLS_X509_FMT_DER), ==, 0);

  if (content != NULL)
    {
      c.data = (unsigned char *) g_bytes_get_data (content, NULL);
      c.size = (unsigned int) g_bytes_get_size (content);
    }

  n = gnutls_pkcs7_get_crt_count (p7);
  for (int i = 0; i < n && !ok; i++)
    {
      gnutls_datum_t der = { NULL, 0 };
      gnutls_x509_crt_t crt = NULL;

      if (gnutls_pkcs7_get_crt_raw2 (p7, i, &der) < 0)
        continue;
      gnutls_x509_crt_init (&crt);
      if (gnutls_x509_crt_import (crt, &der, GNUTLS_X509_FMT_DER) == 0)
        ok = gnutls_pkcs7_verify_direct (p7, crt, 0, content != NULL ? &c : NULL,
                                         GNUTLS_VERIFY_DISABLE_TIME_CHECKS |
                                             GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS) == 0;
      gnutls_x509_crt_deinit (crt);
      gnutls_free (der.data);
    }

  gnutls_pkcs7_deinit (p7);
  return ok;
}

/* The index of the first signed-content candidate that verifies, or -1. */
static int
verifying_candidate (SignetSmimePart *part)
{
  GPtrArray *contents = signet_smime_part_get_signed_contents (part);

  for (guint i = 0; i < contents->len; i++)
    {
      if (cms_verifies (signet_smime_part_get_cms (part), contents->pdata[i]))
        return (int) i;
    }
  return -1;
}

static void
assert_strv (const char *const *strv, const char *first, ...)
{
  va_list args;
  guint i = 0;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    {
      g_assert_nonnull (strv[i]);
      g_assert_cmpstr (strv[i], ==, s);
      i++;
    }
  va_end (args);
  g_assert_null (strv[i]);
}

/* A detached signature must verify over candidate 0, the raw bytes. */
static void
check_detached (const char *file, const char *mime_type)
{
  g_autoptr (GBytes) message = load (file);
  g_autoptr (GPtrArray) parts = scan_ok (message);
  SignetSmimePart *part;

  g_assert_cmpuint (parts->len, ==, 1);
  part = part_at (parts, 0);
  g_assert_cmpint (signet_smime_part_get_kind (part), ==, SIGNET_PART_KIND_MULTIPART_SIGNED);
  g_assert_cmpstr (signet_smime_part_get_path (part), ==, "1");
  g_assert_cmpuint (signet_smime_part_get_depth (part), ==, 0);
  g_assert_cmpstr (signet_smime_part_get_mime_type (part), ==, mime_type);
  g_assert_cmpstr (signet_smime_part_get_micalg (part), ==, "sha-256");
  g_assert_null (signet_smime_part_get_problem (part));
  assert_strv (signet_smime_part_get_from (part), "alice@example.org", NULL);
  assert_strv (signet_smime_part_get_sender (part), NULL);
  g_assert_cmpint (verifying_candidate (part), ==, 0);
}

static void
test_detached_lf (void)
{
  check_detached ("detached-lf.eml", "application/x-pkcs7-signature");
}

static void
test_detached_crlf (void)
{
  check_detached ("detached-crlf.eml", "application/x-pkcs7-signature");
}

static void
test_detached_cms (void)
{
  check_detached ("detached-cms.eml", "application/pkcs7-signature");
}

static void
test_epilogue (void)
{
  g_autoptr (GBytes) message = load ("epilogue.eml");
  g_autoptr (GPtrArray) parts = scan_ok (message);
  SignetSmimePart *part;
  GPtrArray *contents;

  g_test_summary ("Signed content with a preamble and an epilogue: the raw bytes verify, "
                  "GMime's re-serialisation does not");

  g_assert_cmpuint (parts->len, ==, 1);
  part = part_at (parts, 0);
  g_assert_cmpint (signet_smime_part_get_kind (part), ==, SIGNET_PART_KIND_MULTIPART_SIGNED);
  g_assert_cmpstr (signet_smime_part_get_message_id (part), ==, "epilogue@example.org");
  g_assert_cmpstr (signet_smime_part_get_subject (part), ==, "Epilogue");
  assert_strv (signet_smime_part_get_from (part), "alice@example.org", NULL);

  contents = signet_smime_part_get_signed_contents (part);
  g_assert_cmpuint (contents->len, ==, 2);
  g_assert_true (cms_verifies (signet_smime_part_get_cms (part), contents->pdata[0]));
  g_assert_false (cms_verifies (signet_smime_part_get_cms (part), contents->pdata[1]));
}

static void
test_x_pkcs7_aliases (void)
{
  g_autoptr (GBytes) message = load ("detached-lf.eml");
  g_autoptr (GBytes) opaque = load ("opaque.eml");
  g_autoptr (GPtrArray) parts = scan_ok (message);
  g_autoptr (GPtrArray) opaque_parts = scan_ok (opaque);
  g_autofree char *text = g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message));

  /* protocol="application/x-pkcs7-signature" and an x-pkcs7-mime body. */
  g_assert_nonnull (strstr (text, "protocol=\"application/x-pkcs7-signature\""));
  g_assert_cmpint (signet_smime_part_get_kind (part_at (parts, 0)), ==,
                   SIGNET_PART_KIND_MULTIPART_SIGNED);
  g_assert_cmpstr (signet_smime_part_get_mime_type (part_at (opaque_parts, 0)), ==,
                   "application/x-pkcs7-mime");
  g_assert_cmpint (signet_smime_part_get_kind (part_at (opaque_parts, 0)), ==,
                   SIGNET_PART_KIND_SIGNED_DATA);
}

static void
check_opaque (const char *file, const char *mime_type)
{
  g_autoptr (GBytes) message = load (file);
  g_autoptr (GPtrArray) parts = scan_ok (message);
  SignetSmimePart *outer;
  SignetSmimePart *inner;

  g_assert_cmpuint (parts->len, ==, 2);
  outer = part_at (parts, 0);
  g_assert_cmpint (signet_smime_part_get_kind (outer), ==, SIGNET_PART_KIND_SIGNED_DATA);
  g_assert_cmpstr (signet_smime_part_get_path (outer), ==, "1");
  g_assert_cmpstr (signet_smime_part_get_mime_type (outer), ==, mime_type);
  g_assert_cmpuint (signet_smime_part_get_signed_contents (outer)->len, ==, 0);
  g_assert_true (cms_verifies (signet_smime_part_get_cms (outer), NULL));

  /* The opaque content is a multipart whose second part is a detached
   * signature by bob: found, with the eContent as its raw source. */
  inner = part_at (parts, 1);
  g_assert_cmpint (signet_smime_part_get_kind (inner), ==, SIGNET_PART_KIND_MULTIPART_SIGNED);
  g_assert_cmpstr (signet_smime_part_get_path (inner), ==, "1/signed-data/1.2");
  g_assert_cmpuint (signet_smime_part_get_depth (inner), ==, 1);
  assert_strv (signet_smime_part_get_from (inner), "alice@example.org", NULL);
  g_assert_cmpint (verifying_candidate (inner), ==, 0);
}

static void
test_opaque (void)
{
  check_opaque ("opaque.eml", "application/x-pkcs7-mime");
}

static void
test_missing_smime_type (void)
{
  check_opaque ("opaque-no-smime-type.eml", "application/x-pkcs7-mime");
}

static void
test_octet_stream (void)
{
  g_autoptr (GPtrArray) parts = NULL;

  check_opaque ("octet-stream-p7m.eml", "application/octet-stream");

  /* Without a .p7m name an octet-stream is just an attachment. */
  parts = scan_string ("From: a@example.org\nMIME-Version: 1.0\n"
                       "Content-Type: application/octet-stream; name=data.bin\n"
                       "Content-Transfer-Encoding: base64\n\nMIIBAAYJKoZIhvcNAQcD\n");
  g_assert_cmpuint (parts->len, ==, 0);
}

static void
check_single_kind (const char *file, SignetPartKind kind)
{
  g_autoptr (GBytes) message = load (file);
  g_autoptr (GPtrArray) parts = scan_ok (message);

  g_assert_cmpuint (parts->len, ==, 1);
  g_assert_cmpint (signet_smime_part_get_kind (part_at (parts, 0)), ==, kind);
  g_assert_null (signet_smime_part_get_problem (part_at (parts, 0)));
  g_assert_nonnull (signet_smime_part_get_cms (part_at (parts, 0)));
}

static void
test_certs_only (void)
{
  check_single_kind ("certs-only.eml", SIGNET_PART_KIND_CERTS_ONLY);
  check_single_kind ("certs-only-sniff.eml", SIGNET_PART_KIND_CERTS_ONLY);
}

static void
test_enveloped (void)
{
  check_single_kind ("enveloped.eml", SIGNET_PART_KIND_ENVELOPED);
}

static void
test_lying_label (void)
{
  g_autoptr (GBytes) message = load ("lying-label.eml");
  g_autofree char *text = g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message));

  g_assert_nonnull (strstr (text, "smime-type=signed-data"));
  check_single_kind ("lying-label.eml", SIGNET_PART_KIND_ENVELOPED);
}

/* A pkcs7-mime message whose body is the base64 of @der. */
static GPtrArray *
scan_pkcs7_mime (const guint8 *der, gsize len, const char *smime_type)
{
  g_autofree char *b64 = g_base64_encode (der, len);
  g_autofree char *msg = g_strdup_printf ("From: a@example.org\nMIME-Version: 1.0\n"
                                          "Content-Type: application/pkcs7-mime; smime-type=%s\n"
                                          "Content-Transfer-Encoding: base64\n\n%s\n",
                                          smime_type, b64);
  return scan_string (msg);
}

static void
test_sniffed_kinds (void)
{
  /* ContentInfo { contentType, [0] { ... } } with a token content. */
  static const guint8 compressed[] = { 0x30, 0x12, 0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                       0x01, 0x09, 0x10, 0x01, 0x09, 0xa0, 0x03, 0x30, 0x01, 0x00 };
  static const guint8 auth_env[] = { 0x30, 0x12, 0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                     0x01, 0x09, 0x10, 0x01, 0x17, 0xa0, 0x03, 0x30, 0x01, 0x00 };
  static const guint8 data[] = { 0x30, 0x10, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                 0x0d, 0x01, 0x07, 0x01, 0xa0, 0x03, 0x04, 0x01, 0x00 };
  /* signedData label and OID, but not a SignedData inside. */
  static const guint8 bad_signed[] = { 0x30, 0x10, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                       0x0d, 0x01, 0x07, 0x02, 0xa0, 0x03, 0x04, 0x01, 0x00 };
  g_autoptr (GPtrArray) p1 = scan_pkcs7_mime (compressed, sizeof compressed, "enveloped-data");
  g_autoptr (GPtrArray) p2 = scan_pkcs7_mime (auth_env, sizeof auth_env, "signed-data");
  g_autoptr (GPtrArray) p3 = scan_pkcs7_mime (data, sizeof data, "signed-data");
  g_autoptr (GPtrArray) p4 = scan_pkcs7_mime (bad_signed, sizeof bad_signed, "signed-data");

  g_assert_cmpuint (p1->len, ==, 1);
  g_assert_cmpint (signet_smime_part_get_kind (part_at (p1, 0)), ==, SIGNET_PART_KIND_COMPRESSED);
  g_assert_cmpuint (p2->len, ==, 1);
  g_assert_cmpint (signet_smime_part_get_kind (part_at (p2, 0)), ==, SIGNET_PART_KIND_ENVELOPED);
  g_assert_cmpuint (p3->len, ==, 1);
  g_assert_cmpint (signet_smime_part_get_kind (part_at (p3, 0)), ==, SIGNET_PART_KIND_MALFORMED);
  g_assert_nonnull (
      strstr (signet_smime_part_get_problem (part_at (p3, 0)), "1.2.840.113549.1.7.1"));
  g_assert_cmpuint (p4->len, ==, 1);
  g_assert_cmpint (signet_smime_part_get_kind (part_at (p4, 0)), ==, SIGNET_PART_KIND_MALFORMED);
}

static void
test_forwarded (void)
{
  g_autoptr (GBytes) message = load ("forwarded.eml");
  g_autoptr (GPtrArray) parts = scan_ok (message);
  SignetSmimePart *outer;
  SignetSmimePart *inner;

  g_assert_cmpuint (parts->len, ==, 2);
  outer = part_at (parts, 0);
  inner = part_at (parts, 1);

  g_assert_cmpstr (signet_smime_part_get_path (outer), ==, "1");
  assert_strv (signet_smime_part_get_from (outer), "alice@example.org", NULL);
  g_assert_cmpstr (signet_smime_part_get_subject (outer), ==, "Outer");
  g_assert_cmpuint (signet_smime_part_get_depth (outer), ==, 0);
  g_assert_cmpint (verifying_candidate (outer), ==, 0);

  g_assert_cmpint (signet_smime_part_get_kind (inner), ==, SIGNET_PART_KIND_MULTIPART_SIGNED);
  g_assert_cmpstr (signet_smime_part_get_path (inner), ==, "1.1.2/message/1");
  assert_strv (signet_smime_part_get_from (inner), "bob@example.org", NULL);
  g_assert_cmpstr (signet_smime_part_get_subject (inner), ==, "Inner");
  g_assert_cmpuint (signet_smime_part_get_depth (inner), ==, 1);
  g_assert_cmpint (verifying_candidate (inner), ==, 0);
}

static void
test_forwarded_base64 (void)
{
  g_autoptr (GBytes) message = load ("forwarded-base64.eml");
  g_autoptr (GPtrArray) parts = scan_ok (message);
  SignetSmimePart *inner;

  g_assert_cmpuint (parts->len, ==, 1);
  inner = part_at (parts, 0);
  g_assert_cmpstr (signet_smime_part_get_path (inner), ==, "1.2/message/1");
  assert_strv (signet_smime_part_get_from (inner), "bob@example.org", NULL);
  g_assert_cmpint (verifying_candidate (inner), ==, 0);
}

/* The pieces of detached-lf.eml: boundary, signed entity, signature part
 * (headers included). */
static void
split_detached (char **boundary, char **content, char **signature)
{
  g_autoptr (GBytes) message = load ("detached-lf.eml");
  g_autofree char *text = g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message));
  g_autofree char *delim = NULL;
  g_autofree char *close = NULL;
  const char *b = strstr (text, "boundary=\"");
  const char *first;
  const char *second;
  const char *end;

  g_assert_nonnull (b);
  b += strlen ("boundary=\"");
  *boundary = g_strndup (b, (gsize) (strchr (b, '"') - b));
  delim = g_strdup_printf ("\n--%s\n", *boundary);
  close = g_strdup_printf ("\n--%s--", *boundary);
  first = strstr (text, delim);
  g_assert_nonnull (first);
  first += strlen (delim);
  second = strstr (first, delim);
  g_assert_nonnull (second);
  *content = g_strndup (first, (gsize) (second - first));
  second += strlen (delim);
  end = strstr (second, close);
  g_assert_nonnull (end);
  *signature = g_strndup (second, (gsize) (end - second));
}

static void
test_wrapping (void)
{
  g_autofree char *boundary = NULL;
  g_autofree char *content = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *scoped = NULL;
  g_autofree char *unlocated = NULL;
  g_autoptr (GPtrArray) p1 = NULL;
  g_autoptr (GPtrArray) p2 = NULL;

  g_test_summary ("A copy of genuinely signed bytes elsewhere in the message never "
                  "vouches for the content GMime shows");
  split_detached (&boundary, &content, &signature);

  /* The signed entity, with its delimiter lines, sits in a text part; the
   * multipart/signed holds other content with the genuine signature. */
  scoped = g_strdup_printf (
      "From: alice@example.org\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"M\"\n\n"
      "--M\nContent-Type: text/plain\n\n--%s\n%s\n--%s\n"
      "--M\nContent-Type: multipart/signed; protocol=\"application/x-pkcs7-signature\";"
      " micalg=sha-256; boundary=\"%s\"\n\n"
      "--%s\nContent-Type: text/plain\n\nPay Mallory.\n--%s\n%s\n--%s--\n--M--\n",
      boundary, content, boundary, boundary, boundary, boundary, signature, boundary);
  p1 = scan_string (scoped);
  g_assert_cmpuint (p1->len, ==, 1);
  g_assert_cmpint (signet_smime_part_get_kind (part_at (p1, 0)), ==,
                   SIGNET_PART_KIND_MULTIPART_SIGNED);
  g_assert_cmpint (verifying_candidate (part_at (p1, 0)), ==, -1);

  /* The same, after a nested multipart reusing its parent's boundary, so
   * that the parts cannot be located and the scanner has to search the
   * whole message for the boundary (finding the copy first). */
  unlocated = g_strdup_printf (
      "From: alice@example.org\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"M\"\n\n"
      "--M\nContent-Type: multipart/alternative; boundary=\"M\"\n\n"
      "--M\nContent-Type: text/plain\n\ndecoy\n--M--\n"
      "--M\nContent-Type: text/plain\n\n--%s\n%s\n--%s\n"
      "--M\nContent-Type: multipart/signed; protocol=\"application/x-pkcs7-signature\";"
      " micalg=sha-256; boundary=\"%s\"\n\n"
      "--%s\nContent-Type: text/plain\n\nPay Mallory.\n--%s\n%s\n--%s--\n--M--\n",
      boundary, content, boundary, boundary, boundary, boundary, signature, boundary);
  p2 = scan_string (unlocated);
  g_assert_cmpuint (p2->len, ==, 1);
  g_assert_cmpint (signet_smime_part_get_kind (part_at (p2, 0)), ==,
                   SIGNET_PART_KIND_MULTIPART_SIGNED);
  g_assert_cmpint (verifying_candidate (part_at (p2, 0)), ==, -1);
}

/* @levels multipart/mixed wrappers around the body of detached-lf.eml. */
static GBytes *
build_nested (guint levels)
{
  g_autoptr (GBytes) signed_msg = load ("detached-lf.eml");
  const char *text = g_bytes_get_data (signed_msg, NULL);
  GString *s = g_string_new ("From: nest@example.org\nMIME-Version: 1.0\n");

  for (guint i = 0; i < levels; i++)
    g_string_append_printf (s, "Content-Type: multipart/mixed; boundary=\"lvl%u\"\n\n--lvl%u\n", i,
                            i);
  /* The signed entity without the outer message headers but with its
   * Content-Type: skip From/To/Subject/MIME-Version lines. */
  text = strstr (text, "Content-Type: multipart/signed");
  g_assert_nonnull (text);
  g_string_append_len (
      s, text,
      (gssize) (g_bytes_get_size (signed_msg) -
                (gsize) (text - (const char *) g_bytes_get_data (signed_msg, NULL))));
  for (guint i = levels; i > 0; i--)
    g_string_append_printf (s, "\n--lvl%u--\n", i - 1);
  return g_string_free_to_bytes (s);
}

static void
test_nesting (void)
{
  /* The root is level 0; the signed text is one level below the
   * multipart/signed, itself below the wrappers. */
  g_autoptr (GBytes) ok = build_nested (SIGNET_MAX_MIME_DEPTH - 1);
  g_autoptr (GBytes) at_limit = build_nested (SIGNET_MAX_MIME_DEPTH);
  g_autoptr (GBytes) deep = build_nested (SIGNET_MAX_MIME_DEPTH + 1);
  g_autoptr (GBytes) very_deep = build_nested (3000);
  g_autoptr (GPtrArray) p1 = scan_ok (ok);
  g_autoptr (GPtrArray) p0 = scan_ok (at_limit);
  g_autoptr (GPtrArray) p2 = scan_ok (deep);
  g_autoptr (GPtrArray) p3 = scan_ok (very_deep);

  /* Within the limit: found and verifiable through the raw windows. */
  g_assert_cmpuint (p1->len, ==, 1);
  g_assert_cmpint (signet_smime_part_get_kind (part_at (p1, 0)), ==,
                   SIGNET_PART_KIND_MULTIPART_SIGNED);
  assert_strv (signet_smime_part_get_from (part_at (p1, 0)), "nest@example.org", NULL);
  g_assert_cmpint (verifying_candidate (part_at (p1, 0)), ==, 0);

  /* The signed content itself is too deep. */
  g_assert_cmpuint (p0->len, ==, 2);
  g_assert_cmpint (signet_smime_part_get_kind (part_at (p0, 0)), ==,
                   SIGNET_PART_KIND_MULTIPART_SIGNED);
  g_assert_cmpint (signet_smime_part_get_kind (part_at (p0, 1)), ==, SIGNET_PART_KIND_MALFORMED);

  /* One level more: a MALFORMED part where the scanner stopped. */
  g_assert_cmpuint (p2->len, ==, 1);
  g_assert_cmpint (signet_smime_part_get_kind (part_at (p2, 0)), ==, SIGNET_PART_KIND_MALFORMED);
  g_assert_nonnull (strstr (signet_smime_part_get_problem (part_at (p2, 0)), "nesting"));

  g_assert_cmpuint (p3->len, ==, 1);
  g_assert_cmpint (signet_smime_part_get_kind (part_at (p3, 0)), ==, SIGNET_PART_KIND_MALFORMED);
}

static void
test_many_parts (void)
{
  GString *s = g_string_new ("From: a@example.org\nMIME-Version: 1.0\n"
                             "Content-Type: multipart/mixed; boundary=\"b\"\n\n");
  g_autoptr (GBytes) message = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parts = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (s, "--b\nContent-Type: text/plain\n\npart %u\n", i);
  g_string_append (s, "--b--\n");
  message = g_string_free_to_bytes (s);

  parts = signet_mime_scan (message, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT);
  g_assert_null (parts);
}

static void
test_many_smime_parts (void)
{
  g_autoptr (GBytes) certs = load ("certs-only.eml");
  const char *body = strstr (g_bytes_get_data (certs, NULL), "\n\n");
  g_autofree char *b64 =
      g_strndup (body + 2, g_bytes_get_size (certs) -
                               (gsize) (body + 2 - (const char *) g_bytes_get_data (certs, NULL)));
  GString *s = g_string_new ("From: a@example.org\nMIME-Version: 1.0\n"
                             "Content-Type: multipart/mixed; boundary=\"b\"\n\n");
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (GBytes) message = NULL;
  SignetSmimePart *last;

  for (guint i = 0; i < SIGNET_MAX_SMIME_PARTS + 10; i++)
    g_string_append_printf (s,
                            "--b\nContent-Type: application/pkcs7-mime; smime-type=certs-only\n"
                            "Content-Transfer-Encoding: base64\n\n%s\n",
                            b64);
  g_string_append (s, "--b--\n");
  message = g_string_free_to_bytes (s);

  parts = scan_ok (message);
  g_assert_cmpuint (parts->len, ==, SIGNET_MAX_SMIME_PARTS + 1);
  g_assert_cmpint (signet_smime_part_get_kind (part_at (parts, 0)), ==,
                   SIGNET_PART_KIND_CERTS_ONLY);
  last = part_at (parts, SIGNET_MAX_SMIME_PARTS);
  g_assert_cmpint (signet_smime_part_get_kind (last), ==, SIGNET_PART_KIND_MALFORMED);
  g_assert_nonnull (signet_smime_part_get_problem (last));
}

#define SIGNED_TEMPLATE                                                                            \
  "From: a@example.org\nMIME-Version: 1.0\n"                                                       \
  "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; "     \
  "boundary=\"b\"\n\n"                                                                             \
  "--b\nContent-Type: text/plain\n\nhello\n%s--b--\n"

static SignetSmimePart *
scan_single_malformed (const char *second_part)
{
  g_autofree char *msg = g_strdup_printf (SIGNED_TEMPLATE, second_part);
  g_autoptr (GPtrArray) parts = scan_string (msg);
  SignetSmimePart *part;

  g_assert_cmpuint (parts->len, ==, 1);
  part = g_object_ref (part_at (parts, 0));
  g_assert_cmpint (signet_smime_part_get_kind (part), ==, SIGNET_PART_KIND_MALFORMED);
  g_assert_nonnull (signet_smime_part_get_problem (part));
  g_assert_cmpstr (signet_smime_part_get_path (part), ==, "1");
  return part;
}

static void
test_bad_base64 (void)
{
  g_autoptr (SignetSmimePart) p1 = NULL;
  g_autoptr (SignetSmimePart) p2 = NULL;
  g_autoptr (GPtrArray) p3 = NULL;

  p1 = scan_single_malformed (
      "--b\nContent-Type: application/pkcs7-signature\n"
      "Content-Transfer-Encoding: base64\n\n!!!! not *base64* at all ????\n");
  g_assert_nonnull (strstr (signet_smime_part_get_problem (p1), "base64"));

  /* Valid base64 of bytes that are not CMS. */
  p2 = scan_single_malformed ("--b\nContent-Type: application/pkcs7-signature\n"
                              "Content-Transfer-Encoding: base64\n\naGVsbG8gd29ybGQ=\n");
  g_assert_nonnull (strstr (signet_smime_part_get_problem (p2), "CMS"));

  p3 = scan_string ("From: a@example.org\nMIME-Version: 1.0\n"
                    "Content-Type: application/pkcs7-mime; smime-type=enveloped-data\n"
                    "Content-Transfer-Encoding: base64\n\n%%%% garbage\n");
  g_assert_cmpuint (p3->len, ==, 1);
  g_assert_cmpint (signet_smime_part_get_kind (part_at (p3, 0)), ==, SIGNET_PART_KIND_MALFORMED);
  g_assert_nonnull (signet_smime_part_get_problem (part_at (p3, 0)));
}

static void
test_missing_signature (void)
{
  g_autoptr (SignetSmimePart) p1 = scan_single_malformed ("");
  g_autoptr (SignetSmimePart) p2 =
      scan_single_malformed ("--b\nContent-Type: text/plain\n\nnot a signature\n");

  g_assert_nonnull (strstr (signet_smime_part_get_problem (p1), "fewer than two"));
  g_assert_nonnull (strstr (signet_smime_part_get_problem (p2), "second part"));
}

static void
test_stray_signature (void)
{
  g_autoptr (GBytes) message = load ("detached-lf.eml");
  g_autoptr (GPtrArray) parts = scan_ok (message);
  GBytes *cms = signet_smime_part_get_cms (part_at (parts, 0));
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (cms, NULL), g_bytes_get_size (cms));
  g_autofree char *m1 = g_strdup_printf ("From: a@example.org\nMIME-Version: 1.0\n"
                                         "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
                                         "Content-Type: application/pkcs7-signature\n"
                                         "Content-Transfer-Encoding: base64\n\n%s\n--b\n"
                                         "Content-Type: application/octet-stream; name=smime.p7s\n"
                                         "Content-Transfer-Encoding: base64\n\n%s\n--b--\n",
                                         b64, b64);
  g_autoptr (GPtrArray) p1 = scan_string (m1);

  g_test_summary ("Detached signatures outside multipart/signed are ignored");
  g_assert_cmpuint (p1->len, ==, 0);
}

static void
test_huge_header (void)
{
  g_autoptr (GBytes) signed_msg = load ("detached-lf.eml");
  GString *s = g_string_new ("X-Huge: ");
  g_autoptr (GBytes) message = NULL;
  g_autoptr (GBytes) no_newline = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (GPtrArray) parts2 = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 1024 * 1024 / 16; i++)
    g_string_append (s, "abcdefghijklmnop");
  no_newline = g_bytes_new (s->str, s->len);
  g_string_append_c (s, '\n');
  g_string_append_len (s, g_bytes_get_data (signed_msg, NULL),
                       (gssize) g_bytes_get_size (signed_msg));
  message = g_string_free_to_bytes (s);

  parts = scan_ok (message);
  g_assert_cmpuint (parts->len, ==, 1);
  g_assert_cmpint (verifying_candidate (part_at (parts, 0)), ==, 0);

  /* One 1 MB line and nothing else. */
  parts2 = signet_mime_scan (no_newline, &error);
  if (parts2 != NULL)
    g_assert_cmpuint (parts2->len, ==, 0);
  else
    g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
}

static void
test_truncated (void)
{
  const char *files[] = { "detached-lf.eml", "opaque.eml", "forwarded.eml", "enveloped.eml" };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr (GBytes) message = load (files[f]);
      gsize len = g_bytes_get_size (message);

      for (gsize cut = 1; cut < len; cut += 61)
        {
          g_autoptr (GBytes) part = g_bytes_new_from_bytes (message, 0, cut);
          g_autoptr (GError) error = NULL;
          g_autoptr (GPtrArray) parts = signet_mime_scan (part, &error);

          g_assert_true ((parts != NULL) != (error != NULL));
          for (guint i = 0; parts != NULL && i < parts->len; i++)
            {
              SignetSmimePart *p = parts->pdata[i];

              /* Whatever is found is either well-formed or says why not. */
              if (signet_smime_part_get_kind (p) == SIGNET_PART_KIND_MALFORMED)
                g_assert_nonnull (signet_smime_part_get_problem (p));
            }
        }
    }

  /* Opaque signed-data cut in the middle of its base64: malformed. */
  {
    g_autoptr (GBytes) message = load ("opaque.eml");
    g_autoptr (GBytes) cut = g_bytes_new_from_bytes (message, 0, g_bytes_get_size (message) / 2);
    g_autoptr (GPtrArray) parts = scan_ok (cut);

    g_assert_cmpuint (parts->len, ==, 1);
    g_assert_cmpint (signet_smime_part_get_kind (part_at (parts, 0)), ==,
                     SIGNET_PART_KIND_MALFORMED);
  }
}

static void
test_duplicate_from (void)
{
  g_autoptr (GBytes) signed_msg = load ("detached-lf.eml");
  g_autofree char *text =
      g_strndup (g_bytes_get_data (signed_msg, NULL), g_bytes_get_size (signed_msg));
  g_autofree char *spoofed = g_strconcat ("From: Mallory <mallory@evil.example>\n", text, NULL);
  g_autoptr (GPtrArray) parts = scan_string (spoofed);
  g_autoptr (GPtrArray) groups = NULL;

  g_assert_cmpuint (parts->len, ==, 1);
  assert_strv (signet_smime_part_get_from (part_at (parts, 0)), "mallory@evil.example",
               "alice@example.org", NULL);

  /* Groups are expanded; Sender is reported too. */
  groups = scan_string (
      "From: Team: Ann <ann@example.org>, bob@example.org;, carl@example.org\n"
      "Sender: Secretary <sec@example.org>\nMIME-Version: 1.0\n"
      "Content-Type: application/pkcs7-mime\nContent-Transfer-Encoding: base64\n\nAAAA\n");
  g_assert_cmpuint (groups->len, ==, 1);
  assert_strv (signet_smime_part_get_from (part_at (groups, 0)), "ann@example.org",
               "bob@example.org", "carl@example.org", NULL);
  assert_strv (signet_smime_part_get_sender (part_at (groups, 0)), "sec@example.org", NULL);
}

static void
test_not_mime (void)
{
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (GPtrArray) plain = NULL;
  g_autoptr (GPtrArray) headerless = NULL;

  none = signet_mime_scan (empty, &error);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
  g_assert_null (none);

  plain = scan_string ("From: a@example.org\nSubject: plain\n\nJust text.\n");
  g_assert_cmpuint (plain->len, ==, 0);

  headerless = scan_string ("Just some text\nwithout any headers.\n");
  g_assert_cmpuint (headerless->len, ==, 0);

  /* Binary junk is not a message. */
  {
    static const guint8 junk[] = { 0xff, 0xfe, 0x00, 0x01, 0x80, 0x81, '\n', 0xc3 };
    g_autoptr (GBytes) bytes = g_bytes_new (junk, sizeof junk);
    g_autoptr (GError) junk_error = NULL;
    g_autoptr (GPtrArray) parts = signet_mime_scan (bytes, &junk_error);

    g_assert_error (junk_error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
    g_assert_null (parts);
  }
}

static void
test_scan_message (void)
{
  const char *files[] = { "detached-lf.eml", "epilogue.eml" };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr (GBytes) raw = load (files[f]);
      GMimeStream *stream =
          g_mime_stream_mem_new_with_buffer (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
      GMimeParser *parser = g_mime_parser_new_with_stream (stream);
      GMimeMessage *message = g_mime_parser_construct_message (parser, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) with_raw = NULL;
      g_autoptr (GPtrArray) without_raw = NULL;
      SignetSmimePart *part;

      g_assert_nonnull (message);
      with_raw = signet_mime_scan_message (message, raw, &error);
      g_assert_no_error (error);
      without_raw = signet_mime_scan_message (message, NULL, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (with_raw->len, ==, 1);
      g_assert_cmpint (verifying_candidate (part_at (with_raw, 0)), ==, 0);

      g_assert_cmpuint (without_raw->len, ==, 1);
      part = part_at (without_raw, 0);
      g_assert_cmpuint (signet_smime_part_get_signed_contents (part)->len, ==, 1);
      assert_strv (signet_smime_part_get_from (part), "alice@example.org", NULL);
      /* Only GMime's re-serialisation: fine for simple content, wrong for
       * the epilogue case. */
      g_assert_cmpint (verifying_candidate (part), ==, f == 0 ? 0 : -1);

      g_object_unref (message);
      g_object_unref (parser);
      g_object_unref (stream);
    }
}

static gboolean
is_message_file (const char *name)
{
  return g_str_has_suffix (name, ".eml");
}

/* The scanner re-serialises signed content itself (without GMime's
 * newline filter); the bytes must be GMime's, entity by entity, for every
 * message of the test data, the fuzzer's seeds, and these edge cases:
 * bare LF, CRLF, mixed and lone CR line ends, no final line break, empty
 * bodies, prologue and epilogue, nesting, binary, base64 and
 * quoted-printable parts, a forwarded message, folded and odd headers. */
static void
test_serialization (void)
{
  static const char *const cases[] = {
    "From: a@example.org\nContent-Type: text/plain\n\nline one\nline two\n",
    "From: a@example.org\r\nContent-Type: text/plain\r\n\r\nline one\r\nline two\r\n",
    "From: a@example.org\nContent-Type: text/plain\n\nmixed\r\nends\nand a lone\rCR\n\r\n",
    "From: a@example.org\nContent-Type: text/plain\n\nno final line break",
    "From: a@example.org\nContent-Type: text/plain\n\n",
    "From: a@example.org\nContent-Type: text/plain\n\n\n\n\r\r\n",
    "From: a@example.org\nContent-Type: text/plain\n\nends in CR\r",
    "From: a@example.org\nContent-Type: multipart/mixed; boundary=\"b1\"\n\nprologue line\n"
    "second prologue line\n--b1\nContent-Type: text/plain\n\none\n--b1\n"
    "Content-Type: multipart/alternative;\n boundary=b2\n\n--b2\nContent-Type: text/plain\n\n"
    "two\n--b2\nContent-Type: text/html\n\n<p>three</p>\n--b2--\n--b1\n"
    "Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n"
    "AAECAwQFBgcICQoLDA0ODw==\n--b1--\nepilogue\nlines\n",
    "From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
    "Content-Type: text/plain\n\nunterminated multipart\n",
    "From: a@example.org\nContent-Type: multipart/mixed; boundary=b\n\n--b\n--b\n"
    "Content-Type: text/plain\n\n\n--b--",
    "From: a@example.org\nContent-Type: text/plain\nContent-Transfer-Encoding: binary\n\n"
    "bin\nary\r\n\0x",
    "From: a@example.org\nContent-Type: text/plain; charset=utf-8\n"
    "Content-Transfer-Encoding: quoted-printable\nX-Folded: a\n\tb\n   c\n\n"
    "caf=C3=A9 =\nsoft break\n",
    "From: a@example.org\nContent-Type: multipart/mixed; boundary=o\n\n--o\n"
    "Content-Type: message/rfc822\n\nFrom: b@example.org\nContent-Type: text/plain\n\n"
    "inner\n--o--\n",
    "From: a@example.org\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\";"
    " micalg=sha-256; boundary=s\n\n--s\nContent-Type: text/plain\n\nsigned\n--s\n"
    "Content-Type: application/pkcs7-signature\nContent-Transfer-Encoding: base64\n\nMIIB\n--s--\n",
    "From: a@example.org\nContent-Type: text/plain\nContent-Type: text/html\nSubject:\n"
    "Bad header line without colon\n\nbody\n",
  };
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data_dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autofree char *seeds_dir = g_test_build_filename (G_TEST_DIST, "..", "fuzz", "seeds", "message", NULL);
  guint total = 0;

  signet_test_collect_files (data_dir, is_message_file, files);
  /* The message fuzzer's seeds, whatever their names. */
  signet_test_collect_files (seeds_dir, NULL, files);
  g_assert_cmpuint (files->len, >, 200);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *text = NULL;
      gsize len = 0;
      g_autoptr (GBytes) bytes = NULL;
      guint compared = 0;

      g_assert_true (g_file_get_contents (path, &text, &len, NULL));
      bytes = g_bytes_new_take (g_steal_pointer (&text), len);
      if (!_signet_mime_serializations_agree (bytes, &compared))
        g_error ("%s: the scanner's re-serialisation differs from GMime's", path);
      total += compared;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = strlen (cases[i]);
      g_autoptr (GBytes) bytes = NULL;
      guint compared = 0;

      /* The binary case holds a NUL: take it to its end. */
      if (strstr (cases[i], "bin\nary") != NULL)
        len += 2;
      bytes = g_bytes_new_static (cases[i], len);
      if (!_signet_mime_serializations_agree (bytes, &compared))
        g_error ("case %u: the scanner's re-serialisation differs from GMime's", i);
      g_assert_cmpuint (compared, >, 0);
      total += compared;
    }
  g_test_message ("%u entities compared", total);
  g_assert_cmpuint (total, >, 500);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signet_init ();

  g_test_add_func ("/signet/mime-scanner/detached-lf", test_detached_lf);
  g_test_add_func ("/signet/mime-scanner/detached-crlf", test_detached_crlf);
  g_test_add_func ("/signet/mime-scanner/detached-cms", test_detached_cms);
  g_test_add_func ("/signet/mime-scanner/epilogue", test_epilogue);
  g_test_add_func ("/signet/mime-scanner/x-pkcs7-aliases", test_x_pkcs7_aliases);
  g_test_add_func ("/signet/mime-scanner/opaque", test_opaque);
  g_test_add_func ("/signet/mime-scanner/missing-smime-type", test_missing_smime_type);
  g_test_add_func ("/signet/mime-scanner/octet-stream", test_octet_stream);
  g_test_add_func ("/signet/mime-scanner/certs-only", test_certs_only);
  g_test_add_func ("/signet/mime-scanner/enveloped", test_enveloped);
  g_test_add_func ("/signet/mime-scanner/lying-label", test_lying_label);
  g_test_add_func ("/signet/mime-scanner/sniffed-kinds", test_sniffed_kinds);
  g_test_add_func ("/signet/mime-scanner/forwarded", test_forwarded);
  g_test_add_func ("/signet/mime-scanner/forwarded-base64", test_forwarded_base64);
  g_test_add_func ("/signet/mime-scanner/wrapping", test_wrapping);
  g_test_add_func ("/signet/mime-scanner/nesting", test_nesting);
  g_test_add_func ("/signet/mime-scanner/many-parts", test_many_parts);
  g_test_add_func ("/signet/mime-scanner/many-smime-parts", test_many_smime_parts);
  g_test_add_func ("/signet/mime-scanner/bad-base64", test_bad_base64);
  g_test_add_func ("/signet/mime-scanner/missing-signature", test_missing_signature);
  g_test_add_func ("/signet/mime-scanner/stray-signature", test_stray_signature);
  g_test_add_func ("/signet/mime-scanner/huge-header", test_huge_header);
  g_test_add_func ("/signet/mime-scanner/truncated", test_truncated);
  g_test_add_func ("/signet/mime-scanner/duplicate-from", test_duplicate_from);
  g_test_add_func ("/signet/mime-scanner/not-mime", test_not_mime);
  g_test_add_func ("/signet/mime-scanner/scan-message", test_scan_message);
  g_test_add_func ("/signet/mime-scanner/serialization", test_serialization);

  return g_test_run ();
}
