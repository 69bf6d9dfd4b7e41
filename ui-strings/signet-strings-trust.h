/* signet-strings-trust.h: the sentences of trust questions and decisions.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *signet_strings_trust_title (const char *kind);
char *signet_strings_trust_explain_untrusted_root (const char *signer, const char *root);
char *signet_strings_trust_explain_issuer_unknown (const char *signer, const char *issuer);
char *signet_strings_trust_explain_self_signed (const char *signer);
char *signet_strings_trust_explain_certificate_changed (const char *address,
                                                        gboolean issuer_changed,
                                                        const char *old_issuer,
                                                        const char *new_issuer);
char *signet_strings_trust_explain_address_mismatch (const char *signer,
                                                     const char *certificate_addresses,
                                                     guint n_certificate_addresses,
                                                     const char *message_address);
const char *signet_strings_trust_advice (const char *kind);
char *signet_strings_trust_choice_label (const char *choice, const char *address);
const char *signet_strings_trust_fact_label (const char *fact);
char *signet_strings_trust_warning_message (const char *code, GVariant *details);
const char *signet_strings_trust_kind_label (const char *kind);
char *signet_strings_trust_format_date (gint64 unix_time);

G_END_DECLS
