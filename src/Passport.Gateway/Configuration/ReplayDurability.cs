namespace Passport.Gateway.Configuration;

/// <summary>When a Redis replay record counts as made (<c>Passport:Replay:Durability</c>).</summary>
internal enum ReplayDurability
{
    /// <summary>The primary's reply to <c>SET NX</c>: one round trip; lost if the primary dies before replicating.</summary>
    Fast,

    /// <summary>The primary's reply, then <c>WAIT 1 timeout</c>: at least one replica holds the record, or the request is refused.</summary>
    Replicated,
}

internal static class ReplayDurabilities
{
    public static ReplayDurability? TryParse(string? value) =>
        Enum.TryParse<ReplayDurability>(value, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(value, out _) ? kind : null;
}
