namespace Passes;

/// <summary>
/// The closed list of stable error codes carried by <see cref="PassesFormatException.Code"/>.
/// Codes never change meaning once published; callers may switch on them.
/// </summary>
public static class PassesErrorCodes
{
    /// <summary>The input ended before a field it declares (version, length prefix, topic, entry, key, signature).</summary>
    public const string Truncated = "passes.truncated";

    /// <summary>A request envelope starts with a version byte other than <c>0x00</c>.</summary>
    public const string UnknownVersion = "passes.unknown_version";

    /// <summary>A topic to encode is the empty string.</summary>
    public const string TopicEmpty = "passes.topic_empty";

    /// <summary>A topic to encode is longer than 256 UTF-8 bytes.</summary>
    public const string TopicTooLong = "passes.topic_too_long";

    /// <summary>Bytes that must be UTF-8 text (topic, string body, exception message, JSON, URI) are not valid UTF-8.</summary>
    public const string InvalidUtf8 = "passes.invalid_utf8";

    /// <summary>A string to encode contains a lone UTF-16 surrogate and so has no UTF-8 form.</summary>
    public const string InvalidUtf16 = "passes.invalid_utf16";

    /// <summary>A result envelope is empty (it has no status byte).</summary>
    public const string EmptyResult = "passes.empty_result";

    /// <summary>A result envelope's status byte is above <c>0x03</c>.</summary>
    public const string UnknownStatus = "passes.unknown_status";

    /// <summary>Bytes follow a field that must end the input (e.g. after a rejected or unsupported status).</summary>
    public const string TrailingBytes = "passes.trailing_bytes";

    /// <summary>A length-prefixed field (other than the topic) is empty or longer than its prefix can express.</summary>
    public const string FieldLength = "passes.field_length";

    /// <summary>A Boolean body is not exactly one byte <c>00</c> or <c>01</c>.</summary>
    public const string InvalidBoolean = "passes.invalid_boolean";

    /// <summary>A Number body is not exactly four bytes.</summary>
    public const string InvalidNumber = "passes.invalid_number";

    /// <summary>A BigInt body is not canonical lowercase hexadecimal (no sign, no prefix, no leading zeros).</summary>
    public const string InvalidBigInt = "passes.invalid_bigint";

    /// <summary>A negative BigInt was given to encode; the wire format cannot represent it.</summary>
    public const string NegativeBigInt = "passes.negative_bigint";

    /// <summary>A JSON body does not parse, or does not bind to the expected type.</summary>
    public const string InvalidJson = "passes.invalid_json";

    /// <summary>A value cannot be represented as JSON the way JavaScript would write it (e.g. NaN where a value is required).</summary>
    public const string UnsupportedJsonValue = "passes.unsupported_json_value";

    /// <summary>A request was decoded with a <c>RequestTopic</c> whose id differs from the envelope's topic.</summary>
    public const string TopicMismatch = "passes.topic_mismatch";

    /// <summary>A wrapper request contains a wrapper it may not contain (batch in batch, default-provider in batch or in default-provider).</summary>
    public const string NestedWrapper = "passes.nested_wrapper";

    /// <summary>A signed result's public key is not an Ed25519 public JWK (or carries private key material).</summary>
    public const string InvalidJwk = "passes.invalid_jwk";

    /// <summary>A signed result's signature is not 64 bytes or does not verify over the body.</summary>
    public const string InvalidSignature = "passes.invalid_signature";

    /// <summary>A signed result verified, but with a key other than the one the caller expected.</summary>
    public const string SignerMismatch = "passes.signer_mismatch";

    /// <summary>A signed result was expected but the result envelope's status is not accepted.</summary>
    public const string NotAccepted = "passes.not_accepted";

    /// <summary>A value the wire format requires is null (e.g. a default-provider request without an inner request or URI).</summary>
    public const string MissingValue = "passes.missing_value";

    /// <summary>Every code in this class, for tests and documentation.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Truncated, UnknownVersion, TopicEmpty, TopicTooLong, InvalidUtf8, InvalidUtf16, EmptyResult,
        UnknownStatus, TrailingBytes, FieldLength, InvalidBoolean, InvalidNumber, InvalidBigInt,
        NegativeBigInt, InvalidJson, UnsupportedJsonValue, TopicMismatch, NestedWrapper, InvalidJwk,
        InvalidSignature, SignerMismatch, NotAccepted, MissingValue,
    ];
}
