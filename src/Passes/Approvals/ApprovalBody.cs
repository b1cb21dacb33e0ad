using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Passes;

/// <summary>
/// The signed body of a Passport approval (Json codec). Because a signed result's signature binds only the
/// body, everything that must not be replayable lives here: topic, request hash, nonce, origin and issue time.
/// </summary>
/// <param name="Topic">The topic of the request being approved.</param>
/// <param name="RequestHash">base64url(SHA-256(request envelope bytes)), see <see cref="ComputeRequestHash"/>.</param>
/// <param name="Nonce">The requester's single-use nonce.</param>
/// <param name="Origin">The requesting origin as the handler saw it (e.g. <c>https://app.example</c>).</param>
/// <param name="IssuedAt">When the approval was signed, in Unix seconds.</param>
/// <param name="Payload">The action-specific payload.</param>
public sealed record ApprovalBody(
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("requestHash")] string RequestHash,
    [property: JsonPropertyName("nonce")] string Nonce,
    [property: JsonPropertyName("origin")] string Origin,
    [property: JsonPropertyName("issuedAt")] long IssuedAt,
    [property: JsonPropertyName("payload")] JsonElement Payload)
{
    /// <summary>The Json codec for approval bodies (members in declaration order, as JavaScript would write them).</summary>
    public static ICodec<ApprovalBody> Codec { get; } = new JsonCodec<ApprovalBody>();

    /// <summary>base64url (unpadded) of the SHA-256 of the request envelope bytes.</summary>
    /// <param name="requestEnvelope">The exact request bytes the handler received.</param>
    /// <returns>The hash.</returns>
    public static string ComputeRequestHash(ReadOnlySpan<byte> requestEnvelope) =>
        Base64Url.EncodeToString(SHA256.HashData(requestEnvelope));

    /// <summary>Builds the approval for a request the handler received.</summary>
    /// <param name="requestEnvelope">The request bytes; the topic and hash are taken from them.</param>
    /// <param name="nonce">The requester's nonce.</param>
    /// <param name="origin">The requesting origin.</param>
    /// <param name="time">The clock for <see cref="IssuedAt"/>.</param>
    /// <param name="payload">The action-specific payload.</param>
    /// <returns>The approval body.</returns>
    /// <exception cref="PassesFormatException">The request bytes are malformed.</exception>
    public static ApprovalBody ForRequest(ReadOnlySpan<byte> requestEnvelope, string nonce, string origin, TimeProvider time, JsonElement payload)
    {
        ArgumentNullException.ThrowIfNull(time);
        var topic = RequestEnvelopeV0.ReadTopic(requestEnvelope);
        return new ApprovalBody(topic, ComputeRequestHash(requestEnvelope), nonce, origin, time.GetUtcNow().ToUnixTimeSeconds(), payload);
    }
}
