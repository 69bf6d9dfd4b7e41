/* fuzz-crl.c: signet_crl_new_from_der(), lookups and
 * signet_revocation_check().
 *
 * The first input octet chooses the mode: bit 0 clear, the rest is a CRL
 * as is; bit 0 set, the rest is a TBSCertList that the harness signs with
 * inter-ca's key (bit 1 clear) or root-ca's (bit 1 set), so that the
 * signature verifies and the revocation logic behind it (dates, scope,
 * IDP, delta CRLs, critical extensions, reasons) is reached. Every INTEGER
 * of the CRL (up to a bound) and the test PKI's serials are looked up, then
 * revoked@ (issued by inter-ca) and inter-ca itself (by root-ca) are
 * checked against the CRL. With bit 2 set the rest is also read as a
 * cRLDistributionPoints extension value.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "fuzz-common.h"

#include "signet-der.h"
#include "signet-limits.h"
#include "signet-revocation.h"
#include "signet-warning.h"

#define FUZZ_MAX_LOOKUPS 64

static SignetCertificate *root;
static SignetCertificate *inter;
static SignetCertificate *revoked;
static SignetCertificate *alice;
static gnutls_privkey_t root_key;
static gnutls_privkey_t inter_key;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  root = fuzz_load_certificate ("pki/root-ca.pem");
  inter = fuzz_load_certificate ("pki/inter-ca.pem");
  revoked = fuzz_load_certificate ("pki/revoked.pem");
  alice = fuzz_load_certificate ("pki/alice.pem");
  root_key = fuzz_load_key ("pki/root-ca.key");
  inter_key = fuzz_load_key ("pki/inter-ca.key");
  return 0;
}

static gboolean
accept_signer (SignetCertificate *signer, gpointer user_data)
{
  return signet_certificate_equal (signer, inter) || signet_certificate_equal (signer, root);
}

static void
lookup_integers (SignetCrl *crl, SignetDerReader *reader, guint depth, guint *budget)
{
  SignetDerTlv tlv;

  while (*budget > 0 && depth < SIGNET_MAX_DER_DEPTH && signet_der_read (reader, &tlv))
    {
      if (tlv.constructed)
        {
          SignetDerReader inner;

          signet_der_reader_init_contents (&inner, &tlv);
          lookup_integers (crl, &inner, depth + 1, budget);
        }
      else if (signet_der_tlv_is (&tlv, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_INTEGER))
        {
          g_autoptr (GBytes) serial = g_bytes_new (tlv.value, tlv.value_len);
          SignetCrlEntry entry;

          (*budget)--;
          if (signet_crl_lookup (crl, serial, NULL, &entry) &&
              (entry.reason < SIGNET_CRL_REASON_NONE ||
               entry.reason > SIGNET_CRL_REASON_AA_COMPROMISE))
            abort ();
          (void) signet_crl_lookup (crl, serial, signet_certificate_get_raw_issuer (alice), NULL);
        }
    }
}

static void
check (SignetCertificate *cert, SignetCertificate *issuer, GPtrArray *crls)
{
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) candidates = g_ptr_array_new ();
  SignetRevocationResult result = { 0 };

  g_ptr_array_add (candidates, root);
  g_ptr_array_add (candidates, inter);
  signet_revocation_check (cert, issuer, crls, candidates, FUZZ_TIME, accept_signer, NULL, &result,
                           warnings);
  (void) signet_revocation_state_to_string (result.state);
  for (guint i = 0; i < warnings->len; i++)
    if (signet_warning_get_message (g_ptr_array_index (warnings, i)) == NULL)
      abort ();
  signet_revocation_result_clear (&result);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) der = NULL;
  g_autoptr (SignetCrl) crl = NULL;
  g_autoptr (GPtrArray) crls = NULL;
  g_autoptr (GError) error = NULL;
  SignetDerReader reader;
  const guint8 *p;
  gsize len;
  guint budget = FUZZ_MAX_LOOKUPS;
  guint8 mode;

  if (size < 1)
    return 0;
  mode = data[0];

  if (mode & 4)
    {
      g_autoptr (GBytes) ext = fuzz_bytes (data + 1, size - 1);
      g_autoptr (GPtrArray) points = NULL;

      points = signet_crl_parse_distribution_points (ext, signet_certificate_get_raw_issuer (alice),
                                                     NULL);
      (void) points;
    }

  if (mode & 1)
    der = fuzz_sign_tbs ((mode & 2) ? root_key : inter_key, data + 1, size - 1);
  else
    der = fuzz_bytes (data + 1, size - 1);
  if (der == NULL)
    return 0;

  crl = signet_crl_new_from_der (der, &error);
  if (crl == NULL)
    {
      if (error == NULL)
        abort ();
      return 0;
    }

  /* Every accessor on whatever parsed. */
  (void) signet_crl_get_sha256 (crl);
  (void) signet_crl_get_issuer (crl);
  (void) signet_crl_get_issuer_display_name (crl);
  (void) signet_crl_get_authority_key_id (crl);
  (void) signet_crl_get_this_update (crl);
  (void) signet_crl_get_next_update (crl);
  (void) signet_crl_get_number (crl);
  (void) signet_crl_get_version (crl);
  (void) signet_crl_get_signature_algorithm (crl);
  if (signet_crl_get_entry_count (crl) > SIGNET_MAX_CRL_ENTRIES)
    abort ();
  (void) signet_crl_has_unknown_critical_extension (crl);
  {
    GBytes *base = NULL;
    gboolean a, b, c, ind;
    guint reasons;
    const char *const *uris;
    GPtrArray *names;

    (void) signet_crl_is_delta (crl, &base);
    uris = signet_crl_get_freshest_uris (crl);
    for (guint i = 0; uris != NULL && uris[i] != NULL; i++)
      (void) *uris[i];
    (void) signet_crl_get_idp (crl, &a, &b, &c, &reasons, &ind);
    uris = signet_crl_get_idp_uris (crl);
    for (guint i = 0; uris != NULL && uris[i] != NULL; i++)
      (void) *uris[i];
    names = signet_crl_get_idp_directory_names (crl);
    for (guint i = 0; names != NULL && i < names->len; i++)
      (void) signet_crl_names_equal (g_ptr_array_index (names, i), signet_crl_get_raw_issuer (crl));
    (void) signet_crl_get_idp_der (crl);
  }

  p = g_bytes_get_data (der, &len);
  signet_der_reader_init (&reader, p, len);
  lookup_integers (crl, &reader, 0, &budget);
  (void) signet_crl_lookup (crl, signet_certificate_get_serial (revoked), NULL, NULL);
  (void) signet_crl_lookup (crl, signet_certificate_get_serial (alice),
                            signet_certificate_get_raw_issuer (alice), NULL);
  (void) signet_crl_verify_signature (crl, inter);

  crls = g_ptr_array_new ();
  g_ptr_array_add (crls, crl);
  check (revoked, inter, crls);
  check (inter, root, crls);
  return 0;
}
