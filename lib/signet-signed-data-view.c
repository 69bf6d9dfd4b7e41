/* signet-signed-data-view.c: see signet-signed-data-view.h.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The shapes walked are those of signet-cms.asn:
 *
 *   SignedData ::= SEQUENCE { version INTEGER, digestAlgorithms SET OF
 *     AlgorithmIdentifier, encapContentInfo SEQUENCE { eContentType OID,
 *     eContent [0] EXPLICIT ANY OPTIONAL }, certificates [0] IMPLICIT SET
 *     OF ANY OPTIONAL, crls [1] IMPLICIT SET OF ANY OPTIONAL, signerInfos
 *     SET OF SignerInfo }
 *   SignerInfo ::= SEQUENCE { version INTEGER, sid CHOICE {
 *     IssuerAndSerialNumber SEQUENCE { issuer ANY, serialNumber INTEGER },
 *     [0] IMPLICIT OCTET STRING }, digestAlgorithm AlgorithmIdentifier,
 *     signedAttrs [0] IMPLICIT SET OF Attribute OPTIONAL,
 *     signatureAlgorithm AlgorithmIdentifier, signature OCTET STRING,
 *     unsignedAttrs [1] IMPLICIT SET OF Attribute OPTIONAL }
 *   Attribute ::= SEQUENCE { type OID, values SET OF ANY }
 *   AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }
 *
 * Every element's identifier is compared as one octet (0x30 SEQUENCE,
 * 0x31 SET, 0x02 INTEGER, 0x06 OID, 0x04 OCTET STRING, 0xa0/0xa1 the
 * constructed context tags, 0x80 the primitive [0]), every SEQUENCE must
 * be used up, and every OID must be one libtasn1 reads
 * (asn1_get_object_id_der(), which libtasn1's decoder calls).
 */
#include "config.h"

#include "signet-signed-data-view.h"

#include <libtasn1.h>

static gboolean
read_exact (SignetDerReader *r, guint8 identifier, SignetDerTlv *out)
{
  return signet_der_read (r, out) && out->start[0] == identifier;
}

/* An ANY: any TLV with a one-octet identifier (libtasn1 takes its bytes). */
static gboolean
read_any (SignetDerReader *r, SignetDerTlv *out)
{
  return signet_der_read (r, out) && (out->start[0] & 0x1f) != 0x1f;
}

static gboolean
peek_identifier (const SignetDerReader *r, guint8 identifier)
{
  return r->pos < r->end && r->pos[0] == identifier;
}

char *
_signet_der_oid_to_tasn1_string (const SignetDerTlv *oid)
{
  char temp[128]; /* libtasn1's decoder's buffer */
  int ret_len = 0;

  if (oid->total_len < 2 || oid->total_len > G_MAXINT ||
      asn1_get_object_id_der (oid->start + 1, (int) (oid->total_len - 1), &ret_len, temp,
                              sizeof temp) != ASN1_SUCCESS ||
      (gsize) ret_len != oid->total_len - 1 || temp[0] == '\0')
    return NULL;
  return g_strdup (temp);
}

static gboolean
read_oid (SignetDerReader *r, SignetDerTlv *out)
{
  g_autofree char *text = NULL;

  if (!read_exact (r, 0x06, out))
    return FALSE;
  text = _signet_der_oid_to_tasn1_string (out);
  return text != NULL;
}

static gboolean
read_integer (SignetDerReader *r, SignetDerTlv *out)
{
  return read_exact (r, 0x02, out) && out->value_len > 0;
}

static gboolean
check_algorithm (const SignetDerTlv *alg)
{
  SignetDerReader r;
  SignetDerTlv oid, params;

  signet_der_reader_init_contents (&r, alg);
  if (!read_oid (&r, &oid))
    return FALSE;
  if (!signet_der_reader_at_end (&r) && !read_any (&r, &params))
    return FALSE;
  return signet_der_reader_at_end (&r);
}

static gboolean
read_algorithm (SignetDerReader *r, SignetDerTlv *out)
{
  return read_exact (r, 0x30, out) && check_algorithm (out);
}

char *
_signet_algorithm_view_oid (const SignetDerTlv *alg)
{
  SignetDerReader r;
  SignetDerTlv oid;

  signet_der_reader_init_contents (&r, alg);
  if (!read_exact (&r, 0x06, &oid))
    return NULL;
  return _signet_der_oid_to_tasn1_string (&oid);
}

gboolean
_signet_algorithm_view_params (const SignetDerTlv *alg, SignetDerTlv *params)
{
  SignetDerReader r;
  SignetDerTlv oid;

  signet_der_reader_init_contents (&r, alg);
  return read_exact (&r, 0x06, &oid) && !signet_der_reader_at_end (&r) && read_any (&r, params);
}

/* SET OF ANY (also the contents of [0]/[1] IMPLICIT SET OF ANY). */
static gboolean
check_set_of_any (const SignetDerTlv *set, guint *count)
{
  SignetDerReader r;
  SignetDerTlv any;
  guint n = 0;

  signet_der_reader_init_contents (&r, set);
  while (!signet_der_reader_at_end (&r))
    {
      if (!read_any (&r, &any))
        return FALSE;
      n++;
    }
  if (count != NULL)
    *count = n;
  return TRUE;
}

/* [0] or [1] IMPLICIT SET OF Attribute; the attributes go to @out. */
static gboolean
read_attributes (const SignetDerTlv *set, GArray *out)
{
  SignetDerReader r;

  signet_der_reader_init_contents (&r, set);
  while (!signet_der_reader_at_end (&r))
    {
      SignetAttributeView a = { 0 };
      SignetDerTlv attr, values;
      SignetDerReader ar;

      if (!read_exact (&r, 0x30, &attr))
        return FALSE;
      signet_der_reader_init_contents (&ar, &attr);
      if (!read_oid (&ar, &a.type) || !read_exact (&ar, 0x31, &values) ||
          !check_set_of_any (&values, &a.n_values) || !signet_der_reader_at_end (&ar))
        return FALSE;
      if (out != NULL)
        g_array_append_val (out, a);
    }
  return TRUE;
}

static void
signer_view_clear (gpointer data)
{
  SignetSignerView *s = data;

  g_clear_pointer (&s->attributes, g_array_unref);
}

static gboolean
read_signer (const SignetDerTlv *tlv, SignetSignerView *s)
{
  SignetDerReader r;
  SignetDerTlv version, unsigned_attrs;

  signet_der_reader_init_contents (&r, tlv);
  if (!read_integer (&r, &version))
    return FALSE;

  if (peek_identifier (&r, 0x30))
    {
      SignetDerTlv ias;
      SignetDerReader ir;

      if (!read_exact (&r, 0x30, &ias))
        return FALSE;
      signet_der_reader_init_contents (&ir, &ias);
      if (!read_any (&ir, &s->issuer) || !read_integer (&ir, &s->serial) || !signet_der_reader_at_end (&ir))
        return FALSE;
      s->has_issuer_serial = TRUE;
    }
  else if (peek_identifier (&r, 0x80))
    {
      if (!read_exact (&r, 0x80, &s->ski))
        return FALSE;
      s->has_ski = TRUE;
    }
  else
    return FALSE;

  if (!read_algorithm (&r, &s->digest_alg))
    return FALSE;
  if (peek_identifier (&r, 0xa0))
    {
      if (!read_exact (&r, 0xa0, &s->signed_attrs))
        return FALSE;
      s->has_signed_attrs = TRUE;
      s->attributes = g_array_new (FALSE, TRUE, sizeof (SignetAttributeView));
      if (!read_attributes (&s->signed_attrs, s->attributes))
        return FALSE;
    }
  if (!read_algorithm (&r, &s->sig_alg) || !read_exact (&r, 0x04, &s->signature))
    return FALSE;
  if (peek_identifier (&r, 0xa1) &&
      (!read_exact (&r, 0xa1, &unsigned_attrs) || !read_attributes (&unsigned_attrs, NULL)))
    return FALSE;
  return signet_der_reader_at_end (&r);
}

SignetSignedDataView *
_signet_signed_data_view_new (const guint8 *data, gsize len)
{
  g_autoptr (SignetSignedDataView) view = g_new0 (SignetSignedDataView, 1);
  SignetDerReader outer, r, sr;
  SignetDerTlv sd, tlv, encap, set;

  if (data == NULL || len == 0)
    return NULL;
  view->signers = g_array_new (FALSE, TRUE, sizeof (SignetSignerView));
  g_array_set_clear_func (view->signers, signer_view_clear);

  signet_der_reader_init (&outer, data, len);
  if (!read_exact (&outer, 0x30, &sd))
    return NULL;
  view->data = data;
  view->len = sd.total_len;
  signet_der_reader_init_contents (&r, &sd);

  if (!read_integer (&r, &tlv))
    return NULL;

  /* digestAlgorithms SET OF AlgorithmIdentifier */
  if (!read_exact (&r, 0x31, &set))
    return NULL;
  signet_der_reader_init_contents (&sr, &set);
  while (!signet_der_reader_at_end (&sr))
    if (!read_algorithm (&sr, &tlv))
      return NULL;

  /* encapContentInfo */
  if (!read_exact (&r, 0x30, &encap))
    return NULL;
  {
    SignetDerReader er;
    SignetDerTlv oid, explicit_tag, content;

    signet_der_reader_init_contents (&er, &encap);
    if (!read_oid (&er, &oid))
      return NULL;
    if (!signet_der_reader_at_end (&er))
      {
        SignetDerReader xr;

        if (!read_exact (&er, 0xa0, &explicit_tag))
          return NULL;
        signet_der_reader_init_contents (&xr, &explicit_tag);
        if (!read_any (&xr, &content) || !signet_der_reader_at_end (&xr))
          return NULL;
      }
    if (!signet_der_reader_at_end (&er))
      return NULL;
  }

  /* certificates [0], crls [1] */
  if (peek_identifier (&r, 0xa0) && (!read_exact (&r, 0xa0, &tlv) || !check_set_of_any (&tlv, NULL)))
    return NULL;
  if (peek_identifier (&r, 0xa1) && (!read_exact (&r, 0xa1, &tlv) || !check_set_of_any (&tlv, NULL)))
    return NULL;

  /* signerInfos */
  if (!read_exact (&r, 0x31, &set) || !signet_der_reader_at_end (&r))
    return NULL;
  signet_der_reader_init_contents (&sr, &set);
  while (!signet_der_reader_at_end (&sr))
    {
      SignetSignerView s = { 0 };

      if (!read_exact (&sr, 0x30, &tlv))
        return NULL;
      if (!read_signer (&tlv, &s))
        {
          signer_view_clear (&s);
          return NULL;
        }
      g_array_append_val (view->signers, s);
    }
  return g_steal_pointer (&view);
}

void
_signet_signed_data_view_free (SignetSignedDataView *view)
{
  if (view == NULL)
    return;
  g_clear_pointer (&view->signers, g_array_unref);
  g_free (view);
}
