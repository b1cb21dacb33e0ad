// Passes errors: one class, a closed list of stable codes (the same strings as the C# PassesErrorCodes).

/** Stable machine-readable codes; identical to Passes.PassesErrorCodes in C#. */
export const PassesErrorCodes = Object.freeze({
  Truncated: 'passes.truncated',
  UnknownVersion: 'passes.unknown_version',
  TopicEmpty: 'passes.topic_empty',
  TopicTooLong: 'passes.topic_too_long',
  InvalidUtf8: 'passes.invalid_utf8',
  InvalidUtf16: 'passes.invalid_utf16',
  EmptyResult: 'passes.empty_result',
  UnknownStatus: 'passes.unknown_status',
  TrailingBytes: 'passes.trailing_bytes',
  FieldLength: 'passes.field_length',
  InvalidBoolean: 'passes.invalid_boolean',
  InvalidNumber: 'passes.invalid_number',
  InvalidBigInt: 'passes.invalid_bigint',
  NegativeBigInt: 'passes.negative_bigint',
  InvalidJson: 'passes.invalid_json',
  UnsupportedJsonValue: 'passes.unsupported_json_value',
  TopicMismatch: 'passes.topic_mismatch',
  NestedWrapper: 'passes.nested_wrapper',
  InvalidJwk: 'passes.invalid_jwk',
  InvalidSignature: 'passes.invalid_signature',
  SignerMismatch: 'passes.signer_mismatch',
  NotAccepted: 'passes.not_accepted',
  MissingValue: 'passes.missing_value',
});

/** Malformed Passes bytes or a value that has no encoding. `code` is one of PassesErrorCodes. */
export class PassesFormatError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = 'PassesFormatError';
    this.code = code;
  }
}

/** A signed result whose signature does not verify, or was made by another key than expected. */
export class PassesSignatureError extends PassesFormatError {
  constructor(code, message, options) {
    super(code, message, options);
    this.name = 'PassesSignatureError';
  }
}

/** Codes of the browser transport (polyfill), not of the wire format. */
export const PassesTransportCodes = Object.freeze({
  ProviderClosed: 'passes.provider_closed',
  PopupBlocked: 'passes.popup_blocked',
  Timeout: 'passes.timeout',
  Busy: 'passes.busy',
  InvalidMessage: 'passes.invalid_message',
});

/** The request could not be delivered or answered (window closed, popup blocked, timeout). */
export class PassesTransportError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'PassesTransportError';
    this.code = code;
  }
}
