namespace Passport.Server.Storage;

/// <summary>Applies migrations at start, so a bad connection string fails the start instead of the first request.</summary>
internal sealed class StorageMigrator(SqlDatabase database, Signing.ServerSigningKeys keys) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = keys.KeyId; // load or generate the signing key at start, not on the first token request
        await database.MigrateAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
