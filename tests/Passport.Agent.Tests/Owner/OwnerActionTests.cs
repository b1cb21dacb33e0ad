using System.Net;
using Passport.Agent.Tests.Host;
using Passport.Core.Tokens;

namespace Passport.Agent.Tests.Owner;

public sealed class OwnerActionTests : IAsyncLifetime
{
    private AgentTestContext _context = null!;

    public async Task InitializeAsync() => _context = await AgentTestContext.StartAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private ValueTask<string> NewestApprovalLink(CancellationToken _) =>
        ValueTask.FromResult(OwnerLink.FindNewest(_context.Server.Outbox, OwnerLink.ApprovePath)!);

    [Fact]
    public async Task RotateAsync_moves_the_handle_to_a_new_key_and_swaps_the_identity_file()
    {
        var store = _context.Store();
        var client = await _context.NewRegisteredClientAsync(claimed: true, store: store);
        var oldDid = client.Identity!.Did.Value;
        var handle = client.Identity.Handle;

        var rotated = await client.RotateAsync(NewestApprovalLink);

        Assert.NotEqual(oldDid, rotated.Did.Value);
        Assert.Equal(handle, rotated.Handle);
        Assert.Same(rotated, client.Identity);
        Assert.Equal(rotated.Did.Value, _context.Server.FindRecord(handle!)!.Did);
        using (var loaded = store.Load())
        {
            Assert.Equal(rotated.Did, loaded.Did);
        }
        Assert.False(File.Exists(store.PendingRotationPath));
        Assert.Equal(rotated.Did.Value, (await client.MeAsync()).Did);
    }

    [Fact]
    public async Task RequestRotation_keeps_the_new_key_pending_with_mode_0600()
    {
        var store = _context.Store();
        var client = await _context.NewRegisteredClientAsync(claimed: true, store: store);
        var pending = await client.RequestRotationAsync();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.PendingRotationPath));
        using var loaded = store.LoadPendingRotation()!;
        Assert.Equal(pending.Did, loaded.Did);
    }

    [Fact]
    public async Task Revoke_through_the_owner_link_refuses_new_tokens()
    {
        var client = await _context.NewRegisteredClientAsync(claimed: true);
        await client.RequestOwnerActionAsync(client.Identity!.Handle!, OwnerActions.Revoke);
        var result = await client.ApproveOwnerActionAsync(await NewestApprovalLink(default));
        Assert.Equal("revoke", result.Action);
        Assert.Equal(PassportStatus.Revoked, result.Status);

        var error = await Assert.ThrowsAsync<PassportApiException>(() => client.GetTokenAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (HttpStatusCode)error.Status);
    }

    [Fact]
    public async Task An_owner_link_is_single_use()
    {
        var client = await _context.NewRegisteredClientAsync(claimed: true);
        await client.RequestOwnerActionAsync(client.Identity!.Handle!, OwnerActions.Revoke);
        var link = await NewestApprovalLink(default);
        await client.ApproveOwnerActionAsync(link);
        var error = await Assert.ThrowsAsync<PassportApiException>(() => client.ApproveOwnerActionAsync(link));
        Assert.Equal("owner_link.used", error.Code);
    }

    [Fact]
    public async Task Owner_actions_on_an_unclaimed_record_are_refused()
    {
        var client = await _context.NewRegisteredClientAsync();
        var error = await Assert.ThrowsAsync<PassportApiException>(() => client.RequestOwnerActionAsync(client.Identity!.Handle!, OwnerActions.Revoke));
        Assert.Equal(409, error.Status);
        Assert.Equal("owner.not_claimed", error.Code);
    }

    [Fact]
    public async Task Rotation_needs_a_registered_identity()
    {
        var client = await _context.NewClientAsync();
        var error = await Assert.ThrowsAsync<PassportAgentException>(() => client.RequestRotationAsync());
        Assert.Equal(AgentErrorCodes.IdentityNotRegistered, error.Code);
    }
}
