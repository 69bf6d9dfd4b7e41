/* test-revocation.c: RFC 5280 6.3 revocation checking with CRLs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "signet-crl.h"
#include "signet-init.h"
#include "signet-revocation.h"
#include "signet-warning.h"

#define WHEN_2030 G_GINT64_CONSTANT (1893456000)  /* 2030-01-01T00:00:00Z */
#define WHEN_PKITS G_GINT64_CONSTANT (1302825600) /* 2011-04-15T00:00:00Z */

static SignetCertificate *
load_cert (const char *folder, const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", folder, file, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = signet_certificate_list_from_file (path, &error);

  g_assert_no_error (error);
  return g_object_ref (g_ptr_array_index (list, 0));
}

static SignetCrl *
load_crl (const char *folder, const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", folder, file, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = signet_crl_list_from_file (path, &error);

  g_assert_no_error (error);
  return g_object_ref (g_ptr_array_index (list, 0));
}

/* A NULL-terminated list of CRL files from tests/data/crl. */
static GPtrArray *
crls_of (const char *first, ...)
{
  GPtrArray *crls = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *f = first; f != NULL; f = va_arg (args, const char *))
    g_ptr_array_add (crls, load_crl ("crl", f));
  va_end (args);
  return crls;
}

static gboolean
accept_signer (SignetCertificate *signer, gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
  return TRUE;
}

static gboolean
reject_signer (SignetCertificate *signer, gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
  return FALSE;
}

typedef enum
{
  NONE,
  ACCEPT,
  REJECT
} ValidatorKind;

typedef struct
{
  const char *leaf;
  const char *crls[4];
  const char *candidates[3];
  ValidatorKind validator;
  SignetRevocationState state;
  SignetCrlReason reason;
  const char *warning;        /* expected single warning code, or NULL for none */
  const char *warning_reason; /* its "reason" detail (crl-invalid) */
} Case;

static void
run_case (const Case *c)
{
  g_autoptr (SignetCertificate) ca = load_cert ("crl", "ca.pem");
  g_autoptr (SignetCertificate) leaf = load_cert ("crl", c->leaf);
  g_autoptr (GPtrArray) crls = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) candidates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_object_unref);
  SignetRevocationResult result = { 0 };
  guint calls = 0;

  for (guint i = 0; i < G_N_ELEMENTS (c->crls) && c->crls[i] != NULL; i++)
    g_ptr_array_add (crls, load_crl ("crl", c->crls[i]));
  for (guint i = 0; i < G_N_ELEMENTS (c->candidates) && c->candidates[i] != NULL; i++)
    g_ptr_array_add (candidates, load_cert ("crl", c->candidates[i]));

  signet_revocation_check (leaf, ca, crls, candidates, WHEN_2030,
                           c->validator == ACCEPT   ? accept_signer
                           : c->validator == REJECT ? reject_signer
                                                    : NULL,
                           &calls, &result, warnings);

  g_test_message ("%s: %s", c->leaf, signet_revocation_state_to_string (result.state));
  g_assert_cmpstr (signet_revocation_state_to_string (result.state), ==,
                   signet_revocation_state_to_string (c->state));
  if (c->state == SIGNET_REVOCATION_REVOKED)
    {
      g_assert_cmpint (result.reason, ==, c->reason);
      g_assert_cmpint (result.revocation_time, >, 0);
    }
  if (c->state == SIGNET_REVOCATION_UNKNOWN)
    {
      g_assert_null (result.crl_sha256);
    }
  else
    {
      g_assert_nonnull (result.crl_sha256);
      g_assert_cmpint (result.crl_next_update, ==, 2208988800); /* 2040-01-01 */
    }
  /* The validator is asked once the candidate's signature and cRLSign
   * are right, not before. */
  if (c->validator != NONE && c->candidates[0] != NULL)
    g_assert_cmpuint (calls, ==, g_strcmp0 (c->warning_reason, "no-crl-sign") == 0 ? 0 : 1);

  if (c->warning == NULL)
    {
      g_assert_cmpuint (warnings->len, ==, 0);
    }
  else
    {
      SignetWarning *w;

      g_assert_cmpuint (warnings->len, ==, 1);
      w = g_ptr_array_index (warnings, 0);
      g_assert_cmpstr (signet_warning_get_code (w), ==, c->warning);
      g_assert_cmpint (signet_warning_get_severity (w), ==, SIGNET_SEVERITY_WARNING);
      g_assert_cmpstr (signet_warning_get_detail_string (w, "crl_issuer"), ==,
                       "Signet Test CRL CA");
      if (c->warning_reason != NULL)
        g_assert_cmpstr (signet_warning_get_detail_string (w, "reason"), ==, c->warning_reason);
      g_assert_nonnull (signet_warning_get_message (w));
    }
  signet_revocation_result_clear (&result);
  g_assert_null (result.crl_sha256);
}

static const Case own_cases[] = {
  /* Plain CRL of the issuer. */
  { "alice.pem",
    { "entries.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_REVOKED,
    SIGNET_CRL_REASON_KEY_COMPROMISE,
    NULL,
    NULL },
  { "bob.pem",
    { "entries.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_REVOKED,
    SIGNET_CRL_REASON_UNSPECIFIED,
    NULL,
    NULL },
  { "carol.pem",
    { "entries.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_REVOKED,
    SIGNET_CRL_REASON_SUPERSEDED,
    NULL,
    NULL },
  { "dave.pem",
    { "entries.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_GOOD,
    SIGNET_CRL_REASON_NONE,
    NULL,
    NULL },
  { "dave.pem",
    { "empty.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_GOOD,
    SIGNET_CRL_REASON_NONE,
    NULL,
    NULL },
  { "dave.pem",
    { "freshest.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_GOOD,
    SIGNET_CRL_REASON_NONE,
    NULL,
    NULL },
  /* certificateHold is revoked. */
  { "frank.pem",
    { "entries.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_REVOKED,
    SIGNET_CRL_REASON_CERTIFICATE_HOLD,
    NULL,
    NULL },
  /* No CRL at all: unknown, nothing to warn about. */
  { "dave.pem",
    { NULL },
    { NULL },
    NONE,
    SIGNET_REVOCATION_UNKNOWN,
    SIGNET_CRL_REASON_NONE,
    NULL,
    NULL },
  /* Stale: fail closed, with crl-expired. */
  { "dave.pem",
    { "stale.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_UNKNOWN,
    SIGNET_CRL_REASON_NONE,
    "crl-expired",
    NULL },
  { "alice.pem",
    { "stale.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_UNKNOWN,
    SIGNET_CRL_REASON_NONE,
    "crl-expired",
    NULL },
  /* A stale CRL next to a current one is superseded, not worth a warning. */
  { "dave.pem",
    { "stale.crl", "entries.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_GOOD,
    SIGNET_CRL_REASON_NONE,
    NULL,
    NULL },
  { "erin.pem",
    { "stale.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_UNKNOWN,
    SIGNET_CRL_REASON_NONE,
    "crl-expired",
    NULL },
  { "dave.pem",
    { "future.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_UNKNOWN,
    SIGNET_CRL_REASON_NONE,
    "crl-invalid",
    "not-yet-valid" },
  { "dave.pem",
    { "wrongkey.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_UNKNOWN,
    SIGNET_CRL_REASON_NONE,
    "crl-invalid",
    "signature" },
  /* A bad CRL is reported even when another CRL decides. */
  { "alice.pem",
    { "wrongkey.crl", "entries.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_REVOKED,
    SIGNET_CRL_REASON_KEY_COMPROMISE,
    "crl-invalid",
    "signature" },
  { "alice.pem",
    { "critical.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_UNKNOWN,
    SIGNET_CRL_REASON_NONE,
    "crl-invalid",
    "critical-extension" },
  /* Delta CRLs: removeFromCRL unrevokes, new entries revoke. */
  { "frank.pem",
    { "entries.crl", "delta.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_GOOD,
    SIGNET_CRL_REASON_NONE,
    NULL,
    NULL },
  { "frank.pem",
    { "delta.crl", "entries.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_GOOD,
    SIGNET_CRL_REASON_NONE,
    NULL,
    NULL },
  { "dave.pem",
    { "entries.crl", "delta.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_REVOKED,
    SIGNET_CRL_REASON_CESSATION_OF_OPERATION,
    NULL,
    NULL },
  { "alice.pem",
    { "entries.crl", "delta.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_REVOKED,
    SIGNET_CRL_REASON_KEY_COMPROMISE,
    NULL,
    NULL },
  /* A delta whose base number (5) is above the complete CRL's (1) does not apply. */
  { "dave.pem",
    { "empty.crl", "delta.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_GOOD,
    SIGNET_CRL_REASON_NONE,
    NULL,
    NULL },
  /* A delta alone decides nothing. */
  { "dave.pem",
    { "delta.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_UNKNOWN,
    SIGNET_CRL_REASON_NONE,
    "crl-invalid",
    "scope" },
  /* Distribution point partition with onlySomeReasons: lists erin. */
  { "erin.pem",
    { "idp.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_REVOKED,
    SIGNET_CRL_REASON_KEY_COMPROMISE,
    NULL,
    NULL },
  /* alice has no distribution point: the partition does not cover her. */
  { "alice.pem",
    { "idp.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_UNKNOWN,
    SIGNET_CRL_REASON_NONE,
    "crl-invalid",
    "scope" },
  /* The partition covers two reasons only; the full CRL the rest. */
  { "erin.pem",
    { "entries.crl", "idp.crl" },
    { NULL },
    NONE,
    SIGNET_REVOCATION_GOOD,
    SIGNET_CRL_REASON_NONE,
    NULL,
    NULL },
  /* A separate CRL-signing certificate of the CA (other key, same name). */
  { "alice.pem",
    { "bysigner.crl" },
    { "crlsigner.pem" },
    ACCEPT,
    SIGNET_REVOCATION_REVOKED,
    SIGNET_CRL_REASON_KEY_COMPROMISE,
    NULL,
    NULL },
  { "dave.pem",
    { "bysigner.crl" },
    { "crlsigner.pem" },
    ACCEPT,
    SIGNET_REVOCATION_GOOD,
    SIGNET_CRL_REASON_NONE,
    NULL,
    NULL },
  { "dave.pem",
    { "bysigner.crl" },
    { "crlsigner.pem" },
    REJECT,
    SIGNET_REVOCATION_UNKNOWN,
    SIGNET_CRL_REASON_NONE,
    "crl-invalid",
    "signature" },
  { "dave.pem",
    { "bysigner.crl" },
    { "crlsigner.pem" },
    NONE,
    SIGNET_REVOCATION_UNKNOWN,
    SIGNET_CRL_REASON_NONE,
    "crl-invalid",
    "signature" },
  { "dave.pem",
    { "bysigner.crl" },
    { NULL },
    ACCEPT,
    SIGNET_REVOCATION_UNKNOWN,
    SIGNET_CRL_REASON_NONE,
    "crl-invalid",
    "signature" },
  /* The signer lacks cRLSign. */
  { "dave.pem",
    { "bynocrlsign.crl" },
    { "nocrlsign.pem" },
    ACCEPT,
    SIGNET_REVOCATION_UNKNOWN,
    SIGNET_CRL_REASON_NONE,
    "crl-invalid",
    "no-crl-sign" },
};

static void
test_own_case (gconstpointer data)
{
  run_case (data);
}

static void
test_strings (void)
{
  SignetRevocationResult result = { 0 };

  g_assert_cmpstr (signet_revocation_state_to_string (SIGNET_REVOCATION_GOOD), ==, "good");
  g_assert_cmpstr (signet_revocation_state_to_string (SIGNET_REVOCATION_REVOKED), ==, "revoked");
  g_assert_cmpstr (signet_revocation_state_to_string (SIGNET_REVOCATION_UNKNOWN), ==, "unknown");
  g_assert_cmpstr (signet_revocation_state_to_string (SIGNET_REVOCATION_PENDING), ==, "pending");

  result.state = SIGNET_REVOCATION_REVOKED;
  result.crl_sha256 = g_strdup ("00");
  result.reason = SIGNET_CRL_REASON_KEY_COMPROMISE;
  signet_revocation_result_clear (&result);
  g_assert_null (result.crl_sha256);
  g_assert_cmpint (result.state, ==, SIGNET_REVOCATION_UNKNOWN);
  g_assert_cmpint (result.reason, ==, SIGNET_CRL_REASON_NONE);
  signet_revocation_result_clear (&result);
}

static void
test_expired_details (void)
{
  g_autoptr (SignetCertificate) ca = load_cert ("crl", "ca.pem");
  g_autoptr (SignetCertificate) dave = load_cert ("crl", "dave.pem");
  g_autoptr (GPtrArray) crls = crls_of ("stale.crl", NULL);
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_object_unref);
  SignetRevocationResult result;
  SignetWarning *w;

  signet_revocation_check (dave, ca, crls, NULL, WHEN_2030, NULL, NULL, &result, warnings);
  g_assert_cmpint (result.state, ==, SIGNET_REVOCATION_UNKNOWN);
  g_assert_cmpuint (warnings->len, ==, 1);
  w = g_ptr_array_index (warnings, 0);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "next_update"), ==, "2025-01-01T00:00:00Z");

  /* Before the nextUpdate the same CRL is fine. */
  g_ptr_array_set_size (warnings, 0);
  signet_revocation_result_clear (&result);
  signet_revocation_check (dave, ca, crls, NULL, 1700000000, NULL, NULL, &result, warnings);
  g_assert_cmpint (result.state, ==, SIGNET_REVOCATION_GOOD);
  g_assert_cmpint (result.crl_next_update, ==, 1735689600);
  g_assert_cmpuint (warnings->len, ==, 0);
  signet_revocation_result_clear (&result);

  /* Before thisUpdate it is not yet valid. */
  signet_revocation_check (dave, ca, crls, NULL, 1500000000, NULL, NULL, &result, NULL);
  g_assert_cmpint (result.state, ==, SIGNET_REVOCATION_UNKNOWN);
  signet_revocation_result_clear (&result);
}

/* ---- PKITS 4.4, 4.14, 4.15 ------------------------------------------- */

typedef struct
{
  GPtrArray *certs;
  GPtrArray *crls;
  SignetCertificate *anchor;
  guint depth;
} Pkits;

static Pkits pkits;

static GPtrArray *
load_dir (const char *sub, gboolean crls)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "pkits", sub, NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  /* A stable order, whatever the file system's. */
  g_ptr_array_sort (names, (GCompareFunc) g_ascii_strcasecmp);
  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir_path, n, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) list = crls ? signet_crl_list_from_file (path, &error)
                                        : signet_certificate_list_from_file (path, &error);

      /* Certificates that SignetCertificate rejects (BadSignedCACert: a
       * signature BIT STRING with unused bits) cannot be candidates. */
      if (list == NULL && !crls)
        {
          g_test_message ("skipping %s: %s", n, error->message);
          continue;
        }
      g_assert_no_error (error);
      g_ptr_array_add (out, g_object_ref (g_ptr_array_index (list, 0)));
    }
  return out;
}

static SignetCertificate *
pkits_cert (const char *file)
{
  return load_cert ("pkits/certs", file);
}

/* The certificate among all PKITS certificates whose key signed @cert. */
static SignetCertificate *
pkits_issuer_of (SignetCertificate *cert)
{
  for (guint i = 0; i < pkits.certs->len; i++)
    {
      SignetCertificate *c = g_ptr_array_index (pkits.certs, i);

      if (g_bytes_equal (signet_certificate_get_raw_subject (c),
                         signet_certificate_get_raw_issuer (cert)) &&
          signet_certificate_verify_signed_by (cert, c))
        return c;
    }
  return NULL;
}

/* Stands in for the path validator: a CRL signer other than the issuer is
 * acceptable when it chains to the trust anchor with every certificate
 * valid and not revoked. */
static gboolean
pkits_validate_signer (SignetCertificate *signer, gpointer user_data)
{
  SignetCertificate *issuer;
  SignetRevocationResult result;
  gboolean ok;

  if (signet_certificate_equal (signer, pkits.anchor))
    return TRUE;
  if (pkits.depth >= 6 || !signet_certificate_is_valid_at (signer, WHEN_PKITS))
    return FALSE;
  issuer = pkits_issuer_of (signer);
  if (issuer == NULL)
    return FALSE;
  pkits.depth++;
  signet_revocation_check (signer, issuer, pkits.crls, pkits.certs, WHEN_PKITS,
                           pkits_validate_signer, NULL, &result, NULL);
  ok = result.state == SIGNET_REVOCATION_GOOD && pkits_validate_signer (issuer, NULL);
  pkits.depth--;
  signet_revocation_result_clear (&result);
  return ok;
}

typedef struct
{
  char *id;
  char *name;
  char *cert;
  SignetRevocationState expected;
} PkitsCase;

static void
pkits_case_free (gpointer data)
{
  PkitsCase *c = data;

  g_free (c->id);
  g_free (c->name);
  g_free (c->cert);
  g_free (c);
}

static void
test_pkits_case (gconstpointer data)
{
  const PkitsCase *c = data;
  g_autoptr (SignetCertificate) cert = pkits_cert (c->cert);
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_object_unref);
  SignetCertificate *issuer = pkits_issuer_of (cert);
  SignetRevocationResult result;

  g_assert_nonnull (issuer);
  /* Every PKITS CRL and certificate is offered: selecting the right ones
   * is part of the test. */
  signet_revocation_check (cert, issuer, pkits.crls, pkits.certs, WHEN_PKITS, pkits_validate_signer,
                           NULL, &result, warnings);
  for (guint i = 0; i < warnings->len; i++)
    g_test_message ("warning: %s", signet_warning_get_message (g_ptr_array_index (warnings, i)));
  g_test_message ("%s %s (%s): %s", c->id, c->name, c->cert,
                  signet_revocation_state_to_string (result.state));
  g_assert_cmpstr (signet_revocation_state_to_string (result.state), ==,
                   signet_revocation_state_to_string (c->expected));
  if (result.state == SIGNET_REVOCATION_UNKNOWN)
    g_assert_null (result.crl_sha256);
  else
    g_assert_nonnull (result.crl_sha256);
  signet_revocation_result_clear (&result);
}

/* The rows of expected.tsv for 4.4, 4.14 and 4.15, as revocation cases of
 * the end-entity certificate (4.4.2: of the revoked intermediate). */
static GPtrArray *
pkits_cases (void)
{
  g_autofree char *path =
      g_test_build_filename (G_TEST_DIST, "data", "pkits", "expected.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *cases = g_ptr_array_new_with_free_func (pkits_case_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], "\t", -1);
      PkitsCase *c;
      GString *file;

      if (g_strv_length (f) < 9 ||
          !(g_str_has_prefix (f[0], "4.4.") || g_str_has_prefix (f[0], "4.14.") ||
            g_str_has_prefix (f[0], "4.15.")))
        continue;
      c = g_new0 (PkitsCase, 1);
      c->id = g_strdup (f[0]);
      c->name = g_strdup (f[1]);
      if (g_str_equal (f[8], "-"))
        c->expected = SIGNET_REVOCATION_GOOD;
      else if (g_str_equal (f[8], "revoked"))
        c->expected = SIGNET_REVOCATION_REVOKED;
      else if (g_str_equal (f[8], "crl-problem"))
        c->expected = SIGNET_REVOCATION_UNKNOWN;
      else
        g_error ("unexpected reason %s for %s", f[8], f[0]);

      if (g_str_equal (c->id, "4.4.2"))
        {
          c->cert = g_strdup ("RevokedsubCACert.crt");
        }
      else
        {
          file = g_string_new (NULL);
          for (const char *p = f[1]; *p != '\0'; p++)
            if (*p != ' ' && *p != '-')
              g_string_append_c (file, *p);
          /* Three file names drop "CRL" before "Test", one adds "Invalid". */
          if (g_str_has_prefix (f[1], "Missing CRL"))
            g_string_prepend (file, "Invalid");
          else if (strstr (file->str, "CRLTest") != NULL &&
                   (g_str_has_prefix (f[1], "Invalid only") ||
                    g_str_has_prefix (f[1], "Valid only")))
            g_string_erase (file, strstr (file->str, "CRLTest") - file->str, 3);
          g_string_append (file, "EE.crt");
          c->cert = g_string_free (file, FALSE);
        }
      g_ptr_array_add (cases, c);
    }
  return cases;
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) cases = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  signet_init ();

  for (guint i = 0; i < G_N_ELEMENTS (own_cases); i++)
    {
      g_autofree char *path =
          g_strdup_printf ("/signet/revocation/own/%02u-%s", i, own_cases[i].leaf);

      g_test_add_data_func (path, &own_cases[i], test_own_case);
    }
  g_test_add_func ("/signet/revocation/strings", test_strings);
  g_test_add_func ("/signet/revocation/expired-details", test_expired_details);

  pkits.certs = load_dir ("certs", FALSE);
  pkits.crls = load_dir ("crls", TRUE);
  pkits.anchor = pkits_cert ("TrustAnchorRootCertificate.crt");
  cases = pkits_cases ();
  for (guint i = 0; i < cases->len; i++)
    {
      PkitsCase *c = g_ptr_array_index (cases, i);
      g_autofree char *path = g_strdup_printf ("/signet/revocation/pkits/%s", c->id);

      g_test_add_data_func (path, c, test_pkits_case);
    }

  rc = g_test_run ();
  g_clear_pointer (&pkits.certs, g_ptr_array_unref);
  g_clear_pointer (&pkits.crls, g_ptr_array_unref);
  g_clear_object (&pkits.anchor);
  return rc;
}
