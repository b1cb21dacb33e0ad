using Passport.Core.Identity;

namespace Passport.Agent.Tests.Host;

public sealed partial class FakePassportServer
{
    private readonly Dictionary<string, AgentRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Did, bool Used)> _challenges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _claimTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OwnerLinkState> _ownerLinks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GrantState> _grants = new(StringComparer.Ordinal);
    private readonly List<OutboxMessage> _outbox = [];
    private readonly HashSet<string> _invalidJtis = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _tokenSerials = new(StringComparer.Ordinal);

    public IReadOnlyList<OutboxMessage> Outbox
    {
        get
        {
            lock (_lock)
            {
                return _outbox.ToArray();
            }
        }
    }

    public AgentRecord? FindRecord(string handle)
    {
        lock (_lock)
        {
            return _records.GetValueOrDefault(handle);
        }
    }

    /// <summary>Sets the status of a record directly (for tests that need a claimed record without the mail round trip).</summary>
    public void SetStatus(string handle, string status)
    {
        lock (_lock)
        {
            _records[handle].Status = status;
        }
    }

    private AgentRecord? FindByDid(string did) => _records.Values.FirstOrDefault(r => r.Did == did);

    private void Send(string to, string subject, string link)
    {
        _outbox.Add(new OutboxMessage
        {
            Id = (_outbox.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            To = to,
            Subject = subject,
            Body = $"Open {link}",
            Links = [link],
            SentAt = DateTimeOffset.UtcNow,
        });
    }

    private static string NewSecret() => Passport.Core.Encoding.Base64UrlEncoding.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public sealed class AgentRecord
    {
        public required string Handle { get; init; }
        public required string Did { get; set; }
        public required string Status { get; set; }
        public string? Name { get; init; }
        public string? OwnerEmail { get; init; }
        public string? PendingDid { get; set; }
    }

    private sealed record OwnerLinkState(string Handle, string Action, string? NewDid, string? Actor, string[]? Scope)
    {
        public bool Used { get; set; }
    }

    private sealed record GrantState(string Id, string Principal, string Actor, string[] Scope)
    {
        public string Status { get; set; } = "ACTIVE";
    }

    private static bool IsDid(string? did) => DidKey.TryParse(did, out _, out _);
}
