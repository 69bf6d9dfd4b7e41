/* signet-signed-data-view.h: a SignedData's SignerInfos located by a DER
 * walk, for the fields GnuTLS does not expose.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The walk replaces decoding the whole SignedData with libtasn1 (and
 * signet-cms.asn) a second time after GnuTLS's import: that decoding, and
 * the string paths to read the tree, were a twentieth of a warm message.
 * It accepts only what that decoding accepts too, and is stricter where in
 * doubt (definite lengths, one-octet tags, primitive strings, INTEGERs of
 * at least one octet); where it fails, the caller decodes with libtasn1 as
 * before. Where it succeeds its answers are the tree's:
 * _signet_signed_data_view_agrees() compares them (tests, fuzz-cms).
 */
#pragma once

#include <glib.h>

#include "signet-der.h"

G_BEGIN_DECLS

typedef struct
{
  SignetDerTlv type; /* OBJECT IDENTIFIER */
  guint n_values;
} SignetAttributeView;

typedef struct
{
  gboolean has_issuer_serial;
  SignetDerTlv issuer; /* ANY: the whole TLV */
  SignetDerTlv serial; /* INTEGER */
  gboolean has_ski;
  SignetDerTlv ski;        /* [0] IMPLICIT OCTET STRING, primitive */
  SignetDerTlv digest_alg; /* AlgorithmIdentifier */
  gboolean has_signed_attrs;
  SignetDerTlv signed_attrs; /* [0] IMPLICIT SET OF Attribute */
  GArray *attributes;        /* SignetAttributeView of signedAttrs */
  SignetDerTlv sig_alg;      /* AlgorithmIdentifier */
  SignetDerTlv signature;    /* OCTET STRING, primitive */
} SignetSignerView;

typedef struct
{
  const guint8 *data; /* the SignedData's first byte */
  gsize len;          /* its TLV's length (what follows is padding) */
  GArray *signers;    /* SignetSignerView */
} SignetSignedDataView;

/* Walks the SignedData at the start of @data (@len bytes available; bytes
 * after the SignedData are allowed). NULL when the walk refuses it. The
 * view points into @data. */
SignetSignedDataView *_signet_signed_data_view_new (const guint8 *data, gsize len);
void _signet_signed_data_view_free (SignetSignedDataView *view);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetSignedDataView, _signet_signed_data_view_free)

/* The dotted string libtasn1's decoder stores for an OBJECT IDENTIFIER TLV
 * (its 128-byte buffer: longer ones are cut, as there); NULL when
 * libtasn1 would refuse the encoding. */
char *_signet_der_oid_to_tasn1_string (const SignetDerTlv *oid);

/* The algorithm OID of an AlgorithmIdentifier TLV (as above), and its
 * parameters (the whole TLV of the ANY; FALSE when absent). */
char *_signet_algorithm_view_oid (const SignetDerTlv *alg);
gboolean _signet_algorithm_view_params (const SignetDerTlv *alg, SignetDerTlv *params);

G_END_DECLS
