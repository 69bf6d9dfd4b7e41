/* signet-policy-tree.c: certificate policy processing of RFC 5280 6.1.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-policy-tree.h"

#include <string.h>

#include "signet-certificate-private.h"
#include "signet-der.h"
#include "signet-gnutls-private.h"
#include "signet-oids.h"

/**
 * SignetPolicyTree:
 *
 * The policy state of one path being validated: the valid_policy_tree of
 * RFC 5280 6.1.2 (a), the explicit_policy, inhibit_anyPolicy and
 * policy_mapping counters, and the user-initial-policy-set. Policy
 * qualifiers are never interpreted (they do not influence the result).
 */

typedef struct _PolicyNode PolicyNode;
struct _PolicyNode
{
  PolicyNode *parent;
  GPtrArray *children; /* PolicyNode, not owned */
  char *valid_policy;
  GPtrArray *expected; /* char *, owned */
  guint depth;
  gboolean deleted;
};

struct _SignetPolicyTree
{
  GPtrArray *nodes; /* every node ever made, owned */
  PolicyNode *root;
  gboolean null_tree;
  gboolean failed;
  guint n;
  GStrv initial; /* NULL: { anyPolicy } */
  gint64 explicit_policy;
  gint64 policy_mapping;
  gint64 inhibit_any_policy;
};

static void
policy_node_free (PolicyNode *node)
{
  g_ptr_array_unref (node->children);
  g_ptr_array_unref (node->expected);
  g_free (node->valid_policy);
  g_free (node);
}

static PolicyNode *
add_node (SignetPolicyTree *self, PolicyNode *parent, const char *valid_policy, GPtrArray *expected)
{
  PolicyNode *node;

  if (self->nodes->len >= SIGNET_MAX_POLICY_NODES)
    {
      self->failed = TRUE;
      return NULL;
    }
  node = g_new0 (PolicyNode, 1);
  node->parent = parent;
  node->children = g_ptr_array_new ();
  node->valid_policy = g_strdup (valid_policy);
  node->expected = g_ptr_array_new_with_free_func (g_free);
  if (expected != NULL)
    for (guint i = 0; i < expected->len; i++)
      g_ptr_array_add (node->expected, g_strdup (g_ptr_array_index (expected, i)));
  else
    g_ptr_array_add (node->expected, g_strdup (valid_policy));
  node->depth = parent != NULL ? parent->depth + 1 : 0;
  if (parent != NULL)
    g_ptr_array_add (parent->children, node);
  g_ptr_array_add (self->nodes, node);
  return node;
}

static void
mark_deleted (PolicyNode *node)
{
  node->deleted = TRUE;
  for (guint i = 0; i < node->children->len; i++)
    mark_deleted (g_ptr_array_index (node->children, i));
}

static void
delete_node (SignetPolicyTree *self, PolicyNode *node)
{
  mark_deleted (node);
  if (node->parent != NULL)
    g_ptr_array_remove (node->parent->children, node);
  if (node == self->root)
    self->null_tree = TRUE;
}

/* Deletes, repeatedly, every node of depth < @depth without children. */
static void
prune (SignetPolicyTree *self, guint depth)
{
  gboolean changed = TRUE;

  while (changed && !self->null_tree)
    {
      changed = FALSE;
      for (guint i = 0; i < self->nodes->len; i++)
        {
          PolicyNode *node = g_ptr_array_index (self->nodes, i);

          if (!node->deleted && node->depth < depth && node->children->len == 0)
            {
              delete_node (self, node);
              changed = TRUE;
            }
        }
    }
}

static GPtrArray *
nodes_at_depth (SignetPolicyTree *self, guint depth)
{
  GPtrArray *out = g_ptr_array_new ();

  if (self->null_tree)
    return out;
  for (guint i = 0; i < self->nodes->len; i++)
    {
      PolicyNode *node = g_ptr_array_index (self->nodes, i);

      if (!node->deleted && node->depth == depth)
        g_ptr_array_add (out, node);
    }
  return out;
}

static gboolean
str_array_contains (GPtrArray *array, const char *value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), value))
      return TRUE;
  return FALSE;
}

static gboolean
has_child_with_policy (PolicyNode *node, const char *policy)
{
  for (guint i = 0; i < node->children->len; i++)
    if (g_str_equal (((PolicyNode *) g_ptr_array_index (node->children, i))->valid_policy, policy))
      return TRUE;
  return FALSE;
}

static gboolean
fail (SignetPolicyTree *self)
{
  self->failed = TRUE;
  return FALSE;
}

/* Extension parsing (signet-der; GnuTLS has no API for mappings and
 * constraints, and its inhibitAnyPolicy getter is broken). */

typedef enum
{
  EXT_ABSENT,
  EXT_PRESENT,
  EXT_MALFORMED,
} ExtState;

static ExtState
get_extension (SignetCertificate *cert, const char *oid, GBytes **out)
{
  g_auto (gnutls_datum_t) d = { NULL, 0 };
  unsigned int critical = 0;
  int rc = _signet_certificate_get_extension_by_oid (cert, oid, &d, &critical);

  if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
    return EXT_ABSENT;
  if (rc < 0)
    return EXT_MALFORMED;
  *out = _signet_bytes_from_datum (&d);
  return EXT_PRESENT;
}

static gboolean
read_oid (SignetDerReader *reader, char **oid)
{
  SignetDerTlv tlv;

  if (!signet_der_read_expect (reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OID, &tlv))
    return FALSE;
  *oid = signet_der_oid_to_string (tlv.value, tlv.value_len);
  return *oid != NULL;
}

/* certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation
 * PolicyInformation ::= SEQUENCE { policyIdentifier, policyQualifiers OPTIONAL } */
static ExtState
read_policies (SignetCertificate *cert, GPtrArray **policies)
{
  g_autoptr (GBytes) der = NULL;
  ExtState state = get_extension (cert, SIGNET_OID_EXT_CERT_POLICIES, &der);
  g_autoptr (GPtrArray) list = NULL;
  SignetDerReader outer, seq;
  SignetDerTlv tlv;
  gsize len;
  const guint8 *data;

  if (state != EXT_PRESENT)
    return state;
  data = g_bytes_get_data (der, &len);
  list = g_ptr_array_new_with_free_func (g_free);
  signet_der_reader_init (&outer, data, len);
  if (!signet_der_read_expect (&outer, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &tlv) ||
      !signet_der_reader_at_end (&outer))
    return EXT_MALFORMED;
  signet_der_reader_init_contents (&seq, &tlv);
  while (!signet_der_reader_at_end (&seq))
    {
      SignetDerTlv info;
      SignetDerReader fields;
      g_autofree char *oid = NULL;

      if (list->len >= SIGNET_MAX_POLICIES_PER_EXTENSION ||
          !signet_der_read_expect (&seq, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE,
                                   &info))
        return EXT_MALFORMED;
      signet_der_reader_init_contents (&fields, &info);
      if (!read_oid (&fields, &oid))
        return EXT_MALFORMED;
      /* Qualifiers are skipped, but must at least be one SEQUENCE. */
      if (!signet_der_reader_at_end (&fields))
        {
          SignetDerTlv qualifiers;

          if (!signet_der_read_expect (&fields, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE,
                                       &qualifiers) ||
              !signet_der_reader_at_end (&fields))
            return EXT_MALFORMED;
        }
      /* RFC 5280 4.2.1.4: a policy identifier appears at most once. */
      if (str_array_contains (list, oid))
        return EXT_MALFORMED;
      g_ptr_array_add (list, g_steal_pointer (&oid));
    }
  if (list->len == 0)
    return EXT_MALFORMED;
  *policies = g_steal_pointer (&list);
  return EXT_PRESENT;
}

/* PolicyMappings ::= SEQUENCE SIZE (1..MAX) OF SEQUENCE {
 *   issuerDomainPolicy, subjectDomainPolicy }; @pairs holds both OIDs in turn. */
static ExtState
read_mappings (SignetCertificate *cert, GPtrArray **pairs)
{
  g_autoptr (GBytes) der = NULL;
  ExtState state = get_extension (cert, SIGNET_OID_EXT_POLICY_MAPPINGS, &der);
  g_autoptr (GPtrArray) list = NULL;
  SignetDerReader outer, seq;
  SignetDerTlv tlv;
  gsize len;
  const guint8 *data;

  if (state != EXT_PRESENT)
    return state;
  data = g_bytes_get_data (der, &len);
  list = g_ptr_array_new_with_free_func (g_free);
  signet_der_reader_init (&outer, data, len);
  if (!signet_der_read_expect (&outer, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &tlv) ||
      !signet_der_reader_at_end (&outer))
    return EXT_MALFORMED;
  signet_der_reader_init_contents (&seq, &tlv);
  while (!signet_der_reader_at_end (&seq))
    {
      SignetDerTlv pair;
      SignetDerReader fields;
      char *issuer_policy = NULL;
      char *subject_policy = NULL;

      if (list->len >= 2 * SIGNET_MAX_POLICIES_PER_EXTENSION ||
          !signet_der_read_expect (&seq, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE,
                                   &pair))
        return EXT_MALFORMED;
      signet_der_reader_init_contents (&fields, &pair);
      if (!read_oid (&fields, &issuer_policy))
        return EXT_MALFORMED;
      g_ptr_array_add (list, issuer_policy);
      if (!read_oid (&fields, &subject_policy))
        return EXT_MALFORMED;
      g_ptr_array_add (list, subject_policy);
      if (!signet_der_reader_at_end (&fields))
        return EXT_MALFORMED;
    }
  if (list->len == 0)
    return EXT_MALFORMED;
  *pairs = g_steal_pointer (&list);
  return EXT_PRESENT;
}

static gboolean
read_skip_certs (const SignetDerTlv *tlv, gint64 *out)
{
  gint64 value;

  if (tlv->value_len > 7)
    {
      /* Larger than any path: as good as unlimited, if it is positive. */
      if (tlv->value[0] & 0x80)
        return FALSE;
      *out = G_MAXINT32;
      return TRUE;
    }
  if (!signet_der_parse_small_int (tlv, &value) || value < 0)
    return FALSE;
  *out = MIN (value, G_MAXINT32);
  return TRUE;
}

/* PolicyConstraints ::= SEQUENCE { requireExplicitPolicy [0] SkipCerts OPTIONAL,
 *                                  inhibitPolicyMapping [1] SkipCerts OPTIONAL } */
static ExtState
read_constraints (SignetCertificate *cert, gint64 *require_explicit, gint64 *inhibit_mapping)
{
  g_autoptr (GBytes) der = NULL;
  ExtState state = get_extension (cert, SIGNET_OID_EXT_POLICY_CONSTRAINTS, &der);
  SignetDerReader outer, seq;
  SignetDerTlv tlv;
  gsize len;
  const guint8 *data;
  int last_tag = -1;

  *require_explicit = -1;
  *inhibit_mapping = -1;
  if (state != EXT_PRESENT)
    return state;
  data = g_bytes_get_data (der, &len);
  signet_der_reader_init (&outer, data, len);
  if (!signet_der_read_expect (&outer, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &tlv) ||
      !signet_der_reader_at_end (&outer))
    return EXT_MALFORMED;
  signet_der_reader_init_contents (&seq, &tlv);
  while (!signet_der_reader_at_end (&seq))
    {
      SignetDerTlv field;

      if (!signet_der_read (&seq, &field) || field.tag_class != SIGNET_DER_CLASS_CONTEXT ||
          field.constructed || field.tag > 1 || (int) field.tag <= last_tag)
        return EXT_MALFORMED;
      last_tag = (int) field.tag;
      if (!read_skip_certs (&field, field.tag == 0 ? require_explicit : inhibit_mapping))
        return EXT_MALFORMED;
    }
  /* RFC 5280 4.2.1.11: an empty sequence MUST NOT be issued. */
  if (last_tag < 0)
    return EXT_MALFORMED;
  return EXT_PRESENT;
}

/* InhibitAnyPolicy ::= SkipCerts */
static ExtState
read_inhibit_any (SignetCertificate *cert, gint64 *skip)
{
  g_autoptr (GBytes) der = NULL;
  ExtState state = get_extension (cert, SIGNET_OID_EXT_INHIBIT_ANY_POLICY, &der);
  SignetDerReader reader;
  SignetDerTlv tlv;
  gsize len;
  const guint8 *data;

  if (state != EXT_PRESENT)
    return state;
  data = g_bytes_get_data (der, &len);
  signet_der_reader_init (&reader, data, len);
  if (!signet_der_read_expect (&reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_INTEGER, &tlv) ||
      !signet_der_reader_at_end (&reader) || !read_skip_certs (&tlv, skip))
    return EXT_MALFORMED;
  return EXT_PRESENT;
}

/**
 * signet_policy_tree_new:
 * @n_certs: the number of certificates of the path, the trust anchor excluded
 * @initial_policies: (nullable) (array zero-terminated=1): the
 *   user-initial-policy-set; %NULL or a set holding anyPolicy for any policy
 * @initial_explicit_policy: initial-explicit-policy
 * @initial_policy_mapping_inhibit: initial-policy-mapping-inhibit
 * @initial_any_policy_inhibit: initial-any-policy-inhibit
 *
 * Initialises the policy state of RFC 5280 6.1.2.
 *
 * Returns: (transfer full): the policy state
 */
SignetPolicyTree *
signet_policy_tree_new (guint n_certs,
                        const char *const *initial_policies,
                        gboolean initial_explicit_policy,
                        gboolean initial_policy_mapping_inhibit,
                        gboolean initial_any_policy_inhibit)
{
  SignetPolicyTree *self = g_new0 (SignetPolicyTree, 1);

  self->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) policy_node_free);
  self->n = n_certs;
  if (initial_policies != NULL && initial_policies[0] != NULL &&
      !g_strv_contains (initial_policies, SIGNET_OID_ANY_POLICY))
    self->initial = g_strdupv ((char **) initial_policies);
  self->explicit_policy = initial_explicit_policy ? 0 : (gint64) n_certs + 1;
  self->policy_mapping = initial_policy_mapping_inhibit ? 0 : (gint64) n_certs + 1;
  self->inhibit_any_policy = initial_any_policy_inhibit ? 0 : (gint64) n_certs + 1;
  self->root = add_node (self, NULL, SIGNET_OID_ANY_POLICY, NULL);
  return self;
}

/**
 * signet_policy_tree_free:
 * @self: (transfer full): a policy state
 *
 * Frees the policy state.
 */
void
signet_policy_tree_free (SignetPolicyTree *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->nodes);
  g_strfreev (self->initial);
  g_free (self);
}

/* 6.1.3 (d): the certificatePolicies of certificate @i. */
static void
process_policies (SignetPolicyTree *self, SignetCertificate *cert, guint i, GPtrArray *policies)
{
  g_autoptr (GPtrArray) parents = nodes_at_depth (self, i - 1);
  gboolean has_any = FALSE;

  for (guint p = 0; p < policies->len && !self->failed; p++)
    {
      const char *policy = g_ptr_array_index (policies, p);
      gboolean matched = FALSE;

      if (g_str_equal (policy, SIGNET_OID_ANY_POLICY))
        {
          has_any = TRUE;
          continue;
        }
      for (guint k = 0; k < parents->len && !self->failed; k++)
        {
          PolicyNode *node = g_ptr_array_index (parents, k);

          if (str_array_contains (node->expected, policy))
            {
              add_node (self, node, policy, NULL);
              matched = TRUE;
            }
        }
      if (!matched)
        for (guint k = 0; k < parents->len && !self->failed; k++)
          {
            PolicyNode *node = g_ptr_array_index (parents, k);

            if (g_str_equal (node->valid_policy, SIGNET_OID_ANY_POLICY))
              add_node (self, node, policy, NULL);
          }
    }

  if (has_any &&
      (self->inhibit_any_policy > 0 || (i < self->n && signet_certificate_is_self_issued (cert))))
    {
      for (guint k = 0; k < parents->len && !self->failed; k++)
        {
          PolicyNode *node = g_ptr_array_index (parents, k);

          for (guint e = 0; e < node->expected->len && !self->failed; e++)
            {
              const char *value = g_ptr_array_index (node->expected, e);

              if (!has_child_with_policy (node, value))
                add_node (self, node, value, NULL);
            }
        }
    }

  prune (self, i);
}

/* 6.1.4 (a), (b): the policyMappings of certificate @i. */
static gboolean
process_mappings (SignetPolicyTree *self, guint i, GPtrArray *pairs)
{
  g_autoptr (GPtrArray) issuer_policies = g_ptr_array_new ();

  for (guint k = 0; k < pairs->len; k++)
    if (g_str_equal (g_ptr_array_index (pairs, k), SIGNET_OID_ANY_POLICY))
      return FALSE;

  for (guint k = 0; k < pairs->len; k += 2)
    if (!str_array_contains (issuer_policies, g_ptr_array_index (pairs, k)))
      g_ptr_array_add (issuer_policies, g_ptr_array_index (pairs, k));

  for (guint k = 0; k < issuer_policies->len && !self->null_tree && !self->failed; k++)
    {
      const char *id_p = g_ptr_array_index (issuer_policies, k);
      g_autoptr (GPtrArray) level = nodes_at_depth (self, i);
      g_autoptr (GPtrArray) mapped = g_ptr_array_new ();
      gboolean found = FALSE;

      for (guint m = 0; m < pairs->len; m += 2)
        if (g_str_equal (g_ptr_array_index (pairs, m), id_p) &&
            !str_array_contains (mapped, g_ptr_array_index (pairs, m + 1)))
          g_ptr_array_add (mapped, g_ptr_array_index (pairs, m + 1));

      if (self->policy_mapping > 0)
        {
          for (guint n = 0; n < level->len; n++)
            {
              PolicyNode *node = g_ptr_array_index (level, n);

              if (g_str_equal (node->valid_policy, id_p))
                {
                  g_ptr_array_set_size (node->expected, 0);
                  for (guint m = 0; m < mapped->len; m++)
                    g_ptr_array_add (node->expected, g_strdup (g_ptr_array_index (mapped, m)));
                  found = TRUE;
                }
            }
          if (!found)
            for (guint n = 0; n < level->len; n++)
              {
                PolicyNode *node = g_ptr_array_index (level, n);

                if (g_str_equal (node->valid_policy, SIGNET_OID_ANY_POLICY))
                  {
                    add_node (self, node->parent, id_p, mapped);
                    break;
                  }
              }
        }
      else
        {
          for (guint n = 0; n < level->len; n++)
            {
              PolicyNode *node = g_ptr_array_index (level, n);

              if (g_str_equal (node->valid_policy, id_p))
                delete_node (self, node);
            }
          prune (self, i);
        }
    }
  return TRUE;
}

/**
 * signet_policy_tree_process:
 * @self: a policy state
 * @cert: certificate @index of the path
 * @index: 1 for the certificate the trust anchor issued, up to n (the end
 *   entity)
 *
 * Runs RFC 5280 6.1.3 (d) to (f) for @cert and, when it is not the last
 * certificate, the preparation steps 6.1.4 (a), (b), (h), (i), (j).
 *
 * Returns: %FALSE when the path fails policy processing (also when a policy
 *   extension is malformed or the tree grows past %SIGNET_MAX_POLICY_NODES)
 */
gboolean
signet_policy_tree_process (SignetPolicyTree *self, SignetCertificate *cert, guint index)
{
  g_autoptr (GPtrArray) policies = NULL;
  g_autoptr (GPtrArray) pairs = NULL;
  ExtState state;
  gint64 require_explicit, inhibit_mapping, skip;

  g_return_val_if_fail (index >= 1 && index <= self->n, FALSE);
  if (self->failed)
    return FALSE;

  state = read_policies (cert, &policies);
  if (state == EXT_MALFORMED)
    return fail (self);
  if (state == EXT_PRESENT && !self->null_tree)
    process_policies (self, cert, index, policies);
  else if (state == EXT_ABSENT)
    self->null_tree = TRUE;
  if (self->failed)
    return FALSE;

  if (self->explicit_policy <= 0 && self->null_tree)
    return fail (self);

  if (index == self->n)
    return TRUE;

  state = read_mappings (cert, &pairs);
  if (state == EXT_MALFORMED || (state == EXT_PRESENT && !process_mappings (self, index, pairs)) ||
      self->failed)
    return fail (self);

  if (!signet_certificate_is_self_issued (cert))
    {
      if (self->explicit_policy > 0)
        self->explicit_policy--;
      if (self->policy_mapping > 0)
        self->policy_mapping--;
      if (self->inhibit_any_policy > 0)
        self->inhibit_any_policy--;
    }

  state = read_constraints (cert, &require_explicit, &inhibit_mapping);
  if (state == EXT_MALFORMED)
    return fail (self);
  if (require_explicit >= 0)
    self->explicit_policy = MIN (self->explicit_policy, require_explicit);
  if (inhibit_mapping >= 0)
    self->policy_mapping = MIN (self->policy_mapping, inhibit_mapping);

  state = read_inhibit_any (cert, &skip);
  if (state == EXT_MALFORMED)
    return fail (self);
  if (state == EXT_PRESENT)
    self->inhibit_any_policy = MIN (self->inhibit_any_policy, skip);

  return TRUE;
}

/* 6.1.5 (g): the intersection with the user-initial-policy-set. */
static void
intersect (SignetPolicyTree *self)
{
  g_autoptr (GPtrArray) node_set = g_ptr_array_new ();
  PolicyNode *any_leaf = NULL;

  if (self->null_tree || self->initial == NULL)
    return;

  for (guint k = 0; k < self->nodes->len; k++)
    {
      PolicyNode *node = g_ptr_array_index (self->nodes, k);

      if (!node->deleted && node->parent != NULL &&
          g_str_equal (node->parent->valid_policy, SIGNET_OID_ANY_POLICY))
        g_ptr_array_add (node_set, node);
    }
  for (guint k = 0; k < node_set->len; k++)
    {
      PolicyNode *node = g_ptr_array_index (node_set, k);

      if (!node->deleted && !g_str_equal (node->valid_policy, SIGNET_OID_ANY_POLICY) &&
          !g_strv_contains ((const char *const *) self->initial, node->valid_policy))
        delete_node (self, node);
    }

  for (guint k = 0; k < self->nodes->len; k++)
    {
      PolicyNode *node = g_ptr_array_index (self->nodes, k);

      if (!node->deleted && node->depth == self->n &&
          g_str_equal (node->valid_policy, SIGNET_OID_ANY_POLICY))
        any_leaf = node;
    }
  if (any_leaf != NULL && any_leaf->parent != NULL)
    {
      PolicyNode *parent = any_leaf->parent;

      for (guint p = 0; self->initial[p] != NULL && !self->failed; p++)
        {
          gboolean present = FALSE;

          for (guint k = 0; k < node_set->len; k++)
            {
              PolicyNode *node = g_ptr_array_index (node_set, k);

              if (!node->deleted && g_str_equal (node->valid_policy, self->initial[p]))
                present = TRUE;
            }
          if (!present)
            add_node (self, parent, self->initial[p], NULL);
        }
      delete_node (self, any_leaf);
    }
  prune (self, self->n);
}

/**
 * signet_policy_tree_finish:
 * @self: a policy state
 * @cert: the last certificate of the path (certificate n), already passed
 *   to signet_policy_tree_process()
 *
 * Runs the wrap-up of RFC 5280 6.1.5 (a), (b), (g).
 *
 * Returns: whether the path passes policy processing
 */
gboolean
signet_policy_tree_finish (SignetPolicyTree *self, SignetCertificate *cert)
{
  gint64 require_explicit, inhibit_mapping;

  if (self->failed)
    return FALSE;
  if (self->explicit_policy > 0)
    self->explicit_policy--;
  if (read_constraints (cert, &require_explicit, &inhibit_mapping) == EXT_MALFORMED)
    return fail (self);
  if (require_explicit == 0)
    self->explicit_policy = 0;

  intersect (self);
  if (self->failed)
    return FALSE;
  if (self->explicit_policy > 0 || !self->null_tree)
    return TRUE;
  self->failed = TRUE;
  return FALSE;
}

/**
 * signet_policy_tree_get_valid_policies:
 * @self: a policy state after signet_policy_tree_finish()
 *
 * Returns: (transfer full): the valid policies of the leaves of the final
 *   tree (anyPolicy when any policy is acceptable), empty when the tree is
 *   empty
 */
GStrv
signet_policy_tree_get_valid_policies (SignetPolicyTree *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GPtrArray) seen = g_ptr_array_new ();
  g_autoptr (GPtrArray) leaves = nodes_at_depth (self, self->n);

  for (guint k = 0; k < leaves->len; k++)
    {
      PolicyNode *node = g_ptr_array_index (leaves, k);

      if (!str_array_contains (seen, node->valid_policy))
        {
          g_ptr_array_add (seen, node->valid_policy);
          g_strv_builder_add (builder, node->valid_policy);
        }
    }
  return g_strv_builder_end (builder);
}
