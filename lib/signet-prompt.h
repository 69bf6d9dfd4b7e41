/* signet-prompt.h: a trust question about a signature, as data.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "signet-certificate.h"
#include "signet-signature.h"
#include "signet-trust.h"

G_BEGIN_DECLS

/**
 * SignetPromptKind:
 * @SIGNET_PROMPT_UNTRUSTED_ROOT: the chain ends at a root nobody chose to
 *   trust
 * @SIGNET_PROMPT_ISSUER_UNKNOWN: an issuer's certificate is missing (advice
 *   only, no trust choice)
 * @SIGNET_PROMPT_SELF_SIGNED: the signer's certificate is self-signed
 * @SIGNET_PROMPT_CERTIFICATE_CHANGED: the sender signed with another
 *   certificate before
 * @SIGNET_PROMPT_ADDRESS_MISMATCH: the certificate does not name the
 *   address the message comes from
 *
 * What a trust question is about.
 *
 * Since: 0.1
 */
typedef enum
{
  SIGNET_PROMPT_UNTRUSTED_ROOT,
  SIGNET_PROMPT_ISSUER_UNKNOWN,
  SIGNET_PROMPT_SELF_SIGNED,
  SIGNET_PROMPT_CERTIFICATE_CHANGED,
  SIGNET_PROMPT_ADDRESS_MISMATCH,
} SignetPromptKind;

/* Stable choice ids. */
/**
 * SIGNET_PROMPT_CHOICE_TRUST_AUTHORITY:
 *
 * The choice that makes the root a trust anchor.
 *
 * Since: 0.1
 */
#define SIGNET_PROMPT_CHOICE_TRUST_AUTHORITY "trust-authority"
/**
 * SIGNET_PROMPT_CHOICE_TRUST_SENDER:
 *
 * The choice that pins the signer's certificate to the address, permanently.
 *
 * Since: 0.1
 */
#define SIGNET_PROMPT_CHOICE_TRUST_SENDER "trust-sender"
/**
 * SIGNET_PROMPT_CHOICE_TRUST_SESSION:
 *
 * The choice that pins the signer's certificate to the address for this
 * session.
 *
 * Since: 0.1
 */
#define SIGNET_PROMPT_CHOICE_TRUST_SESSION "trust-session"
/**
 * SIGNET_PROMPT_CHOICE_DISTRUST_AUTHORITY:
 *
 * The choice that distrusts the root.
 *
 * Since: 0.1
 */
#define SIGNET_PROMPT_CHOICE_DISTRUST_AUTHORITY "distrust-authority"
/**
 * SIGNET_PROMPT_CHOICE_DISTRUST:
 *
 * The choice that distrusts the signer's certificate.
 *
 * Since: 0.1
 */
#define SIGNET_PROMPT_CHOICE_DISTRUST "distrust"
/**
 * SIGNET_PROMPT_CHOICE_ACCEPT_NEW:
 *
 * The choice that accepts a sender's new certificate.
 *
 * Since: 0.1
 */
#define SIGNET_PROMPT_CHOICE_ACCEPT_NEW "accept-new"
/**
 * SIGNET_PROMPT_CHOICE_REJECT_NEW:
 *
 * The choice that distrusts a sender's new certificate.
 *
 * Since: 0.1
 */
#define SIGNET_PROMPT_CHOICE_REJECT_NEW "reject-new"
/**
 * SIGNET_PROMPT_CHOICE_PIN_ADDRESS:
 *
 * The choice that pins the signer's certificate to the message's address.
 *
 * Since: 0.1
 */
#define SIGNET_PROMPT_CHOICE_PIN_ADDRESS "pin-address"

const char *signet_prompt_kind_to_string (SignetPromptKind kind);

#define SIGNET_TYPE_PROMPT (signet_prompt_get_type ())
G_DECLARE_FINAL_TYPE (SignetPrompt, signet_prompt, SIGNET, PROMPT, GObject)

SignetPrompt *signet_prompt_new_for_signature (SignetSignature *signature, SignetTrust *trust);

SignetPromptKind signet_prompt_get_kind (SignetPrompt *self);
const char *signet_prompt_get_title (SignetPrompt *self);
const char *signet_prompt_get_explanation (SignetPrompt *self);
const char *signet_prompt_get_advice (SignetPrompt *self);
SignetCertificate *signet_prompt_get_signer (SignetPrompt *self);
SignetCertificate *signet_prompt_get_subject (SignetPrompt *self);
const char *signet_prompt_get_address (SignetPrompt *self);
const char *signet_prompt_get_previous_sha256 (SignetPrompt *self);

guint signet_prompt_get_n_facts (SignetPrompt *self);
const char *signet_prompt_get_fact_id (SignetPrompt *self, guint index);
const char *signet_prompt_get_fact_label (SignetPrompt *self, guint index);
const char *signet_prompt_get_fact_value (SignetPrompt *self, guint index);
const char *signet_prompt_lookup_fact (SignetPrompt *self, const char *id);

guint signet_prompt_get_n_choices (SignetPrompt *self);
const char *signet_prompt_get_choice_id (SignetPrompt *self, guint index);
const char *signet_prompt_get_choice_label (SignetPrompt *self, guint index);
gboolean signet_prompt_has_choice (SignetPrompt *self, const char *choice);

char *signet_prompt_to_json (SignetPrompt *self, gboolean pretty);

/* Records the answer (implemented in signet-trust.c). */
gboolean
signet_trust_apply (SignetTrust *trust, SignetPrompt *prompt, const char *choice, GError **error);

G_END_DECLS
