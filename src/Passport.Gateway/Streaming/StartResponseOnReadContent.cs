using System.Net;

namespace Passport.Gateway.Streaming;

/// <summary>
/// The upstream's response content, unchanged, except that opening it for reading first starts the client response
/// (status and headers flushed by Kestrel). YARP opens it right before it copies the body (see
/// <see cref="EventStreamHeadersTransform"/>). Content headers were already copied to the client, so this wrapper needs none.
/// </summary>
internal sealed class StartResponseOnReadContent(HttpContent inner, HttpResponse response) : HttpContent
{
    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
    {
        await StartResponseAsync(cancellationToken);
        return await inner.ReadAsStreamAsync(cancellationToken);
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => inner.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        inner.CopyToAsync(stream, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    private async Task StartResponseAsync(CancellationToken cancellationToken)
    {
        if (response.HasStarted) return;
        try
        {
            // Kestrel's StartAsync only writes the headers into its output buffer; the flush puts them on the wire.
            await response.StartAsync(cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client or the activity timeout ended the request; YARP's body copy that follows reports it as usual.
        }
    }
}
