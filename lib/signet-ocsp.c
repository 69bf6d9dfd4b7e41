/* signet-ocsp.c: an OCSP client (RFC 6960) on GnuTLS.
 *
 * GnuTLS parses and verifies; the decisions GnuTLS leaves to its caller are
 * made here: the SingleResponse must match the certificate by serial,
 * issuerNameHash and issuerKeyHash (gnutls_ocsp_resp_check_crt() compares
 * only the name hash), gnutls_ocsp_resp_verify_direct()'s verification
 * status is read (its return value 0 does not mean "valid"), freshness is
 * judged at an injected time, and an echoed nonce must be ours.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <gnutls/crypto.h>
#include <gnutls/ocsp.h>

#include "signet-der.h"
#include "signet-error.h"
#include "signet-gnutls-private.h"
#include "signet-ocsp.h"

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_ocsp_req_t, gnutls_ocsp_req_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_ocsp_resp_t, gnutls_ocsp_resp_deinit, NULL)

/**
 * signet_ocsp_build_request:
 * @cert: the certificate whose status is asked
 * @issuer: the certificate that issued @cert
 * @with_nonce: whether to add a random nonce (RFC 8954)
 * @nonce: (out) (optional) (nullable) (transfer full): the nonce value, to
 *   give to signet_ocsp_check_response(); %NULL without one
 * @error: return location for a #SIGNET_ERROR error
 *
 * Builds an unsigned OCSPRequest for @cert with a SHA-1 CertID (what
 * responders expect), to POST with content type
 * %SIGNET_OCSP_REQUEST_CONTENT_TYPE. A request without a nonce is the same
 * for every call, so responses to it may be cached by HTTP caches.
 *
 * Returns: (transfer full): the DER request, or %NULL with @error set
 */
GBytes *
signet_ocsp_build_request (SignetCertificate *cert,
                           SignetCertificate *issuer,
                           gboolean with_nonce,
                           GBytes **nonce,
                           GError **error)
{
  g_auto (gnutls_ocsp_req_t) req = NULL;
  g_auto (gnutls_datum_t) der = { NULL, 0 };
  g_auto (gnutls_datum_t) nonce_value = { NULL, 0 };
  int rc;

  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (cert), NULL);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (issuer), NULL);

  if (nonce != NULL)
    *nonce = NULL;

  if ((rc = gnutls_ocsp_req_init (&req)) < 0 ||
      (rc = gnutls_ocsp_req_add_cert (req, GNUTLS_DIG_SHA1, signet_certificate_get_gnutls (issuer),
                                      signet_certificate_get_gnutls (cert))) < 0 ||
      (with_nonce && (rc = gnutls_ocsp_req_randomize_nonce (req)) < 0) ||
      (with_nonce && (rc = gnutls_ocsp_req_get_nonce (req, NULL, &nonce_value)) < 0) ||
      (rc = gnutls_ocsp_req_export (req, &der)) < 0)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED, "Could not build an OCSP request: %s",
                   gnutls_strerror (rc));
      return NULL;
    }

  if (nonce != NULL && with_nonce)
    *nonce = _signet_bytes_from_datum (&nonce_value);
  return _signet_bytes_from_datum (&der);
}

/* issuerKeyHash (RFC 6960 4.1.1): the hash of the value of the BIT STRING
 * subjectPublicKey of the issuer, without tag, length and unused-bits
 * octet. */
static gboolean
issuer_key_hash (SignetCertificate *issuer,
                 gnutls_digest_algorithm_t digest,
                 guint8 *out,
                 gsize *out_len)
{
  g_auto (gnutls_pubkey_t) pubkey = NULL;
  g_auto (gnutls_datum_t) spki = { NULL, 0 };
  SignetDerReader reader;
  SignetDerTlv seq, alg, bits;
  int len = gnutls_hash_get_len (digest);

  if (len <= 0 || (gsize) len > *out_len)
    return FALSE;
  if (gnutls_pubkey_init (&pubkey) < 0 ||
      gnutls_pubkey_import_x509 (pubkey, signet_certificate_get_gnutls (issuer), 0) < 0 ||
      gnutls_pubkey_export2 (pubkey, GNUTLS_X509_FMT_DER, &spki) < 0)
    return FALSE;

  signet_der_reader_init (&reader, spki.data, spki.size);
  if (!signet_der_read_expect (&reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &seq))
    return FALSE;
  signet_der_reader_init_contents (&reader, &seq);
  if (!signet_der_read_expect (&reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE,
                               &alg) ||
      !signet_der_read_expect (&reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_BIT_STRING,
                               &bits) ||
      bits.value_len < 1)
    return FALSE;

  if (gnutls_hash_fast (digest, bits.value + 1, bits.value_len - 1, out) < 0)
    return FALSE;
  *out_len = (gsize) len;
  return TRUE;
}

static gboolean
datum_equals (const gnutls_datum_t *d, const guint8 *data, gsize len)
{
  return d->size == len && (len == 0 || memcmp (d->data, data, len) == 0);
}

static SignetCrlReason
map_reason (unsigned int reason)
{
  switch (reason)
    {
    case GNUTLS_X509_CRLREASON_KEYCOMPROMISE:
      return SIGNET_CRL_REASON_KEY_COMPROMISE;
    case GNUTLS_X509_CRLREASON_CACOMPROMISE:
      return SIGNET_CRL_REASON_CA_COMPROMISE;
    case GNUTLS_X509_CRLREASON_AFFILIATIONCHANGED:
      return SIGNET_CRL_REASON_AFFILIATION_CHANGED;
    case GNUTLS_X509_CRLREASON_SUPERSEDED:
      return SIGNET_CRL_REASON_SUPERSEDED;
    case GNUTLS_X509_CRLREASON_CESSATIONOFOPERATION:
      return SIGNET_CRL_REASON_CESSATION_OF_OPERATION;
    case GNUTLS_X509_CRLREASON_CERTIFICATEHOLD:
      return SIGNET_CRL_REASON_CERTIFICATE_HOLD;
    case GNUTLS_X509_CRLREASON_REMOVEFROMCRL:
      return SIGNET_CRL_REASON_REMOVE_FROM_CRL;
    case GNUTLS_X509_CRLREASON_PRIVILEGEWITHDRAWN:
      return SIGNET_CRL_REASON_PRIVILEGE_WITHDRAWN;
    case GNUTLS_X509_CRLREASON_AACOMPROMISE:
      return SIGNET_CRL_REASON_AA_COMPROMISE;
    case GNUTLS_X509_CRLREASON_UNSPECIFIED:
    default:
      return SIGNET_CRL_REASON_UNSPECIFIED;
    }
}

static void
set_problem (SignetOcspResult *result, SignetOcspProblem problem)
{
  result->status = SIGNET_OCSP_CERT_ERROR;
  result->problem = problem;
  result->revocation_time = -1;
  result->reason = SIGNET_CRL_REASON_NONE;
}

/**
 * signet_ocsp_check_response:
 * @response: a DER OCSPResponse, as fetched
 * @cert: the certificate asked about
 * @issuer: the certificate that issued @cert (in the validated path)
 * @request_nonce: (nullable): the nonce of the request, from
 *   signet_ocsp_build_request()
 * @now: the validation time, Unix seconds
 * @result: (out caller-allocates): the judgement
 * @error: return location for a #SIGNET_ERROR error
 *
 * Judges @response for @cert at @now, in this order: the responseStatus
 * must be successful; a SingleResponse must match @cert (serial number,
 * issuerNameHash and issuerKeyHash computed from @issuer); the response
 * must be signed by @issuer or by a responder certificate carried in the
 * response that @issuer signed and that has id-kp-OCSPSigning; when both
 * the request and the response carry a nonce they must be equal; thisUpdate
 * must not be later than @now + %SIGNET_OCSP_CLOCK_SKEW and nextUpdate not
 * earlier than @now - %SIGNET_OCSP_CLOCK_SKEW (without nextUpdate,
 * thisUpdate must be within %SIGNET_OCSP_MAX_AGE_WITHOUT_NEXT_UPDATE of
 * @now). The first failed rule gives %SIGNET_OCSP_CERT_ERROR with its
 * #SignetOcspProblem; otherwise the status is the responder's.
 *
 * The responder certificate's own validity period is checked by GnuTLS
 * against the system clock, not @now, and its revocation status is not
 * checked (id-pkix-ocsp-nocheck is not required).
 *
 * Returns: %TRUE when @result is filled in; %FALSE with @error set when
 *   @response is not an OCSPResponse (%SIGNET_ERROR_PARSE) or too large
 *   (%SIGNET_ERROR_LIMIT)
 */
gboolean
signet_ocsp_check_response (GBytes *response,
                            SignetCertificate *cert,
                            SignetCertificate *issuer,
                            GBytes *request_nonce,
                            gint64 now,
                            SignetOcspResult *result,
                            GError **error)
{
  g_auto (gnutls_ocsp_resp_t) resp = NULL;
  GBytes *cert_serial;      /* transfer none */
  GBytes *cert_issuer_name; /* transfer none */
  gnutls_datum_t der;
  guint8 name_hash[64], key_hash[64];
  gsize name_hash_len = 0, key_hash_len = 0;
  gnutls_digest_algorithm_t hashed_with = GNUTLS_DIG_UNKNOWN;
  gboolean found = FALSE;
  unsigned int verify = 0;
  unsigned int cert_status = 0, reason = 0;
  time_t this_update = -1, next_update = -1, revocation_time = -1, produced;
  gnutls_datum_t resp_nonce = { NULL, 0 };
  const guint8 *serial_data, *name_data;
  gsize serial_len, name_len;
  int rc;

  g_return_val_if_fail (response != NULL, FALSE);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (cert), FALSE);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (issuer), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  result->status = SIGNET_OCSP_CERT_ERROR;
  result->produced_at = -1;
  result->this_update = -1;
  result->next_update = -1;
  result->revocation_time = -1;
  result->reason = SIGNET_CRL_REASON_NONE;

  if (g_bytes_get_size (response) > SIGNET_OCSP_MAX_RESPONSE_SIZE)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT,
                   "The OCSP response is larger than %d bytes", SIGNET_OCSP_MAX_RESPONSE_SIZE);
      return FALSE;
    }

  der = _signet_datum_from_bytes (response);
  if ((rc = gnutls_ocsp_resp_init (&resp)) < 0 || (rc = gnutls_ocsp_resp_import (resp, &der)) < 0)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Not an OCSP response: %s",
                   gnutls_strerror (rc));
      return FALSE;
    }

  rc = gnutls_ocsp_resp_get_status (resp);
  if (rc < 0)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE, "Not an OCSP response: %s",
                   gnutls_strerror (rc));
      return FALSE;
    }
  result->response_status = (SignetOcspResponseStatus) rc;
  if (rc != GNUTLS_OCSP_RESP_SUCCESSFUL)
    {
      set_problem (result, SIGNET_OCSP_PROBLEM_RESPONDER_STATUS);
      return TRUE;
    }

  produced = gnutls_ocsp_resp_get_produced (resp);
  result->produced_at = produced == (time_t) -1 ? -1 : (gint64) produced;

  /* Find the SingleResponse about this certificate. */
  cert_serial = signet_certificate_get_serial (cert);
  cert_issuer_name = signet_certificate_get_raw_issuer (cert);
  serial_data = g_bytes_get_data (cert_serial, &serial_len);
  name_data = g_bytes_get_data (cert_issuer_name, &name_len);

  for (unsigned int i = 0; i < SIGNET_OCSP_MAX_SINGLE_RESPONSES && !found; i++)
    {
      gnutls_digest_algorithm_t digest = GNUTLS_DIG_UNKNOWN;
      g_auto (gnutls_datum_t) r_name = { NULL, 0 };
      g_auto (gnutls_datum_t) r_key = { NULL, 0 };
      g_auto (gnutls_datum_t) r_serial = { NULL, 0 };
      unsigned int status = 0, why = 0;
      time_t tu = -1, nu = -1, rt = -1;
      int len;

      rc = gnutls_ocsp_resp_get_single (resp, i, &digest, &r_name, &r_key, &r_serial, &status, &tu,
                                        &nu, &rt, &why);
      if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (rc < 0)
        {
          g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE,
                       "Unreadable OCSP SingleResponse: %s", gnutls_strerror (rc));
          return FALSE;
        }

      if (!datum_equals (&r_serial, serial_data, serial_len))
        continue;

      len = gnutls_hash_get_len (digest);
      if (len <= 0 || (gsize) len > sizeof name_hash)
        continue; /* a hash we cannot compute cannot match */
      if (digest != hashed_with)
        {
          key_hash_len = sizeof key_hash;
          if (gnutls_hash_fast (digest, name_data, name_len, name_hash) < 0 ||
              !issuer_key_hash (issuer, digest, key_hash, &key_hash_len))
            continue;
          name_hash_len = (gsize) len;
          hashed_with = digest;
        }
      if (!datum_equals (&r_name, name_hash, name_hash_len) ||
          !datum_equals (&r_key, key_hash, key_hash_len))
        continue;

      found = TRUE;
      cert_status = status;
      this_update = tu;
      next_update = nu;
      revocation_time = rt;
      reason = why;
    }

  if (!found)
    {
      set_problem (result, SIGNET_OCSP_PROBLEM_NO_MATCH);
      return TRUE;
    }
  result->this_update = this_update == (time_t) -1 ? -1 : (gint64) this_update;
  result->next_update = next_update == (time_t) -1 ? -1 : (gint64) next_update;

  /* Signed by the issuer or an authorised responder. Both the return value
   * and the status must say so. */
  rc = gnutls_ocsp_resp_verify_direct (resp, signet_certificate_get_gnutls (issuer), &verify, 0);
  if (rc != 0 || verify != 0)
    {
      set_problem (result, SIGNET_OCSP_PROBLEM_SIGNATURE);
      result->signer_status = rc != 0 ? GNUTLS_OCSP_VERIFY_SIGNATURE_FAILURE : verify;
      return TRUE;
    }

  /* Nonce: many responders do not echo one; if one is echoed, it must be ours. */
  if (request_nonce != NULL && gnutls_ocsp_resp_get_nonce (resp, NULL, &resp_nonce) == 0)
    {
      gsize nonce_len = 0;
      const guint8 *nonce_data = g_bytes_get_data (request_nonce, &nonce_len);
      gboolean same = datum_equals (&resp_nonce, nonce_data, nonce_len);

      gnutls_free (resp_nonce.data);
      if (!same)
        {
          set_problem (result, SIGNET_OCSP_PROBLEM_NONCE);
          return TRUE;
        }
      result->nonce_matched = TRUE;
    }

  /* Freshness at the injected time. */
  if (result->this_update == -1 || result->this_update > now + SIGNET_OCSP_CLOCK_SKEW)
    {
      set_problem (result, SIGNET_OCSP_PROBLEM_NOT_YET_VALID);
      return TRUE;
    }
  if (result->next_update != -1
          ? result->next_update < now - SIGNET_OCSP_CLOCK_SKEW
          : result->this_update < now - SIGNET_OCSP_MAX_AGE_WITHOUT_NEXT_UPDATE)
    {
      set_problem (result, SIGNET_OCSP_PROBLEM_STALE);
      return TRUE;
    }

  result->problem = SIGNET_OCSP_PROBLEM_NONE;
  switch (cert_status)
    {
    case GNUTLS_OCSP_CERT_GOOD:
      result->status = SIGNET_OCSP_CERT_GOOD;
      break;
    case GNUTLS_OCSP_CERT_REVOKED:
      result->status = SIGNET_OCSP_CERT_REVOKED;
      result->revocation_time = revocation_time == (time_t) -1 ? -1 : (gint64) revocation_time;
      result->reason = map_reason (reason);
      break;
    case GNUTLS_OCSP_CERT_UNKNOWN:
    default:
      result->status = SIGNET_OCSP_CERT_UNKNOWN;
      break;
    }
  return TRUE;
}

/**
 * signet_ocsp_cert_status_to_string:
 * @status: a verdict
 *
 * Returns: a stable lower-case name ("good", "revoked", "unknown", "error")
 */
const char *
signet_ocsp_cert_status_to_string (SignetOcspCertStatus status)
{
  switch (status)
    {
    case SIGNET_OCSP_CERT_GOOD:
      return "good";
    case SIGNET_OCSP_CERT_REVOKED:
      return "revoked";
    case SIGNET_OCSP_CERT_UNKNOWN:
      return "unknown";
    case SIGNET_OCSP_CERT_ERROR:
    default:
      return "error";
    }
}

/**
 * signet_ocsp_problem_to_string:
 * @problem: a problem
 *
 * Returns: a stable name for warning details ("none", "responder-status",
 *   "no-match", "signature", "not-yet-valid", "stale", "nonce")
 */
const char *
signet_ocsp_problem_to_string (SignetOcspProblem problem)
{
  switch (problem)
    {
    case SIGNET_OCSP_PROBLEM_NONE:
      return "none";
    case SIGNET_OCSP_PROBLEM_RESPONDER_STATUS:
      return "responder-status";
    case SIGNET_OCSP_PROBLEM_NO_MATCH:
      return "no-match";
    case SIGNET_OCSP_PROBLEM_SIGNATURE:
      return "signature";
    case SIGNET_OCSP_PROBLEM_NOT_YET_VALID:
      return "not-yet-valid";
    case SIGNET_OCSP_PROBLEM_STALE:
      return "stale";
    case SIGNET_OCSP_PROBLEM_NONCE:
      return "nonce";
    default:
      return "unknown";
    }
}

/**
 * signet_ocsp_response_status_to_string:
 * @status: an OCSPResponseStatus
 *
 * Returns: the RFC 6960 name ("successful", "malformedRequest",
 *   "internalError", "tryLater", "sigRequired", "unauthorized", or
 *   "unknown" for other values)
 */
const char *
signet_ocsp_response_status_to_string (SignetOcspResponseStatus status)
{
  switch (status)
    {
    case SIGNET_OCSP_RESPONSE_SUCCESSFUL:
      return "successful";
    case SIGNET_OCSP_RESPONSE_MALFORMED_REQUEST:
      return "malformedRequest";
    case SIGNET_OCSP_RESPONSE_INTERNAL_ERROR:
      return "internalError";
    case SIGNET_OCSP_RESPONSE_TRY_LATER:
      return "tryLater";
    case SIGNET_OCSP_RESPONSE_SIG_REQUIRED:
      return "sigRequired";
    case SIGNET_OCSP_RESPONSE_UNAUTHORIZED:
      return "unauthorized";
    default:
      return "unknown";
    }
}
