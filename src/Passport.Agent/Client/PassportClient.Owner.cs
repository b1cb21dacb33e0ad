namespace Passport.Agent;

public sealed partial class PassportClient
{
    /// <summary>
    /// Asks the IdP to mail the owner of <paramref name="handle"/> a single-use approval link for <paramref name="action"/>
    /// (<c>POST /auth/owner/request</c>; see <see cref="OwnerActions"/>). The record must be claimed.
    /// </summary>
    public async Task RequestOwnerActionAsync(string handle, string action, string? newDid = null, string? actor = null,
        IReadOnlyList<string>? scopes = null, CancellationToken cancellationToken = default)
    {
        var discovery = await EnsureDiscoveryAsync(cancellationToken).ConfigureAwait(false);
        using var response = await _http.PostAsync(discovery.OwnerRequestEndpoint,
            System.Net.Http.Json.JsonContent.Create(new { handle, action, newDid, actor, scope = scopes }, options: Json), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Approves an owner action with the link token (or whole link) from the owner's mail (<c>POST /auth/owner/approve</c>).</summary>
    public async Task<OwnerActionResult> ApproveOwnerActionAsync(string linkToken, OwnerApprovalProof? proof = null, CancellationToken cancellationToken = default)
    {
        var discovery = await EnsureDiscoveryAsync(cancellationToken).ConfigureAwait(false);
        return await PostJsonAsync<OwnerActionResult>(discovery.OwnerApproveEndpoint,
            new { token = OwnerLink.ExtractToken(linkToken), proof }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Rotates to a new key: generates it (kept in the store's pending file until approved), requests the rotation,
    /// waits for <paramref name="approvalLink"/> to return the owner's link token, then completes with
    /// <see cref="CompleteRotationAsync"/>. Returns the new identity, now <see cref="Identity"/>.
    /// </summary>
    public async Task<AgentIdentity> RotateAsync(Func<CancellationToken, ValueTask<string>> approvalLink, CancellationToken cancellationToken = default)
    {
        var newIdentity = await RequestRotationAsync(cancellationToken).ConfigureAwait(false);
        var link = await approvalLink(cancellationToken).ConfigureAwait(false);
        return await CompleteRotationAsync(newIdentity, link, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Generates the next key, stores it as pending (when a store is set) and asks the owner to approve the rotation to its DID.</summary>
    public async Task<AgentIdentity> RequestRotationAsync(CancellationToken cancellationToken = default)
    {
        var identity = RequireRegistered();
        var newIdentity = new AgentIdentity(Passport.Core.Keys.Ed25519KeyPair.Generate(), identity.Handle, identity.Issuer, identity.Name,
            _options.TimeProvider.GetUtcNow());
        _options.Store?.SavePendingRotation(newIdentity);
        await RequestOwnerActionAsync(identity.Handle!, OwnerActions.Rotate, newDid: newIdentity.Did.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
        return newIdentity;
    }

    /// <summary>
    /// Completes an approved rotation: signs a challenge for the new DID with the new key, approves with that proof, then
    /// makes <paramref name="newIdentity"/> the client's identity (and the stored one; stored tokens are cleared).
    /// </summary>
    public async Task<AgentIdentity> CompleteRotationAsync(AgentIdentity newIdentity, string linkToken, CancellationToken cancellationToken = default)
    {
        var discovery = await EnsureDiscoveryAsync(cancellationToken).ConfigureAwait(false);
        var (nonce, signature) = await SignChallengeAsync(newIdentity, discovery, cancellationToken).ConfigureAwait(false);
        await ApproveOwnerActionAsync(linkToken, new OwnerApprovalProof(nonce, signature), cancellationToken).ConfigureAwait(false);
        if (_options.Store is { } store)
        {
            store.Save(newIdentity);
            store.ClearTokens();
            store.DeletePendingRotation();
        }
        Identity = newIdentity;
        return newIdentity;
    }

    /// <summary>The development outbox of the IdP (<c>GET /dev/outbox</c>), oldest first. Only a development IdP serves it.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> GetDevOutboxAsync(CancellationToken cancellationToken = default)
    {
        var discovery = await EnsureDiscoveryAsync(cancellationToken).ConfigureAwait(false);
        var outbox = await GetJsonAsync<Outbox>(discovery.DevOutboxEndpoint, cancellationToken).ConfigureAwait(false);
        return outbox.Messages ?? [];
    }

    private AgentIdentity RequireRegistered()
    {
        var identity = RequireIdentity();
        return identity.IsRegistered ? identity : throw new PassportAgentException(AgentErrorCodes.IdentityNotRegistered,
            "This identity has no handle yet; register it first (`passport register --issuer URL`).");
    }

    private sealed record Outbox(IReadOnlyList<OutboxMessage>? Messages);
}
