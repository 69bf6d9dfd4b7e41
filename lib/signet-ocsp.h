/* signet-ocsp.h: an OCSP client (RFC 6960) on GnuTLS: build a request,
 * judge a response.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

#include "signet-certificate.h"
#include "signet-crl.h"

G_BEGIN_DECLS

/* Content types of RFC 6960 appendix A. */
#define SIGNET_OCSP_REQUEST_CONTENT_TYPE "application/ocsp-request"
#define SIGNET_OCSP_RESPONSE_CONTENT_TYPE "application/ocsp-response"

/* Clock skew tolerated on thisUpdate and nextUpdate, in seconds. */
#define SIGNET_OCSP_CLOCK_SKEW (5 * 60)
/* A response without nextUpdate is accepted only this long after its
 * thisUpdate, in seconds (RFC 6960 4.2.2.1 leaves it to the client). */
#define SIGNET_OCSP_MAX_AGE_WITHOUT_NEXT_UPDATE (7 * 24 * 60 * 60)
/* Largest response examined, in bytes. */
#define SIGNET_OCSP_MAX_RESPONSE_SIZE (64 * 1024)
/* SingleResponses looked at in one response. */
#define SIGNET_OCSP_MAX_SINGLE_RESPONSES 64

/**
 * SignetOcspResponseStatus:
 * @SIGNET_OCSP_RESPONSE_SUCCESSFUL: the response carries status information
 * @SIGNET_OCSP_RESPONSE_MALFORMED_REQUEST: the responder could not read the request
 * @SIGNET_OCSP_RESPONSE_INTERNAL_ERROR: the responder failed
 * @SIGNET_OCSP_RESPONSE_TRY_LATER: the responder is busy
 * @SIGNET_OCSP_RESPONSE_SIG_REQUIRED: the responder wants signed requests
 * @SIGNET_OCSP_RESPONSE_UNAUTHORIZED: the responder does not answer for this certificate
 *
 * OCSPResponseStatus (RFC 6960 4.2.1); the values are the protocol's.
 */
typedef enum
{
  SIGNET_OCSP_RESPONSE_SUCCESSFUL = 0,
  SIGNET_OCSP_RESPONSE_MALFORMED_REQUEST = 1,
  SIGNET_OCSP_RESPONSE_INTERNAL_ERROR = 2,
  SIGNET_OCSP_RESPONSE_TRY_LATER = 3,
  SIGNET_OCSP_RESPONSE_SIG_REQUIRED = 5,
  SIGNET_OCSP_RESPONSE_UNAUTHORIZED = 6,
} SignetOcspResponseStatus;

/**
 * SignetOcspCertStatus:
 * @SIGNET_OCSP_CERT_GOOD: the responder vouches the certificate is not revoked
 * @SIGNET_OCSP_CERT_REVOKED: the responder says it is revoked
 * @SIGNET_OCSP_CERT_UNKNOWN: the responder does not know the certificate
 * @SIGNET_OCSP_CERT_ERROR: the response cannot be used; see #SignetOcspProblem
 *
 * What one OCSP response says about one certificate.
 */
typedef enum
{
  SIGNET_OCSP_CERT_GOOD,
  SIGNET_OCSP_CERT_REVOKED,
  SIGNET_OCSP_CERT_UNKNOWN,
  SIGNET_OCSP_CERT_ERROR,
} SignetOcspCertStatus;

/**
 * SignetOcspProblem:
 * @SIGNET_OCSP_PROBLEM_NONE: the response is usable
 * @SIGNET_OCSP_PROBLEM_RESPONDER_STATUS: responseStatus is not successful
 *   (see the result's response_status)
 * @SIGNET_OCSP_PROBLEM_NO_MATCH: no SingleResponse is about this certificate
 *   from this issuer (serial, issuerNameHash and issuerKeyHash)
 * @SIGNET_OCSP_PROBLEM_SIGNATURE: not signed by the issuer nor by a responder
 *   certificate the issuer authorised (id-kp-OCSPSigning)
 * @SIGNET_OCSP_PROBLEM_NOT_YET_VALID: thisUpdate is in the future
 * @SIGNET_OCSP_PROBLEM_STALE: nextUpdate has passed, or there is no
 *   nextUpdate and thisUpdate is older than
 *   %SIGNET_OCSP_MAX_AGE_WITHOUT_NEXT_UPDATE
 * @SIGNET_OCSP_PROBLEM_NONCE: the response echoes a nonce other than the request's
 *
 * Why a response cannot be used.
 */
typedef enum
{
  SIGNET_OCSP_PROBLEM_NONE,
  SIGNET_OCSP_PROBLEM_RESPONDER_STATUS,
  SIGNET_OCSP_PROBLEM_NO_MATCH,
  SIGNET_OCSP_PROBLEM_SIGNATURE,
  SIGNET_OCSP_PROBLEM_NOT_YET_VALID,
  SIGNET_OCSP_PROBLEM_STALE,
  SIGNET_OCSP_PROBLEM_NONCE,
} SignetOcspProblem;

/**
 * SignetOcspResult:
 * @status: the verdict
 * @problem: why @status is %SIGNET_OCSP_CERT_ERROR, else %SIGNET_OCSP_PROBLEM_NONE
 * @response_status: the responseStatus of the response
 * @signer_status: GnuTLS `gnutls_ocsp_verify_reason_t` bits when @problem is
 *   %SIGNET_OCSP_PROBLEM_SIGNATURE (for logs), else 0
 * @produced_at: producedAt, -1 when not read
 * @this_update: thisUpdate of the matching SingleResponse, -1 when not read
 * @next_update: its nextUpdate, -1 when absent: cache the verdict until then
 * @revocation_time: for %SIGNET_OCSP_CERT_REVOKED, else -1
 * @reason: for %SIGNET_OCSP_CERT_REVOKED (unspecified when the response
 *   gives none), else %SIGNET_CRL_REASON_NONE
 * @nonce_matched: the request had a nonce and the response echoed it
 *
 * The judgement of one OCSP response. Times are Unix seconds.
 */
typedef struct
{
  SignetOcspCertStatus status;
  SignetOcspProblem problem;
  SignetOcspResponseStatus response_status;
  guint signer_status;
  gint64 produced_at;
  gint64 this_update;
  gint64 next_update;
  gint64 revocation_time;
  SignetCrlReason reason;
  gboolean nonce_matched;
} SignetOcspResult;

GBytes *signet_ocsp_build_request (SignetCertificate *cert,
                                   SignetCertificate *issuer,
                                   gboolean with_nonce,
                                   GBytes **nonce,
                                   GError **error);

gboolean signet_ocsp_check_response (GBytes *response,
                                     SignetCertificate *cert,
                                     SignetCertificate *issuer,
                                     GBytes *request_nonce,
                                     gint64 now,
                                     SignetOcspResult *result,
                                     GError **error);

const char *signet_ocsp_cert_status_to_string (SignetOcspCertStatus status);
const char *signet_ocsp_problem_to_string (SignetOcspProblem problem);
const char *signet_ocsp_response_status_to_string (SignetOcspResponseStatus status);

G_END_DECLS
