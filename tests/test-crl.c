/* test-crl.c: SignetCrl, the indexed CRL reader.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gnutls/crypto.h>

#include "signet-crl.h"
#include "signet-error.h"
#include "signet-init.h"

static char *
data_path (const char *file)
{
  return g_test_build_filename (G_TEST_DIST, "data", "crl", file, NULL);
}

static GBytes *
load_bytes (const char *folder, const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", folder, file, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static SignetCrl *
load_crl (const char *file)
{
  g_autoptr (GBytes) der = load_bytes ("crl", file);
  g_autoptr (GError) error = NULL;
  SignetCrl *crl = signet_crl_new_from_bytes (der, &error);

  g_assert_no_error (error);
  g_assert_nonnull (crl);
  return crl;
}

static SignetCertificate *
load_cert (const char *file)
{
  g_autoptr (GBytes) data = load_bytes ("crl", file);
  g_autoptr (GError) error = NULL;
  SignetCertificate *cert = signet_certificate_new_from_bytes (data, &error);

  g_assert_no_error (error);
  return cert;
}

static gint64
utc (int y, int m, int d)
{
  g_autoptr (GDateTime) dt = g_date_time_new_utc (y, m, d, 0, 0, 0);

  return g_date_time_to_unix (dt);
}

static void
assert_bytes (GBytes *bytes, const char *expected, gsize len)
{
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected, len);
}

static void
test_empty (void)
{
  g_autoptr (SignetCrl) crl = load_crl ("empty.crl");
  g_autoptr (SignetCertificate) ca = load_cert ("ca.pem");
  g_autoptr (SignetCertificate) alice = load_cert ("alice.pem");
  GBytes *base = NULL;

  g_assert_cmpuint (signet_crl_get_entry_count (crl), ==, 0);
  g_assert_cmpint (signet_crl_get_version (crl), ==, 2);
  g_assert_cmpstr (signet_crl_get_issuer (crl), ==, "CN=Signet Test CRL CA,O=Signet Tests");
  g_assert_cmpstr (signet_crl_get_issuer_display_name (crl), ==, "Signet Test CRL CA");
  g_assert_true (
      g_bytes_equal (signet_crl_get_raw_issuer (crl), signet_certificate_get_raw_subject (ca)));
  g_assert_cmpint (signet_crl_get_this_update (crl), ==, utc (2020, 1, 1));
  g_assert_cmpint (signet_crl_get_next_update (crl), ==, utc (2040, 1, 1));
  assert_bytes (signet_crl_get_number (crl), "\x01", 1);
  g_assert_true (g_bytes_equal (signet_crl_get_authority_key_id (crl),
                                signet_certificate_get_subject_key_id (ca)));
  g_assert_cmpint (signet_crl_get_signature_algorithm (crl), ==, GNUTLS_SIGN_ECDSA_SHA256);
  g_assert_false (signet_crl_has_unknown_critical_extension (crl));
  g_assert_false (signet_crl_is_delta (crl, &base));
  g_assert_null (base);
  g_assert_false (signet_crl_get_idp (crl, NULL, NULL, NULL, NULL, NULL));
  g_assert_null (signet_crl_get_idp_uris (crl));
  g_assert_null (signet_crl_get_freshest_uris (crl));
  g_assert_cmpuint (strlen (signet_crl_get_sha256 (crl)), ==, 64);
  g_assert_true (signet_crl_verify_signature (crl, ca));
  /* Cached answer, same result. */
  g_assert_true (signet_crl_verify_signature (crl, ca));
  g_assert_false (signet_crl_verify_signature (crl, alice));
  g_assert_false (signet_crl_lookup (crl, signet_certificate_get_serial (alice), NULL, NULL));
}

static void
test_entries (void)
{
  g_autoptr (SignetCrl) crl = load_crl ("entries.crl");
  g_autoptr (SignetCertificate) alice = load_cert ("alice.pem");
  g_autoptr (SignetCertificate) bob = load_cert ("bob.pem");
  g_autoptr (SignetCertificate) carol = load_cert ("carol.pem");
  g_autoptr (SignetCertificate) dave = load_cert ("dave.pem");
  g_autoptr (SignetCertificate) frank = load_cert ("frank.pem");
  g_autoptr (GBytes) ff = g_bytes_new_static ("\xff", 1);
  g_autoptr (GBytes) zero_zero_ff = g_bytes_new_static ("\x00\x00\xff", 3);
  g_autoptr (GBytes) negative_one = g_bytes_new_static ("\xff\xff", 2);
  SignetCrlEntry entry;

  g_assert_cmpuint (signet_crl_get_entry_count (crl), ==, 4);
  assert_bytes (signet_crl_get_number (crl), "\x05", 1);

  g_assert_true (signet_crl_lookup (crl, signet_certificate_get_serial (alice), NULL, &entry));
  g_assert_cmpint (entry.reason, ==, SIGNET_CRL_REASON_KEY_COMPROMISE);
  g_assert_cmpint (entry.revocation_time, ==, utc (2021, 6, 1));
  g_assert_cmpint (entry.invalidity_date, ==, -1);
  g_assert_false (entry.has_unknown_critical_extension);

  g_assert_true (signet_crl_lookup (crl, signet_certificate_get_serial (bob), NULL, &entry));
  g_assert_cmpint (entry.reason, ==, SIGNET_CRL_REASON_NONE);
  g_assert_cmpint (entry.revocation_time, ==, utc (2021, 6, 2));

  g_assert_true (signet_crl_lookup (crl, signet_certificate_get_serial (frank), NULL, &entry));
  g_assert_cmpint (entry.reason, ==, SIGNET_CRL_REASON_CERTIFICATE_HOLD);

  /* Serial 255: the certificate encodes 00 ff. Redundant leading octets do
   * not matter, but ff alone is -1, another serial. */
  assert_bytes (signet_certificate_get_serial (carol), "\x00\xff", 2);
  g_assert_true (signet_crl_lookup (crl, signet_certificate_get_serial (carol), NULL, &entry));
  g_assert_cmpint (entry.reason, ==, SIGNET_CRL_REASON_SUPERSEDED);
  g_assert_true (signet_crl_lookup (crl, zero_zero_ff, NULL, NULL));
  g_assert_false (signet_crl_lookup (crl, ff, NULL, NULL));
  g_assert_false (signet_crl_lookup (crl, negative_one, NULL, NULL));

  g_assert_false (signet_crl_lookup (crl, signet_certificate_get_serial (dave), NULL, &entry));
  /* Asking with the CRL issuer's own name is a direct lookup. */
  g_assert_true (signet_crl_lookup (crl, signet_certificate_get_serial (alice),
                                    signet_crl_get_raw_issuer (crl), NULL));
  /* Another issuer's certificate with the same serial is not listed. */
  g_assert_false (signet_crl_lookup (crl, signet_certificate_get_serial (alice),
                                     signet_certificate_get_raw_subject (alice), NULL));
}

static void
test_pem (void)
{
  g_autoptr (SignetCrl) der = load_crl ("entries.crl");
  g_autoptr (SignetCrl) pem = load_crl ("entries.pem");
  g_autofree char *bundle = data_path ("bundle.pem");
  g_autofree char *missing = data_path ("no-such-file.pem");
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) one = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *entries_path = data_path ("entries.crl");

  g_assert_true (g_bytes_equal (signet_crl_get_der (der), signet_crl_get_der (pem)));
  g_assert_cmpstr (signet_crl_get_sha256 (der), ==, signet_crl_get_sha256 (pem));
  g_assert_cmpuint (signet_crl_get_entry_count (pem), ==, 4);

  list = signet_crl_list_from_file (bundle, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpuint (signet_crl_get_entry_count (g_ptr_array_index (list, 0)), ==, 0);
  g_assert_cmpuint (signet_crl_get_entry_count (g_ptr_array_index (list, 1)), ==, 4);
  g_assert_true (signet_crl_get_idp (g_ptr_array_index (list, 2), NULL, NULL, NULL, NULL, NULL));

  one = signet_crl_list_from_file (entries_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one->len, ==, 1);

  g_assert_null (signet_crl_list_from_file (missing, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_IO);
}

static void
test_stale_and_future (void)
{
  g_autoptr (SignetCrl) stale = load_crl ("stale.crl");
  g_autoptr (SignetCrl) future = load_crl ("future.crl");

  g_assert_cmpint (signet_crl_get_next_update (stale), ==, utc (2025, 1, 1));
  g_assert_cmpint (signet_crl_get_this_update (future), ==, utc (2035, 1, 1));
}

static void
test_wrong_key (void)
{
  g_autoptr (SignetCrl) crl = load_crl ("wrongkey.crl");
  g_autoptr (SignetCertificate) ca = load_cert ("ca.pem");
  g_autoptr (SignetCertificate) other = load_cert ("other-ca.pem");
  g_autoptr (SignetCrl) good = load_crl ("entries.crl");

  /* Same issuer name, other key. */
  g_assert_true (g_bytes_equal (signet_crl_get_raw_issuer (crl), signet_crl_get_raw_issuer (good)));
  g_assert_false (signet_crl_verify_signature (crl, ca));
  g_assert_true (signet_crl_verify_signature (crl, other));
  g_assert_false (signet_crl_verify_signature (good, other));
  g_assert_true (signet_crl_verify_signature (good, ca));
}

static void
test_critical_extension (void)
{
  g_autoptr (SignetCrl) crl = load_crl ("critical.crl");

  g_assert_true (signet_crl_has_unknown_critical_extension (crl));
  g_assert_cmpuint (signet_crl_get_entry_count (crl), ==, 4);
}

static void
test_idp (void)
{
  g_autoptr (SignetCrl) crl = load_crl ("idp.crl");
  gboolean user = FALSE, ca = TRUE, attr = TRUE, indirect = TRUE;
  guint reasons = 0;
  const char *const *uris;

  g_assert_true (signet_crl_get_idp (crl, &user, &ca, &attr, &reasons, &indirect));
  g_assert_true (user);
  g_assert_false (ca);
  g_assert_false (attr);
  g_assert_false (indirect);
  g_assert_cmphex (reasons, ==,
                   (1 << SIGNET_CRL_REASON_KEY_COMPROMISE) |
                       (1 << SIGNET_CRL_REASON_CA_COMPROMISE));
  uris = signet_crl_get_idp_uris (crl);
  g_assert_nonnull (uris);
  g_assert_cmpstr (uris[0], ==, "http://crl.example.org/part1.crl");
  g_assert_null (uris[1]);
  g_assert_cmpuint (signet_crl_get_idp_directory_names (crl)->len, ==, 0);
  g_assert_nonnull (signet_crl_get_idp_der (crl));
}

static void
test_delta_and_freshest (void)
{
  g_autoptr (SignetCrl) delta = load_crl ("delta.crl");
  g_autoptr (SignetCrl) freshest = load_crl ("freshest.crl");
  GBytes *base = NULL;
  const char *const *uris;

  g_assert_true (signet_crl_is_delta (delta, &base));
  assert_bytes (base, "\x05", 1);
  assert_bytes (signet_crl_get_number (delta), "\x08", 1);
  /* deltaCRLIndicator is critical and understood. */
  g_assert_false (signet_crl_has_unknown_critical_extension (delta));

  g_assert_false (signet_crl_is_delta (freshest, NULL));
  uris = signet_crl_get_freshest_uris (freshest);
  g_assert_nonnull (uris);
  g_assert_cmpstr (uris[0], ==, "http://crl.example.org/delta.crl");
  g_assert_null (uris[1]);
}

static void
expect_parse_error (const void *data, gsize len)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, len);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCrl) crl = signet_crl_new_from_bytes (bytes, &error);

  g_assert_null (crl);
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
}

static void
test_garbage (void)
{
  static const char pem_only[] = "-----BEGIN X509 CRL-----\nAAAA\n";
  static const char pem_bad[] = "-----BEGIN X509 CRL-----\n!!!!\n-----END X509 CRL-----\n";
  static const guint8 indefinite[] = { 0x30, 0x80, 0x30, 0x00, 0x00, 0x00 };
  static const guint8 empty_seq[] = { 0x30, 0x00 };
  static const guint8 huge_len[] = { 0x30, 0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
  g_autoptr (GBytes) entries = load_bytes ("crl", "entries.crl");
  g_autoptr (GBytes) cert = load_bytes ("crl", "ca.pem");
  g_autoptr (GByteArray) trailing = g_byte_array_new ();

  expect_parse_error ("", 0);
  expect_parse_error ("hello world", 11);
  expect_parse_error (pem_only, sizeof pem_only - 1);
  expect_parse_error (pem_bad, sizeof pem_bad - 1);
  expect_parse_error (indefinite, sizeof indefinite);
  expect_parse_error (empty_seq, sizeof empty_seq);
  expect_parse_error (huge_len, sizeof huge_len);
  /* A certificate is not a CRL. */
  expect_parse_error (g_bytes_get_data (cert, NULL), g_bytes_get_size (cert));
  /* Trailing bytes after the CertificateList. */
  g_byte_array_append (trailing, g_bytes_get_data (entries, NULL), g_bytes_get_size (entries));
  g_byte_array_append (trailing, (const guint8 *) "\x00", 1);
  expect_parse_error (trailing->data, trailing->len);
}

static void
test_truncation (void)
{
  g_autoptr (GBytes) der = load_bytes ("crl", "entries.crl");
  gsize len = g_bytes_get_size (der);

  for (gsize n = 0; n < len; n++)
    {
      /* A fresh copy of exactly n bytes, so that ASan sees any over-read. */
      g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (der, NULL), len);
      g_autoptr (GBytes) prefix = g_bytes_new_take (g_steal_pointer (&copy), n);
      g_autoptr (GError) error = NULL;
      g_autoptr (SignetCrl) crl = signet_crl_new_from_der (prefix, &error);

      g_assert_null (crl);
      g_assert_nonnull (error);
    }
}

static void
test_byte_flips (void)
{
  const char *files[] = { "entries.crl", "idp.crl", "delta.crl", "freshest.crl" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (20300101);
  g_autoptr (GBytes) serial = g_bytes_new_static ("\x10", 1);
  guint parsed = 0, rejected = 0;

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr (GBytes) der = load_bytes ("crl", files[f]);
      gsize len = g_bytes_get_size (der);

      for (guint round = 0; round < 1000; round++)
        {
          guint8 *copy = g_memdup2 (g_bytes_get_data (der, NULL), len);
          g_autoptr (GBytes) mutated = NULL;
          g_autoptr (GError) error = NULL;
          g_autoptr (SignetCrl) crl = NULL;
          guint flips = g_rand_int_range (rand, 1, 4);

          for (guint i = 0; i < flips; i++)
            copy[g_rand_int_range (rand, 0, (gint32) len)] ^=
                (guint8) g_rand_int_range (rand, 1, 256);
          mutated = g_bytes_new_take (copy, len);
          crl = signet_crl_new_from_der (mutated, &error);
          if (crl == NULL)
            {
              g_assert_nonnull (error);
              rejected++;
              continue;
            }
          parsed++;
          /* Whatever parsed must be usable without crashing. */
          signet_crl_lookup (crl, serial, NULL, NULL);
          signet_crl_lookup (crl, serial, signet_crl_get_raw_issuer (crl), NULL);
          signet_crl_get_idp (crl, NULL, NULL, NULL, NULL, NULL);
          g_assert_nonnull (signet_crl_get_issuer (crl));
        }
    }
  g_test_message ("byte flips: %u parsed, %u rejected", parsed, rejected);
  g_assert_cmpuint (rejected, >, 0);
  g_assert_cmpuint (parsed, >, 0);
}

/* ---- DER built by hand ------------------------------------------------- */

static void
put_tlv (GByteArray *out, guint8 tag, const guint8 *data, gsize len)
{
  guint8 hdr[6];
  guint n = 0;

  hdr[n++] = tag;
  if (len < 0x80)
    hdr[n++] = (guint8) len;
  else if (len < 0x100)
    hdr[n++] = 0x81, hdr[n++] = (guint8) len;
  else if (len < 0x10000)
    hdr[n++] = 0x82, hdr[n++] = (guint8) (len >> 8), hdr[n++] = (guint8) len;
  else
    hdr[n++] = 0x84, hdr[n++] = (guint8) (len >> 24), hdr[n++] = (guint8) (len >> 16),
    hdr[n++] = (guint8) (len >> 8), hdr[n++] = (guint8) len;
  g_byte_array_append (out, hdr, n);
  g_byte_array_append (out, data, (guint) len);
}

static void
put_wrapped (GByteArray *out, guint8 tag, GByteArray *inner)
{
  put_tlv (out, tag, inner->data, inner->len);
}

static GByteArray *
make_name (const char *cn)
{
  g_autoptr (GByteArray) atv = g_byte_array_new ();
  g_autoptr (GByteArray) rdn = g_byte_array_new ();
  GByteArray *name = g_byte_array_new ();

  put_tlv (atv, 0x06, (const guint8 *) "\x55\x04\x03", 3);
  put_tlv (atv, 0x0c, (const guint8 *) cn, strlen (cn));
  put_wrapped (rdn, 0x30, atv);
  g_byte_array_set_size (atv, 0);
  put_wrapped (atv, 0x31, rdn);
  put_wrapped (name, 0x30, atv);
  return name;
}

/* An extension SEQUENCE { oid, [critical], OCTET STRING { value } }. */
static void
put_extension (GByteArray *out,
               const guint8 *oid,
               gsize oid_len,
               gboolean critical,
               const guint8 *value,
               gsize value_len)
{
  g_autoptr (GByteArray) ext = g_byte_array_new ();

  put_tlv (ext, 0x06, oid, oid_len);
  if (critical)
    put_tlv (ext, 0x01, (const guint8 *) "\xff", 1);
  put_tlv (ext, 0x04, value, value_len);
  put_wrapped (out, 0x30, ext);
}

/* A CertificateList of @n entries (serials 1..n, each with a reasonCode),
 * signed with garbage. Every 1000th entry from @indirect_from on carries a
 * certificateIssuer naming "Other CA" (so entries from there on belong to
 * it); @indirect_from = 0 means none. */
static GBytes *
build_crl (guint n, guint indirect_from, gboolean critical_entry_ext)
{
  g_autoptr (GByteArray) entries = g_byte_array_sized_new (n * 40 + 16);
  g_autoptr (GByteArray) list = g_byte_array_sized_new (n * 40 + 16);
  g_autoptr (GByteArray) tbs_inner = g_byte_array_sized_new (n * 40 + 256);
  g_autoptr (GByteArray) tbs = g_byte_array_sized_new (n * 40 + 256);
  g_autoptr (GByteArray) crl_inner = g_byte_array_sized_new (n * 40 + 256);
  g_autoptr (GByteArray) alg = g_byte_array_new ();
  g_autoptr (GByteArray) issuer = make_name ("Big CA");
  g_autoptr (GByteArray) other = make_name ("Other CA");
  g_autoptr (GByteArray) gn = g_byte_array_new ();
  g_autoptr (GByteArray) gns = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  static const char when[] = "210101000000Z";

  /* certificateIssuer value: GeneralNames { [4] { Name } } */
  put_wrapped (gn, 0xa4, other);
  put_wrapped (gns, 0x30, gn);

  for (guint i = 1; i <= n; i++)
    {
      guint8 serial[5] = { (guint8) (i >> 24), (guint8) (i >> 16), (guint8) (i >> 8), (guint8) i };
      guint8 reason[3] = { 0x0a, 0x01, (guint8) (i % 6) };
      guint off = 0;
      g_autoptr (GByteArray) entry = g_byte_array_new ();
      g_autoptr (GByteArray) exts = g_byte_array_new ();

      while (off < 3 && serial[off] == 0 && !(serial[off + 1] & 0x80))
        off++;
      put_tlv (entry, 0x02, serial + off, 4 - off);
      put_tlv (entry, 0x17, (const guint8 *) when, 13);
      put_extension (exts, (const guint8 *) "\x55\x1d\x15", 3, FALSE, reason, 3);
      if (indirect_from != 0 && i >= indirect_from && i % 1000 == 0)
        put_extension (exts, (const guint8 *) "\x55\x1d\x1d", 3, TRUE, gns->data, gns->len);
      if (critical_entry_ext && i == n)
        put_extension (exts, (const guint8 *) "\x2a\x03\x04", 3, TRUE, (const guint8 *) "\x05\x00",
                       2);
      put_wrapped (entry, 0x30, exts);
      put_wrapped (entries, 0x30, entry);
    }
  put_wrapped (list, 0x30, entries);

  /* ecdsa-with-SHA256 */
  put_tlv (alg, 0x06, (const guint8 *) "\x2a\x86\x48\xce\x3d\x04\x03\x02", 8);
  g_byte_array_set_size (gn, 0);
  put_wrapped (gn, 0x30, alg);

  put_tlv (tbs_inner, 0x02, (const guint8 *) "\x01", 1);
  g_byte_array_append (tbs_inner, gn->data, gn->len);
  g_byte_array_append (tbs_inner, issuer->data, issuer->len);
  put_tlv (tbs_inner, 0x17, (const guint8 *) "200101000000Z", 13);
  put_tlv (tbs_inner, 0x18, (const guint8 *) "20400101000000Z", 15);
  if (n > 0)
    g_byte_array_append (tbs_inner, list->data, list->len);
  put_wrapped (tbs, 0x30, tbs_inner);

  g_byte_array_append (crl_inner, tbs->data, tbs->len);
  g_byte_array_append (crl_inner, gn->data, gn->len);
  put_tlv (crl_inner, 0x03, (const guint8 *) "\x00\x01\x02\x03", 4);
  put_wrapped (out, 0x30, crl_inner);
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
serial_bytes (guint i)
{
  guint8 s[4] = { (guint8) (i >> 24), (guint8) (i >> 16), (guint8) (i >> 8), (guint8) i };

  return g_bytes_new (s, 4);
}

static void
test_built (void)
{
  g_autoptr (GBytes) der = build_crl (5000, 0, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCrl) crl = signet_crl_new_from_der (der, &error);
  SignetCrlEntry entry;

  g_assert_no_error (error);
  g_assert_cmpuint (signet_crl_get_entry_count (crl), ==, 5000);
  g_assert_cmpstr (signet_crl_get_issuer_display_name (crl), ==, "Big CA");
  g_assert_false (signet_crl_has_unknown_critical_extension (crl));
  for (guint i = 1; i <= 5000; i++)
    {
      g_autoptr (GBytes) s = serial_bytes (i);

      g_assert_true (signet_crl_lookup (crl, s, NULL, &entry));
      g_assert_cmpint (entry.reason, ==, (int) (i % 6));
      g_assert_cmpint (entry.revocation_time, ==, utc (2021, 1, 1));
    }
  for (guint i = 5001; i <= 6000; i++)
    {
      g_autoptr (GBytes) s = serial_bytes (i);

      g_assert_false (signet_crl_lookup (crl, s, NULL, NULL));
    }
}

static void
test_indirect_entries (void)
{
  g_autoptr (GBytes) der = build_crl (5000, 3000, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCrl) crl = signet_crl_new_from_der (der, &error);
  g_autoptr (GByteArray) other = make_name ("Other CA");
  g_autoptr (GBytes) other_name = g_bytes_new (other->data, other->len);
  g_autoptr (GByteArray) third = make_name ("Third CA");
  g_autoptr (GBytes) third_name = g_bytes_new (third->data, third->len);
  SignetCrlEntry entry;

  g_assert_no_error (error);
  /* The last entry has an unknown critical extension. */
  g_assert_true (signet_crl_has_unknown_critical_extension (crl));
  for (guint i = 1; i <= 5000; i++)
    {
      g_autoptr (GBytes) s = serial_bytes (i);
      gboolean of_other = i >= 3000;

      g_assert_cmpint (signet_crl_lookup (crl, s, NULL, NULL), ==, !of_other);
      g_assert_cmpint (signet_crl_lookup (crl, s, other_name, &entry), ==, of_other);
      if (of_other)
        g_assert_cmpint (entry.has_unknown_critical_extension, ==, i == 5000);
      g_assert_false (signet_crl_lookup (crl, s, third_name, NULL));
    }
}

static void
test_pkits_all (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "pkits", "crls", NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint parsed = 0, failed = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) list = signet_crl_list_from_file (path, &error);
      gboolean expect_critical = g_str_equal (name, "UnknownCRLEntryExtensionCACRL.crl") ||
                                 g_str_equal (name, "UnknownCRLExtensionCACRL.crl");

      if (list == NULL)
        {
          g_test_message ("%s: %s", name, error->message);
          failed++;
          continue;
        }
      parsed++;
      g_assert_cmpuint (list->len, ==, 1);
      g_assert_cmpint (signet_crl_has_unknown_critical_extension (g_ptr_array_index (list, 0)), ==,
                       expect_critical);
    }
  g_assert_cmpuint (parsed, ==, 173);
  g_assert_cmpuint (failed, ==, 0);
}

static void
test_pkits_details (void)
{
  struct
  {
    const char *crl;
    const char *serial;
    gsize serial_len;
    SignetCrlReason reason;
  } cases[] = {
    /* InvalidNegativeSerialNumberTest15EE has serial -1 (ff). */
    { "NegativeSerialNumberCACRL.crl", "\xff", 1, SIGNET_CRL_REASON_KEY_COMPROMISE },
    /* InvalidLongSerialNumberTest18EE: 20 octets. */
    { "LongSerialNumberCACRL.crl",
      "\x7f\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13", 20,
      SIGNET_CRL_REASON_KEY_COMPROMISE },
    /* InvalidRevokedEETest3EE: serial 15 on GoodCACRL. */
    { "GoodCACRL.crl", "\x0f", 1, SIGNET_CRL_REASON_KEY_COMPROMISE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) der = load_bytes ("pkits/crls", cases[i].crl);
      g_autoptr (GError) error = NULL;
      g_autoptr (SignetCrl) crl = signet_crl_new_from_der (der, &error);
      g_autoptr (GBytes) serial = g_bytes_new_static (cases[i].serial, cases[i].serial_len);
      SignetCrlEntry entry;

      g_assert_no_error (error);
      g_assert_true (signet_crl_lookup (crl, serial, NULL, &entry));
      g_assert_cmpint (entry.reason, ==, cases[i].reason);
    }
}

static gint64
resident_kib (void)
{
  g_autofree char *statm = NULL;
  g_auto (GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return 0;
  fields = g_strsplit (statm, " ", 3);
  return g_ascii_strtoll (fields[1], NULL, 10) * (sysconf (_SC_PAGESIZE) / 1024);
}

/* Not a timed test: with -m perf, prints how long a big CRL takes. */
static void
test_perf_million (void)
{
  g_autoptr (GBytes) der = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCrl) crl = NULL;
  gint64 t0, t1, t2;
  gint64 rss0, rss1;
  guint n = 1000000;

  if (!g_test_perf ())
    {
      g_test_skip ("run with -m perf");
      return;
    }
  der = build_crl (n, 0, FALSE);
  rss0 = resident_kib ();
  t0 = g_get_monotonic_time ();
  crl = signet_crl_new_from_der (der, &error);
  t1 = g_get_monotonic_time ();
  rss1 = resident_kib ();
  g_assert_no_error (error);
  g_assert_cmpuint (signet_crl_get_entry_count (crl), ==, n);
  for (guint i = 1; i <= n; i++)
    {
      g_autoptr (GBytes) s = serial_bytes (i);

      g_assert_true (signet_crl_lookup (crl, s, NULL, NULL));
    }
  t2 = g_get_monotonic_time ();
  g_test_minimized_result ((t1 - t0) / 1e6,
                           "parse of %u entries (%" G_GSIZE_FORMAT " bytes): %.3f s", n,
                           g_bytes_get_size (der), (t1 - t0) / 1e6);
  g_test_message ("%u lookups: %.3f s", n, (t2 - t1) / 1e6);
  g_test_message ("memory added by the parse (index + entries, DER not counted): %.1f MiB",
                  (rss1 - rss0) / 1024.0);
}

/* Hardening regression: an md5WithRSAEncryption CRL must not verify (it
 * did: the signature check allowed MD5), while the same list signed with
 * SHA-256 by the same key does. Both are built here, signed with root-ca's
 * key (DigestInfo made by hand, since GnuTLS refuses to sign with MD5). */
static SignetCertificate *
load_pki_root (void)
{
  g_autoptr (GBytes) data = load_bytes ("pki", "root-ca.pem");
  g_autoptr (GError) error = NULL;
  SignetCertificate *cert = signet_certificate_new_from_bytes (data, &error);

  g_assert_no_error (error);
  return cert;
}

static GBytes *
sign_crl_tbs (gnutls_privkey_t key, gboolean md5)
{
  static const guint8 md5_rsa[] = { 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                    0x0d, 0x01, 0x01, 0x04, 0x05, 0x00 };
  static const guint8 sha256_rsa[] = { 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                       0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00 };
  static const guint8 md5_prefix[] = { 0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48,
                                       0x86, 0xf7, 0x0d, 0x02, 0x05, 0x05, 0x00, 0x04, 0x10 };
  static const char this_update[] = "290101000000Z";
  static const char next_update[] = "440101000000Z";
  const guint8 *alg = md5 ? md5_rsa : sha256_rsa;
  g_autoptr (SignetCertificate) root = load_pki_root ();
  GBytes *subject = signet_certificate_get_raw_subject (root);
  g_autoptr (GByteArray) tbs = g_byte_array_new ();
  g_autoptr (GByteArray) body = g_byte_array_new ();
  GByteArray *crl = g_byte_array_new ();
  gnutls_datum_t sig = { NULL, 0 };
  guint8 hdr[4];
  guint8 zero = 0;

  /* TBSCertList: version v2, signature, issuer, thisUpdate, nextUpdate. */
  g_byte_array_append (tbs, (const guint8 *) "\x02\x01\x01", 3);
  g_byte_array_append (tbs, alg, 15);
  g_byte_array_append (tbs, g_bytes_get_data (subject, NULL), (guint) g_bytes_get_size (subject));
  g_byte_array_append (tbs, (const guint8 *) "\x17\x0d", 2);
  g_byte_array_append (tbs, (const guint8 *) this_update, 13);
  g_byte_array_append (tbs, (const guint8 *) "\x17\x0d", 2);
  g_byte_array_append (tbs, (const guint8 *) next_update, 13);
  g_assert_cmpuint (tbs->len, <, 0x10000);
  hdr[0] = 0x30;
  hdr[1] = 0x82;
  hdr[2] = (guint8) (tbs->len >> 8);
  hdr[3] = (guint8) tbs->len;
  g_byte_array_prepend (tbs, hdr, 4);

  if (md5)
    {
      guint8 digest[16];
      g_autoptr (GByteArray) info = g_byte_array_new ();
      gnutls_datum_t d;

      g_assert_cmpint (gnutls_hash_fast (GNUTLS_DIG_MD5, tbs->data, tbs->len, digest), ==, 0);
      g_byte_array_append (info, md5_prefix, sizeof md5_prefix);
      g_byte_array_append (info, digest, sizeof digest);
      d.data = info->data;
      d.size = info->len;
      g_assert_cmpint (gnutls_privkey_sign_hash (key, GNUTLS_DIG_MD5,
                                                 GNUTLS_PRIVKEY_SIGN_FLAG_TLS1_RSA, &d, &sig),
                       ==, 0);
    }
  else
    {
      gnutls_datum_t d = { tbs->data, tbs->len };

      g_assert_cmpint (gnutls_privkey_sign_data2 (key, GNUTLS_SIGN_RSA_SHA256, 0, &d, &sig), ==, 0);
    }

  g_byte_array_append (body, tbs->data, tbs->len);
  g_byte_array_append (body, alg, 15);
  g_assert_cmpuint (sig.size, ==, 256);
  g_byte_array_append (body, (const guint8 *) "\x03\x82\x01\x01", 4);
  g_byte_array_append (body, &zero, 1);
  g_byte_array_append (body, sig.data, sig.size);
  gnutls_free (sig.data);
  hdr[2] = (guint8) (body->len >> 8);
  hdr[3] = (guint8) body->len;
  g_byte_array_append (crl, hdr, 4);
  g_byte_array_append (crl, body->data, body->len);
  return g_byte_array_free_to_bytes (crl);
}

static void
test_md5_signature (void)
{
  g_autoptr (GBytes) key_pem = load_bytes ("pki", "root-ca.key");
  g_autoptr (SignetCertificate) root = load_pki_root ();
  gnutls_datum_t d = { (unsigned char *) g_bytes_get_data (key_pem, NULL),
                       (unsigned int) g_bytes_get_size (key_pem) };
  gnutls_privkey_t key;

  g_assert_cmpint (gnutls_privkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_privkey_import_x509_raw (key, &d, GNUTLS_X509_FMT_PEM, NULL, 0), ==, 0);
  for (guint md5 = 0; md5 < 2; md5++)
    {
      g_autoptr (GBytes) der = sign_crl_tbs (key, md5);
      g_autoptr (GError) error = NULL;
      g_autoptr (SignetCrl) crl = signet_crl_new_from_der (der, &error);

      g_assert_no_error (error);
      g_assert_cmpint (signet_crl_get_signature_algorithm (crl), ==,
                       md5 ? GNUTLS_SIGN_RSA_MD5 : GNUTLS_SIGN_RSA_SHA256);
      if (md5)
        g_assert_false (signet_crl_verify_signature (crl, root));
      else
        g_assert_true (signet_crl_verify_signature (crl, root));
    }
  gnutls_privkey_deinit (key);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signet_init ();

  g_test_add_func ("/signet/crl/empty", test_empty);
  g_test_add_func ("/signet/crl/entries", test_entries);
  g_test_add_func ("/signet/crl/pem", test_pem);
  g_test_add_func ("/signet/crl/stale-and-future", test_stale_and_future);
  g_test_add_func ("/signet/crl/wrong-key", test_wrong_key);
  g_test_add_func ("/signet/crl/critical-extension", test_critical_extension);
  g_test_add_func ("/signet/crl/idp", test_idp);
  g_test_add_func ("/signet/crl/delta-and-freshest", test_delta_and_freshest);
  g_test_add_func ("/signet/crl/garbage", test_garbage);
  g_test_add_func ("/signet/crl/truncation", test_truncation);
  g_test_add_func ("/signet/crl/byte-flips", test_byte_flips);
  g_test_add_func ("/signet/crl/built", test_built);
  g_test_add_func ("/signet/crl/indirect-entries", test_indirect_entries);
  g_test_add_func ("/signet/crl/pkits-all", test_pkits_all);
  g_test_add_func ("/signet/crl/pkits-details", test_pkits_details);
  g_test_add_func ("/signet/crl/perf-million", test_perf_million);
  g_test_add_func ("/signet/crl/md5-signature", test_md5_signature);

  return g_test_run ();
}
