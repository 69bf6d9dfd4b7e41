/* signet-policy-tree.h: certificate policy processing (RFC 5280 6.1.2 to
 * 6.1.5: valid_policy_tree, policy mappings, policy constraints,
 * inhibitAnyPolicy, user-initial-policy-set).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

#include "signet-certificate.h"

G_BEGIN_DECLS

/* Nodes of one valid_policy_tree; a path whose tree would grow past this
 * fails policy processing (a crafted path can make the tree explode). */
#define SIGNET_MAX_POLICY_NODES 2048
/* Policies read from one certificatePolicies or policyMappings extension. */
#define SIGNET_MAX_POLICIES_PER_EXTENSION 64

typedef struct _SignetPolicyTree SignetPolicyTree;

SignetPolicyTree *signet_policy_tree_new (guint n_certs,
                                          const char *const *initial_policies,
                                          gboolean initial_explicit_policy,
                                          gboolean initial_policy_mapping_inhibit,
                                          gboolean initial_any_policy_inhibit);
void signet_policy_tree_free (SignetPolicyTree *self);

gboolean signet_policy_tree_process (SignetPolicyTree *self, SignetCertificate *cert, guint index);
gboolean signet_policy_tree_finish (SignetPolicyTree *self, SignetCertificate *cert);
GStrv signet_policy_tree_get_valid_policies (SignetPolicyTree *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetPolicyTree, signet_policy_tree_free)

G_END_DECLS
