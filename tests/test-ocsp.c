/* test-ocsp.c: OCSP requests and the judgement of OCSP responses.
 *
 * Fixtures: tests/data/ocsp/generate.sh (openssl ocsp responses).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <gnutls/ocsp.h>

#include "signet-error.h"
#include "signet-init.h"
#include "signet-ocsp.h"

#define NOW_2030 G_GINT64_CONSTANT (1893456000)  /* 2030-01-01T00:00:00Z */
#define TIME_2024 G_GINT64_CONSTANT (1704067200) /* 2024-01-01T00:00:00Z */
#define TIME_2020 G_GINT64_CONSTANT (1577836800) /* 2020-01-01T00:00:00Z */

static GBytes *
load (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ocsp", file, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static SignetCertificate *
load_cert (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".pem", NULL);
  g_autoptr (GBytes) data = load (file);
  g_autoptr (GError) error = NULL;
  SignetCertificate *cert = signet_certificate_new_from_bytes (data, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cert);
  return cert;
}

/* Judges fixture @response for @cert_name issued by @issuer_name at @now. */
static void
check (const char *response,
       const char *cert_name,
       const char *issuer_name,
       GBytes *nonce,
       gint64 now,
       SignetOcspResult *result)
{
  g_autoptr (GBytes) der = load (response);
  g_autoptr (SignetCertificate) cert = load_cert (cert_name);
  g_autoptr (SignetCertificate) issuer = load_cert (issuer_name);
  g_autoptr (GError) error = NULL;
  gboolean ok;

  ok = signet_ocsp_check_response (der, cert, issuer, nonce, now, result, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
assert_error (const SignetOcspResult *result, SignetOcspProblem problem)
{
  g_assert_cmpstr (signet_ocsp_cert_status_to_string (result->status), ==, "error");
  g_assert_cmpstr (signet_ocsp_problem_to_string (result->problem), ==,
                   signet_ocsp_problem_to_string (problem));
  g_assert_cmpint (result->revocation_time, ==, -1);
}

static GBytes *
nonce_of_request (const char *file)
{
  g_autoptr (GBytes) der = load (file);
  gnutls_ocsp_req_t req = NULL;
  gnutls_datum_t d = { (unsigned char *) g_bytes_get_data (der, NULL),
                       (unsigned int) g_bytes_get_size (der) };
  gnutls_datum_t nonce = { NULL, 0 };
  GBytes *out;

  g_assert_cmpint (gnutls_ocsp_req_init (&req), ==, 0);
  g_assert_cmpint (gnutls_ocsp_req_import (req, &d), ==, 0);
  g_assert_cmpint (gnutls_ocsp_req_get_nonce (req, NULL, &nonce), ==, 0);
  out = g_bytes_new (nonce.data, nonce.size);
  gnutls_free (nonce.data);
  gnutls_ocsp_req_deinit (req);
  return out;
}

static void
test_request (void)
{
  g_autoptr (SignetCertificate) leaf = load_cert ("leaf");
  g_autoptr (SignetCertificate) ca = load_cert ("ca");
  g_autoptr (GBytes) openssl_req = load ("req-leaf.der");
  g_autoptr (GBytes) plain = NULL;
  g_autoptr (GBytes) plain_nonce = NULL;
  g_autoptr (GBytes) with1 = NULL;
  g_autoptr (GBytes) with2 = NULL;
  g_autoptr (GBytes) nonce1 = NULL;
  g_autoptr (GBytes) nonce2 = NULL;
  g_autoptr (GError) error = NULL;

  /* Without a nonce: exactly what openssl asks for the same pair. */
  plain = signet_ocsp_build_request (leaf, ca, FALSE, &plain_nonce, &error);
  g_assert_no_error (error);
  g_assert_null (plain_nonce);
  g_assert_true (g_bytes_equal (plain, openssl_req));

  /* With a nonce: random, and given back to the caller. */
  with1 = signet_ocsp_build_request (leaf, ca, TRUE, &nonce1, &error);
  g_assert_no_error (error);
  with2 = signet_ocsp_build_request (leaf, ca, TRUE, &nonce2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (nonce1);
  g_assert_cmpuint (g_bytes_get_size (nonce1), >=, 16);
  g_assert_cmpuint (g_bytes_get_size (nonce1), <=, 32);
  g_assert_false (g_bytes_equal (nonce1, nonce2));
  g_assert_false (g_bytes_equal (with1, with2));
  g_assert_cmpuint (g_bytes_get_size (with1), >, g_bytes_get_size (plain));
}

static void
test_good (void)
{
  SignetOcspResult r;

  /* Delegated responder (id-kp-OCSPSigning, issued by the CA). */
  check ("good.der", "leaf", "ca", NULL, NOW_2030, &r);
  g_assert_cmpint (r.status, ==, SIGNET_OCSP_CERT_GOOD);
  g_assert_cmpint (r.problem, ==, SIGNET_OCSP_PROBLEM_NONE);
  g_assert_cmpint (r.response_status, ==, SIGNET_OCSP_RESPONSE_SUCCESSFUL);
  g_assert_cmpint (r.this_update, >, TIME_2024);
  g_assert_cmpint (r.this_update, <, NOW_2030);
  g_assert_cmpint (r.next_update, >, NOW_2030);
  g_assert_cmpint (r.produced_at, >, TIME_2024);
  g_assert_cmpint (r.revocation_time, ==, -1);
  g_assert_cmpint (r.reason, ==, SIGNET_CRL_REASON_NONE);
  g_assert_false (r.nonce_matched);

  /* Signed by the issuer itself. */
  check ("good-direct.der", "leaf", "ca", NULL, NOW_2030, &r);
  g_assert_cmpint (r.status, ==, SIGNET_OCSP_CERT_GOOD);
}

static void
test_revoked (void)
{
  SignetOcspResult r;

  check ("revoked.der", "revoked", "ca", NULL, NOW_2030, &r);
  g_assert_cmpstr (signet_ocsp_cert_status_to_string (r.status), ==, "revoked");
  g_assert_cmpint (r.revocation_time, ==, TIME_2024);
  g_assert_cmpint (r.reason, ==, SIGNET_CRL_REASON_KEY_COMPROMISE);
  g_assert_cmpint (r.next_update, >, NOW_2030);
}

static void
test_unknown (void)
{
  SignetOcspResult r;

  check ("unknown.der", "stranger", "ca", NULL, NOW_2030, &r);
  g_assert_cmpstr (signet_ocsp_cert_status_to_string (r.status), ==, "unknown");
  g_assert_cmpint (r.problem, ==, SIGNET_OCSP_PROBLEM_NONE);
}

static void
test_responder_status (void)
{
  /* OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED }, no responseBytes. */
  static const guint8 try_later[] = { 0x30, 0x03, 0x0a, 0x01, 0x03 };
  static const guint8 malformed[] = { 0x30, 0x03, 0x0a, 0x01, 0x01 };
  static const guint8 unauthorized[] = { 0x30, 0x03, 0x0a, 0x01, 0x06 };
  struct
  {
    const guint8 *der;
    SignetOcspResponseStatus status;
    const char *name;
  } cases[] = {
    { try_later, SIGNET_OCSP_RESPONSE_TRY_LATER, "tryLater" },
    { malformed, SIGNET_OCSP_RESPONSE_MALFORMED_REQUEST, "malformedRequest" },
    { unauthorized, SIGNET_OCSP_RESPONSE_UNAUTHORIZED, "unauthorized" },
  };
  g_autoptr (SignetCertificate) leaf = load_cert ("leaf");
  g_autoptr (SignetCertificate) ca = load_cert ("ca");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) der = g_bytes_new_static (cases[i].der, 5);
      g_autoptr (GError) error = NULL;
      SignetOcspResult r;

      g_assert_true (signet_ocsp_check_response (der, leaf, ca, NULL, NOW_2030, &r, &error));
      g_assert_no_error (error);
      assert_error (&r, SIGNET_OCSP_PROBLEM_RESPONDER_STATUS);
      g_assert_cmpint (r.response_status, ==, cases[i].status);
      g_assert_cmpstr (signet_ocsp_response_status_to_string (r.response_status), ==,
                       cases[i].name);
    }
}

static void
test_unauthorised (void)
{
  SignetOcspResult r;

  /* Issued by the CA, but without id-kp-OCSPSigning. */
  check ("noeku.der", "leaf", "ca", NULL, NOW_2030, &r);
  assert_error (&r, SIGNET_OCSP_PROBLEM_SIGNATURE);
  g_assert_cmpuint (r.signer_status, !=, 0);

  /* A self-signed key that calls itself the CA, with id-kp-OCSPSigning. */
  check ("rogue.der", "leaf", "ca", NULL, NOW_2030, &r);
  assert_error (&r, SIGNET_OCSP_PROBLEM_SIGNATURE);
  g_assert_cmpuint (r.signer_status, !=, 0);
}

static void
test_freshness (void)
{
  SignetOcspResult r;
  gint64 this_update;

  /* nextUpdate one minute after thisUpdate: fine then, stale in 2030. */
  check ("stale.der", "leaf", "ca", NULL, NOW_2030, &r);
  assert_error (&r, SIGNET_OCSP_PROBLEM_STALE);
  g_assert_cmpint (r.next_update, <, NOW_2030);
  g_assert_cmpint (r.next_update, ==, r.this_update + 60);
  this_update = r.this_update;
  check ("stale.der", "leaf", "ca", NULL, this_update + 30, &r);
  g_assert_cmpint (r.status, ==, SIGNET_OCSP_CERT_GOOD);
  /* Within the clock skew after nextUpdate, still accepted; past it, not. */
  check ("stale.der", "leaf", "ca", NULL, this_update + 60 + SIGNET_OCSP_CLOCK_SKEW, &r);
  g_assert_cmpint (r.status, ==, SIGNET_OCSP_CERT_GOOD);
  check ("stale.der", "leaf", "ca", NULL, this_update + 60 + SIGNET_OCSP_CLOCK_SKEW + 1, &r);
  assert_error (&r, SIGNET_OCSP_PROBLEM_STALE);

  /* Produced after the validation time (beyond the skew). */
  check ("good.der", "leaf", "ca", NULL, TIME_2020, &r);
  assert_error (&r, SIGNET_OCSP_PROBLEM_NOT_YET_VALID);
  check ("good.der", "leaf", "ca", NULL, this_update - SIGNET_OCSP_CLOCK_SKEW + 5, &r);
  g_assert_cmpint (r.status, ==, SIGNET_OCSP_CERT_GOOD);

  /* No nextUpdate: accepted for SIGNET_OCSP_MAX_AGE_WITHOUT_NEXT_UPDATE. */
  check ("no-next-update.der", "leaf", "ca", NULL, NOW_2030, &r);
  assert_error (&r, SIGNET_OCSP_PROBLEM_STALE);
  g_assert_cmpint (r.next_update, ==, -1);
  this_update = r.this_update;
  check ("no-next-update.der", "leaf", "ca", NULL, this_update + 24 * 3600, &r);
  g_assert_cmpint (r.status, ==, SIGNET_OCSP_CERT_GOOD);
  g_assert_cmpint (r.next_update, ==, -1);
  check ("no-next-update.der", "leaf", "ca", NULL,
         this_update + SIGNET_OCSP_MAX_AGE_WITHOUT_NEXT_UPDATE + 1, &r);
  assert_error (&r, SIGNET_OCSP_PROBLEM_STALE);
}

static void
test_nonce (void)
{
  g_autoptr (GBytes) ours = nonce_of_request ("req-leaf-nonce.der");
  g_autoptr (GBytes) wrong = NULL;
  g_autofree guint8 *flipped = NULL;
  gsize len = 0;
  SignetOcspResult r;

  /* The response echoes our nonce. */
  check ("good-nonce.der", "leaf", "ca", ours, NOW_2030, &r);
  g_assert_cmpint (r.status, ==, SIGNET_OCSP_CERT_GOOD);
  g_assert_true (r.nonce_matched);

  /* It echoes another one: a replayed response. */
  flipped = g_memdup2 (g_bytes_get_data (ours, &len), g_bytes_get_size (ours));
  flipped[len - 1] ^= 0x01;
  wrong = g_bytes_new (flipped, len);
  check ("good-nonce.der", "leaf", "ca", wrong, NOW_2030, &r);
  assert_error (&r, SIGNET_OCSP_PROBLEM_NONCE);

  /* No nonce asked: nothing to compare. */
  check ("good-nonce.der", "leaf", "ca", NULL, NOW_2030, &r);
  g_assert_cmpint (r.status, ==, SIGNET_OCSP_CERT_GOOD);
  g_assert_false (r.nonce_matched);

  /* A responder that does not echo nonces (common): accepted, not matched. */
  check ("good.der", "leaf", "ca", ours, NOW_2030, &r);
  g_assert_cmpint (r.status, ==, SIGNET_OCSP_CERT_GOOD);
  g_assert_false (r.nonce_matched);
}

static void
test_other_certificate (void)
{
  SignetOcspResult r;

  /* A good response about leaf (serial 0x2001) does not speak for revoked. */
  check ("good.der", "revoked", "ca", NULL, NOW_2030, &r);
  assert_error (&r, SIGNET_OCSP_PROBLEM_NO_MATCH);

  /* Same serial, same issuer name, other issuer key: issuerKeyHash differs. */
  check ("twin.der", "twin", "twin-ca", NULL, NOW_2030, &r);
  g_assert_cmpint (r.status, ==, SIGNET_OCSP_CERT_GOOD);
  check ("twin.der", "leaf", "ca", NULL, NOW_2030, &r);
  assert_error (&r, SIGNET_OCSP_PROBLEM_NO_MATCH);
  check ("good.der", "leaf", "twin-ca", NULL, NOW_2030, &r);
  assert_error (&r, SIGNET_OCSP_PROBLEM_NO_MATCH);
}

static void
test_malformed (void)
{
  g_autoptr (SignetCertificate) leaf = load_cert ("leaf");
  g_autoptr (SignetCertificate) ca = load_cert ("ca");
  g_autoptr (GBytes) good = load ("good.der");
  g_autoptr (GBytes) garbage = g_bytes_new_static ("<html>Not found</html>", 22);
  g_autoptr (GBytes) truncated = g_bytes_new_from_bytes (good, 0, g_bytes_get_size (good) / 2);
  g_autofree guint8 *huge = g_malloc0 (SIGNET_OCSP_MAX_RESPONSE_SIZE + 1);
  g_autoptr (GBytes) too_large = g_bytes_new (huge, SIGNET_OCSP_MAX_RESPONSE_SIZE + 1);
  GBytes *parse_cases[] = { garbage, truncated };
  SignetOcspResult r;

  for (gsize i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (
          signet_ocsp_check_response (parse_cases[i], leaf, ca, NULL, NOW_2030, &r, &error));
      g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
      g_assert_cmpint (r.status, ==, SIGNET_OCSP_CERT_ERROR);
    }

  {
    g_autoptr (GError) error = NULL;

    g_assert_false (signet_ocsp_check_response (too_large, leaf, ca, NULL, NOW_2030, &r, &error));
    g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signet_init ();

  g_test_add_func ("/signet/ocsp/request", test_request);
  g_test_add_func ("/signet/ocsp/good", test_good);
  g_test_add_func ("/signet/ocsp/revoked", test_revoked);
  g_test_add_func ("/signet/ocsp/unknown", test_unknown);
  g_test_add_func ("/signet/ocsp/responder-status", test_responder_status);
  g_test_add_func ("/signet/ocsp/unauthorised-signer", test_unauthorised);
  g_test_add_func ("/signet/ocsp/freshness", test_freshness);
  g_test_add_func ("/signet/ocsp/nonce", test_nonce);
  g_test_add_func ("/signet/ocsp/other-certificate", test_other_certificate);
  g_test_add_func ("/signet/ocsp/malformed", test_malformed);

  return g_test_run ();
}
