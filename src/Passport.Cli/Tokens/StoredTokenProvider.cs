using Passport.Agent;

namespace Passport.Cli;

/// <summary>Presents the stored token of an audience; when refused, re-acquires it the way it was obtained (login or delegation exchange) and stores it.</summary>
internal sealed class StoredTokenProvider(PassportClient client, IdentityStore store, PassportAccessToken stored) : IAccessTokenProvider
{
    private PassportAccessToken _current = stored;

    public async ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (!forceRefresh)
        {
            return _current.Token;
        }
        _current = _current.IsDelegation
            ? await client.ExchangeAsync(_current.Principal!, _current.Scope, _current.Audience, cancellationToken)
            : await client.GetTokenAsync(_current.Audience, cancellationToken);
        store.SaveToken(_current);
        return _current.Token;
    }
}
