namespace Passport.Agent;

/// <summary>
/// Reads a server response body as bytes, bounded. JSON is UTF-8 (RFC 8259 §8.1), so the <c>charset</c> parameter is
/// ignored: <c>ReadAsStringAsync</c>/<c>ReadFromJsonAsync</c> throw <see cref="InvalidOperationException"/> for an
/// unknown charset, which would escape the SDK's typed errors.
/// </summary>
internal static class ResponseBody
{
    /// <summary>The body, or <c>null</c> when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            return null;
        }
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        // Like ReadAsStringAsync, drop a UTF-8 byte order mark (JSON parsers of bytes refuse it).
        return bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
    }
}
