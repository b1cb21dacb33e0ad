namespace Passport.Agent;

/// <summary>Supplies the access token <see cref="DpopHandler"/> presents; asked again with <c>forceRefresh</c> after an <c>invalid_token</c> refusal.</summary>
public interface IAccessTokenProvider
{
    /// <summary>The token to present. When <paramref name="forceRefresh"/> is true the cached one was refused: acquire a new one.</summary>
    ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
}
