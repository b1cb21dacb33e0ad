using Passes.Internal;

namespace Passes;

/// <summary>
/// A version-0 result envelope: <c>[status byte][rest]</c> (there is no version byte).
/// Create one with <see cref="Accepted"/>, <see cref="Rejected"/>, <see cref="Unsupported"/> or <see cref="Exception"/>.
/// </summary>
public sealed record ResultEnvelopeV0
{
    private ResultEnvelopeV0(ResultStatus status, ReadOnlyMemory<byte> body, string? message)
    {
        Status = status;
        Body = body;
        Message = message;
    }

    /// <summary>The result status.</summary>
    public ResultStatus Status { get; }

    /// <summary>The accepted body (codec bytes); empty for every other status.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The exception message when <see cref="Status"/> is <see cref="ResultStatus.Exception"/>, otherwise null.</summary>
    public string? Message { get; }

    /// <summary>An accepted result carrying <paramref name="body"/>.</summary>
    /// <param name="body">The encoded result body; may be empty.</param>
    /// <returns>The result.</returns>
    public static ResultEnvelopeV0 Accepted(ReadOnlyMemory<byte> body) => new(ResultStatus.Accepted, body, null);

    /// <summary>A rejected result.</summary>
    /// <returns>The result.</returns>
    public static ResultEnvelopeV0 Rejected() => new(ResultStatus.Rejected, ReadOnlyMemory<byte>.Empty, null);

    /// <summary>An unsupported-topic result.</summary>
    /// <returns>The result.</returns>
    public static ResultEnvelopeV0 Unsupported() => new(ResultStatus.Unsupported, ReadOnlyMemory<byte>.Empty, null);

    /// <summary>An exception result with a message.</summary>
    /// <param name="message">The message; may be empty.</param>
    /// <returns>The result.</returns>
    public static ResultEnvelopeV0 Exception(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(ResultStatus.Exception, ReadOnlyMemory<byte>.Empty, message);
    }

    /// <summary>Encodes this result to its wire bytes.</summary>
    /// <returns>The result bytes.</returns>
    /// <exception cref="PassesFormatException">An exception message contains a lone surrogate.</exception>
    public byte[] Encode()
    {
        ReadOnlySpan<byte> rest = Status switch
        {
            ResultStatus.Accepted => Body.Span,
            ResultStatus.Exception => StrictUtf8.Encode(Message!, "Exception message"),
            _ => [],
        };
        var output = new byte[1 + rest.Length];
        output[0] = (byte)Status;
        rest.CopyTo(output.AsSpan(1));
        return output;
    }

    /// <summary>Decodes result bytes, rejecting everything the wire format does not allow.</summary>
    /// <param name="bytes">The result bytes.</param>
    /// <returns>The decoded result; <see cref="Body"/> is a copy.</returns>
    /// <exception cref="PassesFormatException">
    /// <see cref="PassesErrorCodes.EmptyResult"/>, <see cref="PassesErrorCodes.UnknownStatus"/>,
    /// <see cref="PassesErrorCodes.TrailingBytes"/> or <see cref="PassesErrorCodes.InvalidUtf8"/>.
    /// </exception>
    public static ResultEnvelopeV0 Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new PassesFormatException(PassesErrorCodes.EmptyResult, "Result is empty: the status byte is missing.");
        }

        var rest = bytes[1..];
        switch (bytes[0])
        {
            case (byte)ResultStatus.Accepted:
                return Accepted(rest.ToArray());
            case (byte)ResultStatus.Rejected:
            case (byte)ResultStatus.Unsupported:
                var status = (ResultStatus)bytes[0];
                if (!rest.IsEmpty)
                {
                    throw new PassesFormatException(
                        PassesErrorCodes.TrailingBytes,
                        $"A {status} result carries nothing, but {rest.Length} bytes follow the status.");
                }

                return status == ResultStatus.Rejected ? Rejected() : Unsupported();
            case (byte)ResultStatus.Exception:
                return Exception(StrictUtf8.Decode(rest, "Exception message"));
            default:
                throw new PassesFormatException(
                    PassesErrorCodes.UnknownStatus,
                    $"Result status byte 0x{bytes[0]:x2} is unknown; 0x00..0x03 are defined.");
        }
    }

    /// <summary>Value equality including the body bytes.</summary>
    /// <param name="other">The result to compare with.</param>
    /// <returns>Whether status, body bytes and message are equal.</returns>
    public bool Equals(ResultEnvelopeV0? other) =>
        other is not null && Status == other.Status && Message == other.Message && Body.Span.SequenceEqual(other.Body.Span);

    /// <summary>A hash over status, message and body length.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Status, Message, Body.Length);
}
