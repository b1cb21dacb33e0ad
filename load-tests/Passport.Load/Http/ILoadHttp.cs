namespace Passport.Load.Http;

/// <summary>Sends one GET and returns the status code after reading the whole response.</summary>
public interface ILoadHttp : IDisposable
{
    /// <summary>Sends GET <paramref name="uri"/> with optional <c>Authorization</c> and <c>DPoP</c> headers.</summary>
    ValueTask<int> GetAsync(Uri uri, string? authorization, string? dpop, CancellationToken cancellationToken);
}
