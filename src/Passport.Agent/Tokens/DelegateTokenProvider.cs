namespace Passport.Agent;

/// <summary>An <see cref="IAccessTokenProvider"/> over a callback, or over a fixed token.</summary>
public sealed class DelegateTokenProvider : IAccessTokenProvider
{
    private readonly Func<bool, CancellationToken, ValueTask<string>> _getToken;

    /// <summary>Calls <paramref name="getToken"/> with (forceRefresh, cancellationToken).</summary>
    public DelegateTokenProvider(Func<bool, CancellationToken, ValueTask<string>> getToken) => _getToken = getToken;

    /// <summary>Always presents <paramref name="token"/> (a refresh cannot help).</summary>
    public static DelegateTokenProvider Fixed(string token) => new((_, _) => ValueTask.FromResult(token));

    /// <inheritdoc />
    public ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) => _getToken(forceRefresh, cancellationToken);
}
