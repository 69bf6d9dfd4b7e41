/* signet-name-constraints.h: name constraints along a certification path
 * (RFC 5280 4.2.1.10, 6.1.3 (b), (c), 6.1.4 (g)).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

#include "signet-certificate.h"

G_BEGIN_DECLS

/* Subtrees kept from one certificate's nameConstraints, and names checked
 * in one certificate. */
#define SIGNET_MAX_NAME_SUBTREES 256
#define SIGNET_MAX_NAMES_PER_CERT 256

typedef struct _SignetNameConstraints SignetNameConstraints;

SignetNameConstraints *signet_name_constraints_new (void);
void signet_name_constraints_free (SignetNameConstraints *self);

gboolean signet_name_constraints_add (SignetNameConstraints *self, SignetCertificate *ca);
gboolean signet_name_constraints_check (SignetNameConstraints *self, SignetCertificate *cert);

gboolean signet_dn_equal (GBytes *a, GBytes *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetNameConstraints, signet_name_constraints_free)

G_END_DECLS
